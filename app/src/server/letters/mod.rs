//! Every mail the platform sends, as a letter with its facts, written out per language in one
//! place: `dutch.rs` and `english.rs` hold the words, side by side in the same order, so a
//! translator sees each letter whole. A person gets mail in the language they chose on the site
//! (kept on their account); someone without an account, in Dutch.

mod dutch;
mod english;

use chrono::NaiveDate;

/// The languages mail is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    #[default]
    Dutch,
    English,
}

impl Language {
    /// The language of a locale as the site stores it (`nl`, `en`); Dutch when unknown.
    pub fn of(locale: Option<&str>) -> Language {
        match locale {
            Some("en") => Language::English,
            _ => Language::Dutch,
        }
    }

    /// The locale code the site and the account store.
    pub fn code(self) -> &'static str {
        match self {
            Language::Dutch => "nl",
            Language::English => "en",
        }
    }
}

/// A mail with the facts it tells; each language writes it in its own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Letter<'a> {
    /// A new account: the link that confirms its address.
    ConfirmAddress { name: &'a str, link: &'a str },
    /// Someone tried to register with an address that has an account.
    AlreadyRegistered { sign_in: &'a str },
    /// A link to choose a new password.
    ResetPassword { name: &'a str, link: &'a str },
    /// To the new address of an e-mail change: the link that confirms it.
    ConfirmNewAddress { name: &'a str, link: &'a str },
    /// To the old address of an e-mail change: the warning.
    AddressChanging { name: &'a str, reset: &'a str },
    /// To the address of an account just deleted: what happened. No name: the mail leaves no
    /// trace once sent, and carries nothing more than it must.
    AccountDeleted { withdrawn: usize, site: &'a str },
    /// A personal invitation to a panel, with its code.
    PanelInvitation {
        panel: &'a str,
        municipality: &'a str,
        description: &'a str,
        link: &'a str,
        join_page: &'a str,
        code: &'a str,
    },
    /// The municipality answered a resident's comment.
    CommentAnswered { name: &'a str, consultation: &'a str, link: &'a str },
    /// A comment was reported: to the municipality's moderators.
    CommentReported { name: &'a str, queue: &'a str, link: &'a str },
    /// A desk case nears or passes a deadline: to its owner or the coordinator.
    DeskDeadline { number: &'a str, title: &'a str, deadline: Deadline, link: &'a str },
    /// The receipt of a case brought to the desk, with what comes next.
    CaseReceived {
        municipality: &'a str,
        kind: CaseKind,
        title: &'a str,
        number: &'a str,
        acknowledge_by: NaiveDate,
        answer_by: Option<NaiveDate>,
        follow: Option<&'a str>,
    },
    /// What happened to a case, told to the person who brought it.
    CaseNews { municipality: &'a str, number: &'a str, news: CaseNews<'a>, follow: Option<&'a str> },
    /// A report was published (or corrected): to someone who gave input, with links to the
    /// answers to theirs.
    ReportForParticipant {
        trajectory: &'a str,
        correction: Option<Correction<'a>>,
        answers: &'a [Answered],
        more: usize,
        report: &'a str,
    },
    /// A report was published (or corrected): to a follower of the trajectory.
    ReportForFollower { trajectory: &'a str, correction: Option<Correction<'a>>, report: &'a str, unsubscribe: &'a str },
    /// The rules of play changed: to someone who gave input (`unsubscribe` None) or a follower.
    RulesChanged { trajectory: &'a str, version: i32, reason: &'a str, link: &'a str, unsubscribe: Option<&'a str> },
    /// A new trajectory in an area or theme someone follows.
    NewTrajectory { trajectory: &'a str, summary: &'a str, link: &'a str, unsubscribe: &'a str },
}

/// Which deadline of a desk case needs attention, and when it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    AcknowledgeSoon(NaiveDate),
    AcknowledgeLate(NaiveDate),
    AnswerSoon(NaiveDate),
    AnswerLate(NaiveDate),
}

/// What was brought to the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseKind {
    Initiative,
    Idea,
    Question,
}

impl CaseKind {
    pub fn parse(kind: &str) -> CaseKind {
        match kind {
            "idea" => CaseKind::Idea,
            "question" => CaseKind::Question,
            _ => CaseKind::Initiative,
        }
    }
}

/// A step of a case, or a message from the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseNews<'a> {
    Acknowledged {
        title: &'a str,
        answer_by: Option<NaiveDate>,
    },
    InProgress {
        title: &'a str,
    },
    Closed {
        title: &'a str,
    },
    Forwarded {
        title: &'a str,
        trajectory: &'a str,
        link: &'a str,
    },
    /// The desk asks something; the clock stands still until the answer.
    Question {
        text: &'a str,
    },
    Answer {
        text: &'a str,
    },
    Message {
        text: &'a str,
    },
}

/// A later version of a report, and why it was corrected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Correction<'a> {
    pub version: i32,
    pub reason: &'a str,
}

/// One input of the reader's and the address of its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered {
    /// The input's title or its first words.
    pub what: String,
    pub link: String,
}

/// A letter written out: its subject and its plain-text body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub subject: String,
    pub body: String,
}

impl Letter<'_> {
    pub fn write(&self, language: Language) -> Written {
        let (subject, body) = match language {
            Language::Dutch => dutch::write(self),
            Language::English => english::write(self),
        };
        Written { subject, body }
    }
}

