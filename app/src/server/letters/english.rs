//! The letters in English, in the same order as the Dutch ones.

use super::{day, Answered, CaseKind, CaseNews, Correction, Deadline, Letter};

pub(super) fn write(letter: &Letter) -> (String, String) {
    match letter {
        Letter::ConfirmAddress { name, link } => (
            "Confirm your e-mail address".to_owned(),
            format!(
                "Hello {name},\n\nYou created an account on Samenspraak. Confirm your e-mail address with this link:\n\n{link}\n\nThe link works for 3 days. Did you not create an account? Then you need not do anything.\n"
            ),
        ),
        Letter::AlreadyRegistered { sign_in } => (
            "You already have an account".to_owned(),
            format!(
                "Hello,\n\nSomeone tried to create an account on Samenspraak with this e-mail address. There already is an account with this address.\n\nWas this you? Then sign in at {sign_in}. Forgot your password? Then ask for a new one.\n\nWas this not you? Then you need not do anything.\n"
            ),
        ),
        Letter::ResetPassword { name, link } => (
            "Choose a new password".to_owned(),
            format!(
                "Hello {name},\n\nYou asked for a new password for Samenspraak. Choose a new password with this link:\n\n{link}\n\nThe link works for 1 hour and only once. Did you not ask for this? Then you need not do anything: your password stays the same.\n"
            ),
        ),
        Letter::ConfirmNewAddress { name, link } => (
            "Confirm your new e-mail address".to_owned(),
            format!(
                "Hello {name},\n\nYou want to use this e-mail address for Samenspraak. Confirm it with this link:\n\n{link}\n\nThe link works for 3 days.\n"
            ),
        ),
        Letter::AddressChanging { name, reset } => (
            "Your e-mail address is being changed".to_owned(),
            format!(
                "Hello {name},\n\nSomeone asked to change the e-mail address of your Samenspraak account. The new address has to confirm it first.\n\nWas this not you? Then choose a new password right away at {reset}.\n"
            ),
        ),
        Letter::AccountDeleted { withdrawn, site } => (
            "Your account has been deleted".to_owned(),
            format!(
                "Hello,\n\nYour account on Samenspraak ({site}) has been deleted. Your e-mail address, your name, your date of birth, your area and everything you followed are gone. You are logged out everywhere.\n\n{}Votes still count, but can no longer be linked to you. Reports already published stay as they are, without your name. Your questions and initiatives at the desk remain, without your contact details.\n\nWe do not keep this e-mail. Was this not you? Then contact your municipality.\n",
                if *withdrawn > 0 {
                    format!("{withdrawn} comment(s) on a consultation that was still open have been withdrawn. Your other comments stay, with 'Resident' instead of your name.\n\n")
                } else {
                    "Your comments stay, with 'Resident' instead of your name.\n\n".to_owned()
                }
            ),
        ),
        Letter::PanelInvitation { panel, municipality, description, link, join_page, code } => (
            format!("Invitation: take part in {panel}"),
            format!(
                "Hello,\n\nYou are invited to take part in {panel} of {municipality}.\n\n{description}\n\n\
                 Want to take part? Open this link, sign in or create an account, and click 'Join':\n{link}\n\n\
                 Or type this code at {join_page}: {code}\n\n\
                 The code is personal and works once. Don't want to take part? Then you need not do anything.\n"
            ),
        ),
        Letter::CommentAnswered { name, consultation, link } => (
            format!("The municipality answered: {consultation}"),
            format!(
                "Hello {name},\n\nThe municipality replied to your comment in \"{consultation}\".\n\nRead the answer: {link}\n\n--\nYou get this e-mail because you commented in this consultation.\n"
            ),
        ),
        Letter::CommentReported { name, queue, link } => (
            "A comment was reported".to_owned(),
            format!(
                "Hello {name},\n\nSomeone reported a comment. See the report in the queue: {queue}\n\nThe comment itself: {link}\n"
            ),
        ),
        Letter::DeskDeadline { number, title, deadline, link } => (
            format!("Desk deadline: {number} {title}"),
            format!(
                "Hello,\n\nCase {number} \"{title}\" of the participation desk needs attention.\n{sentence}\n\n\
                 See the case: {link}\n\nYou get this message once.\n",
                sentence = deadline_sentence(*deadline),
            ),
        ),
        Letter::CaseReceived { municipality, kind, title, number, acknowledge_by, answer_by, follow } => (
            format!("Received: {title} ({number})"),
            format!(
                "Hello,\n\nThe participation desk of {municipality} has received your {kind} \"{title}\".\n\
                 Your case number is {number}.\n\n\
                 What you can expect:\n\
                 - by {ack} at the latest we let you know who takes up your case;\n\
                 - by {answer} at the latest you get an answer on the substance.\n\
                 If we ask you something, the clock stops until you answer.\n\n{link}\
                 Kind regards,\nThe participation desk of {municipality}\n",
                kind = kind_word(*kind),
                ack = day(*acknowledge_by),
                answer = answer_by.map(day).unwrap_or_default(),
                link = follow.map(|link| format!("Follow your case: {link}\n\n")).unwrap_or_default(),
            ),
        ),
        Letter::CaseNews { municipality, number, news, follow } => {
            let (subject, text) = case_news(news);
            let follow = match follow {
                Some(link) => format!("\nSee your case and reply: {link}\n"),
                None => "\nYou can reply to this e-mail or call the desk.\n".to_owned(),
            };
            (
                format!("{subject} ({number})"),
                format!("Hello,\n\n{text}\n{follow}\nKind regards,\nThe participation desk of {municipality}\n"),
            )
        }
        Letter::ReportForParticipant { trajectory, correction, answers, more, report } => (
            report_subject(trajectory, correction),
            format!(
                "Hello,\n\nYou took part in \"{trajectory}\". The report has been published. For every comment it says what the municipality did with it, and why.\n\n{correction}Read the answer to your input:\n{links}\nThe whole report: {report}\n\n--\nYou get this e-mail because you took part in this trajectory.\n",
                correction = correction_text(correction),
                links = answer_links(answers, *more, report),
            ),
        ),
        Letter::ReportForFollower { trajectory, correction, report, unsubscribe } => (
            report_subject(trajectory, correction),
            format!(
                "Hello,\n\nThe report of \"{trajectory}\" has been published: what was done with all input, and why.\n\n{correction}Read the report: {report}\n{footer}",
                correction = correction_text(correction),
                footer = footer(unsubscribe),
            ),
        ),
        Letter::RulesChanged { trajectory, version, reason, link, unsubscribe: None } => (
            format!("Rules of play changed: {trajectory}"),
            format!(
                "Hello,\n\nYou commented in \"{trajectory}\". The rules of play of this trajectory have changed. This is now version {version}.\n\nWhy: {reason}\n\nRead the new rules of play and what changed: {link}\n\n--\nYou get this e-mail once, because you took part in this trajectory.\n"
            ),
        ),
        Letter::RulesChanged { trajectory, version, reason, link, unsubscribe: Some(unsubscribe) } => (
            format!("Rules of play changed: {trajectory}"),
            format!(
                "Hello,\n\nThe rules of play of \"{trajectory}\" have changed. This is now version {version}.\n\nWhy: {reason}\n\nRead the new rules of play and what changed: {link}\n{footer}",
                footer = footer(unsubscribe),
            ),
        ),
        Letter::NewTrajectory { trajectory, summary, link, unsubscribe } => (
            format!("New trajectory: {trajectory}"),
            format!(
                "Hello,\n\nThere is a new participation trajectory: \"{trajectory}\".\n\n{summary}\n\nRead more and see the rules of play: {link}\n{footer}",
                footer = footer(unsubscribe),
            ),
        ),
    }
}

