//! One voice: Samenspraak speaks to people as "je" everywhere (B1, as the municipalities' policy
//! texts ask), never "u" on one line and "je" on the next; and a number never stands before a
//! plural noun ("1 reacties"): counts are written as "Reacties: 1". These tests read every Dutch
//! text of the interface, so a new text cannot bring the mistakes back.

const DUTCH: &str = include_str!("../../locales/nl.json");

#[test]
fn dutch_texts_say_je_not_u() {
    let formal: Vec<&str> = DUTCH
        .lines()
        .filter(|line| line.split(|c: char| !c.is_alphanumeric()).any(|word| matches!(word, "u" | "U" | "uw" | "Uw")))
        .collect();
    assert!(formal.is_empty(), "these texts say 'u' or 'uw'; write 'je' or 'jouw':\n{}", formal.join("\n"));
}

#[test]
fn a_count_never_stands_before_a_plural_noun() {
    // Words that read well after any number, 1 included.
    const FINE_AFTER_A_COUNT: &[&str] = &["keer", "of", "van", "op", "tot"];
    let wrong: Vec<&str> = DUTCH
        .lines()
        .filter(|line| {
            line.split("{{ count }} ").skip(1).any(|after| {
                let word: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
                !word.is_empty() && !FINE_AFTER_A_COUNT.contains(&word.as_str())
            })
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "write these as 'Reacties: {{{{ count }}}}', which reads well for 1 too:\n{}",
        wrong.join("\n")
    );
}