/// A day as mail writes it in either language: 05-03-2026.
fn day(date: NaiveDate) -> String {
    date.format("%d-%m-%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_of_each<'a>(day: NaiveDate, answers: &'a [Answered]) -> Vec<Letter<'a>> {
        let correction = Some(Correction { version: 2, reason: "een fout in de telling" });
        let news = [
            CaseNews::Acknowledged { title: "Bankje", answer_by: Some(day) },
            CaseNews::InProgress { title: "Bankje" },
            CaseNews::Closed { title: "Bankje" },
            CaseNews::Forwarded { title: "Bankje", trajectory: "Plein", link: "https://x.test/t/1" },
            CaseNews::Question { text: "Waar precies?" },
            CaseNews::Answer { text: "Het komt er." },
            CaseNews::Message { text: "Even een bericht." },
        ];
        let mut letters = vec![
            Letter::ConfirmAddress { name: "Ans", link: "https://x.test/bevestig" },
            Letter::AlreadyRegistered { sign_in: "https://x.test/inloggen" },
            Letter::ResetPassword { name: "Ans", link: "https://x.test/herstel" },
            Letter::ConfirmNewAddress { name: "Ans", link: "https://x.test/wijzig" },
            Letter::AddressChanging { name: "Ans", reset: "https://x.test/vergeten" },
            Letter::AccountDeleted { withdrawn: 2, site: "https://x.test" },
            Letter::AccountDeleted { withdrawn: 0, site: "https://x.test" },
            Letter::PanelInvitation {
                panel: "Jeugdpanel",
                municipality: "Duinwijk",
                description: "Voor jongeren",
                link: "https://x.test/panel?code=ABCD",
                join_page: "https://x.test/panel",
                code: "ABCD-EFGH",
            },
            Letter::CommentAnswered { name: "Ans", consultation: "Plein", link: "https://x.test/r/1" },
            Letter::CommentReported { name: "Bo", queue: "https://x.test/moderatie", link: "https://x.test/r/1" },
            Letter::CaseReceived {
                municipality: "Duinwijk",
                kind: CaseKind::Idea,
                title: "Bankje",
                number: "L-2026-0001",
                acknowledge_by: day,
                answer_by: Some(day),
                follow: Some("https://x.test/zaak/1"),
            },
            Letter::ReportForParticipant {
                trajectory: "Plein",
                correction,
                answers,
                more: 3,
                report: "https://x.test/v",
            },
            Letter::ReportForFollower {
                trajectory: "Plein",
                correction: None,
                report: "https://x.test/v",
                unsubscribe: "https://x.test/af",
            },
            Letter::RulesChanged {
                trajectory: "Plein",
                version: 2,
                reason: "later",
                link: "https://x.test/s",
                unsubscribe: None,
            },
            Letter::RulesChanged {
                trajectory: "Plein",
                version: 2,
                reason: "later",
                link: "https://x.test/s",
                unsubscribe: Some("https://x.test/af"),
            },
            Letter::NewTrajectory {
                trajectory: "Plein",
                summary: "Kort",
                link: "https://x.test/t",
                unsubscribe: "https://x.test/af",
            },
        ];
        for deadline in [
            Deadline::AcknowledgeSoon(day),
            Deadline::AcknowledgeLate(day),
            Deadline::AnswerSoon(day),
            Deadline::AnswerLate(day),
        ] {
            letters.push(Letter::DeskDeadline {
                number: "L-2026-0001",
                title: "Bankje",
                deadline,
                link: "https://x.test/z",
            });
        }
        for news in news {
            letters.push(Letter::CaseNews {
                municipality: "Duinwijk",
                number: "L-2026-0001",
                news: news.clone(),
                follow: None,
            });
        }
        letters
    }

    /// Every address a letter carries, to be found in its body.
    fn links(letter: &Letter) -> Vec<String> {
        let text = format!("{letter:?}");
        text.split('"').filter(|part| part.starts_with("https://")).map(str::to_owned).collect()
    }

    #[test]
    fn every_letter_is_written_in_both_languages_with_all_its_links() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        let answers = [Answered { what: "\"Meer groen\"".into(), link: "https://x.test/v?inbreng=c1".into() }];
        for letter in one_of_each(day, &answers) {
            let dutch = letter.write(Language::Dutch);
            let english = letter.write(Language::English);
            for written in [&dutch, &english] {
                assert!(!written.subject.trim().is_empty() && !written.body.trim().is_empty(), "{letter:?}");
                for link in links(&letter) {
                    assert!(written.body.contains(&link), "{link} missing from {written:?}");
                }
                assert!(!written.body.contains('{') && !written.subject.contains('{'), "{written:?}");
            }
            assert_ne!(dutch.body, english.body, "{letter:?} is not translated");
            assert!(dutch.body.starts_with("Hallo"), "{dutch:?}");
            assert!(english.body.starts_with("Hello"), "{english:?}");
        }
    }

    #[test]
    fn dates_are_written_day_first_and_a_case_without_an_account_is_told_how_to_reply() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        let letter = Letter::CaseNews {
            municipality: "Duinwijk",
            number: "L-1",
            news: CaseNews::Acknowledged { title: "Bankje", answer_by: Some(day) },
            follow: None,
        };
        let dutch = letter.write(Language::Dutch);
        assert_eq!(dutch.subject, "We hebben je zaak bekeken (L-1)");
        assert!(dutch.body.contains("uiterlijk 05-03-2026"), "{}", dutch.body);
        assert!(dutch.body.contains("Je kunt op deze e-mail antwoorden of het loket bellen."));
        assert!(letter.write(Language::English).body.contains("by 05-03-2026"));
    }

    #[test]
    fn the_language_is_the_one_chosen_on_the_site_and_dutch_otherwise() {
        assert_eq!(Language::of(Some("en")), Language::English);
        assert_eq!(Language::of(Some("nl")), Language::Dutch);
        assert_eq!(Language::of(Some("fr")), Language::Dutch);
        assert_eq!(Language::of(None), Language::Dutch);
        assert_eq!(Language::of(Some(Language::English.code())), Language::English);
    }
}
