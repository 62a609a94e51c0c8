//! One voice: Samenspraak speaks to people as "je" everywhere (B1, as the municipalities' policy
//! texts ask), never "u" on one line and "je" on the next. This test reads every Dutch text of
//! the interface and fails on a formal pronoun, so a new text cannot bring the mix back.

const DUTCH: &str = include_str!("../../locales/nl.json");

#[test]
fn dutch_texts_say_je_not_u() {
    let formal: Vec<&str> = DUTCH
        .lines()
        .filter(|line| line.split(|c: char| !c.is_alphanumeric()).any(|word| matches!(word, "u" | "U" | "uw" | "Uw")))
        .collect();
    assert!(formal.is_empty(), "these texts say 'u' or 'uw'; write 'je' or 'jouw':\n{}", formal.join("\n"));
}