fn deadline_sentence(deadline: Deadline) -> String {
    match deadline {
        Deadline::AcknowledgeSoon(by) => format!("Receipt must be acknowledged by {} at the latest.", day(by)),
        Deadline::AcknowledgeLate(by) => format!("Receipt was not acknowledged in time (by {}).", day(by)),
        Deadline::AnswerSoon(by) => format!("The answer must be given by {} at the latest.", day(by)),
        Deadline::AnswerLate(by) => format!("The answer is late: it was due by {}.", day(by)),
    }
}

fn kind_word(kind: CaseKind) -> &'static str {
    match kind {
        CaseKind::Idea => "idea",
        CaseKind::Question => "question",
        CaseKind::Initiative => "initiative",
    }
}

fn case_news(news: &CaseNews) -> (&'static str, String) {
    match news {
        CaseNews::Acknowledged { title, answer_by } => (
            "We have looked at your case",
            format!(
                "We have looked at \"{title}\" and are getting to work on it. You get an answer on the substance by {} at the latest.",
                answer_by.map(day).unwrap_or_default()
            ),
        ),
        CaseNews::InProgress { title } => ("Your case is being handled", format!("Someone at the desk has taken up \"{title}\".")),
        CaseNews::Closed { title } => ("Your case is closed", format!("We have closed \"{title}\". Thank you.")),
        CaseNews::Forwarded { title, trajectory, link } => (
            "Your case continues in a trajectory",
            format!("We take \"{title}\" along in the trajectory \"{trajectory}\": {link}"),
        ),
        CaseNews::Question { text } => ("A question about your case", (*text).to_owned()),
        CaseNews::Answer { text } => ("An answer to your case", (*text).to_owned()),
        CaseNews::Message { text } => ("A message about your case", (*text).to_owned()),
    }
}

fn report_subject(trajectory: &str, correction: &Option<Correction>) -> String {
    match correction {
        None => format!("What was done with your input: {trajectory}"),
        Some(_) => format!("Report corrected: {trajectory}"),
    }
}

fn correction_text(correction: &Option<Correction>) -> String {
    correction
        .map(|c| format!("There is a corrected version of the report: version {}.\nWhy: {}\n\n", c.version, c.reason))
        .unwrap_or_default()
}

fn answer_links(answers: &[Answered], more: usize, report: &str) -> String {
    let mut links: String = answers.iter().map(|a| format!("- {}\n  {}\n", a.what, a.link)).collect();
    if more > 0 {
        links.push_str(&format!("- and {more} more: {report}\n"));
    }
    links
}

fn footer(unsubscribe: &str) -> String {
    format!(
        "\n--\nYou get this e-mail because you follow this on Samenspraak. Don't want these messages any more? Go to {unsubscribe} and click the button.\n"
    )
}
