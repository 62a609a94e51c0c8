//! Password rules from QUALITY.md (ASVS): at least 12 characters, no composition rules, and no
//! password from a list of common ones or one that is a trivial pattern.

use super::validation::Problem;

pub const PASSWORD_MIN: u32 = 12;
/// Long enough for any passphrase, short enough that hashing it cannot be used to tire the server.
pub const PASSWORD_MAX: u32 = 256;

/// Common passwords of 12 characters or more; shorter ones are already refused by length.
const COMMON_PASSWORDS: &str = include_str!("common_passwords.txt");

pub fn check_new_password(password: &str, personal: &[&str]) -> Result<(), Problem> {
    let length = password.chars().count();
    if length < PASSWORD_MIN as usize {
        return Err(Problem::PasswordTooShort { min: PASSWORD_MIN });
    }
    if length > PASSWORD_MAX as usize {
        return Err(Problem::PasswordTooLong { max: PASSWORD_MAX });
    }
    let lowered = password.to_lowercase();
    if COMMON_PASSWORDS.lines().any(|common| common.trim() == lowered)
        || is_trivial_pattern(&lowered)
        || personal.iter().map(|p| p.trim().to_lowercase()).any(|p| p.chars().count() >= 4 && lowered == p)
    {
        return Err(Problem::PasswordTooCommon);
    }
    Ok(())
}

/// One character repeated, a short unit repeated ("abcabcabcabc"), or a straight run of
/// consecutive characters ("abcdefghijklm", "987654321098").
fn is_trivial_pattern(password: &str) -> bool {
    let chars: Vec<char> = password.chars().collect();
    let n = chars.len();
    let repeats_unit =
        (1..=n / 2).any(|unit| n.is_multiple_of(unit) && chars.chunks(unit).all(|c| c == &chars[..unit]));
    let steps: Vec<i64> = chars.windows(2).map(|w| i64::from(u32::from(w[1])) - i64::from(u32::from(w[0]))).collect();
    let straight_run = steps.iter().all(|&s| s == 1 || s == -9) || steps.iter().all(|&s| s == -1 || s == 9);
    repeats_unit || straight_run
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_is_the_rule_not_composition() {
        assert_eq!(check_new_password("kort", &[]), Err(Problem::PasswordTooShort { min: 12 }));
        assert_eq!(check_new_password("elfletters1", &[]), Err(Problem::PasswordTooShort { min: 12 }));
        // All lowercase, no digits or symbols: fine when long and not common.
        assert_eq!(check_new_password("paardenbloem in de wei", &[]), Ok(()));
        assert_eq!(check_new_password(&"ab7".repeat(100), &[]), Err(Problem::PasswordTooLong { max: 256 }));
    }

    #[test]
    fn common_and_trivial_passwords_are_refused() {
        for bad in [
            "Wachtwoord123",
            "welkom123456",
            "123456789012",
            "aaaaaaaaaaaa",
            "abcabcabcabc",
            "abcdefghijklmn",
            "987654321098",
        ] {
            assert_eq!(check_new_password(bad, &[]), Err(Problem::PasswordTooCommon), "{bad}");
        }
    }

    #[test]
    fn the_email_address_itself_is_not_a_password() {
        assert_eq!(check_new_password("anne@example.nl", &["anne@example.nl"]), Err(Problem::PasswordTooCommon));
    }
}
