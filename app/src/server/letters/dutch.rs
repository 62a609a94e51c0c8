//! The letters in Dutch (B1: short sentences, "je", what to do first).

use super::{day, Answered, CaseKind, CaseNews, Correction, Deadline, Letter};

pub(super) fn write(letter: &Letter) -> (String, String) {
    match letter {
        Letter::ConfirmAddress { name, link } => (
            "Bevestig je e-mailadres".to_owned(),
            format!(
                "Hallo {name},\n\nJe hebt een account gemaakt op Samenspraak. Bevestig je e-mailadres met deze link:\n\n{link}\n\nDe link werkt 3 dagen. Heb jij geen account gemaakt? Dan hoef je niets te doen.\n"
            ),
        ),
        Letter::AlreadyRegistered { sign_in } => (
            "Je hebt al een account".to_owned(),
            format!(
                "Hallo,\n\nIemand probeerde een account op Samenspraak te maken met dit e-mailadres. Er bestaat al een account met dit adres.\n\nWas jij dit? Log dan in via {sign_in}. Weet je je wachtwoord niet meer? Vraag dan een nieuw wachtwoord aan.\n\nWas jij dit niet? Dan hoef je niets te doen.\n"
            ),
        ),
        Letter::ResetPassword { name, link } => (
            "Nieuw wachtwoord kiezen".to_owned(),
            format!(
                "Hallo {name},\n\nJe hebt gevraagd om een nieuw wachtwoord voor Samenspraak. Kies een nieuw wachtwoord via deze link:\n\n{link}\n\nDe link werkt 1 uur en maar 1 keer. Heb jij dit niet gevraagd? Dan hoef je niets te doen: je wachtwoord blijft hetzelfde.\n"
            ),
        ),
        Letter::ConfirmNewAddress { name, link } => (
            "Bevestig je nieuwe e-mailadres".to_owned(),
            format!(
                "Hallo {name},\n\nJe wilt dit e-mailadres gebruiken voor Samenspraak. Bevestig dat met deze link:\n\n{link}\n\nDe link werkt 3 dagen.\n"
            ),
        ),
        Letter::AddressChanging { name, reset } => (
            "Je e-mailadres wordt veranderd".to_owned(),
            format!(
                "Hallo {name},\n\nIemand heeft gevraagd om het e-mailadres van je Samenspraak-account te veranderen. Het nieuwe adres moet dat eerst bevestigen.\n\nWas jij dit niet? Kies dan meteen een nieuw wachtwoord via {reset}.\n"
            ),
        ),
        Letter::AccountDeleted { withdrawn, site } => (
            "Je account is verwijderd".to_owned(),
            format!(
                "Hallo,\n\nJe account op Samenspraak ({site}) is verwijderd. Je e-mailadres, je naam, je geboortedatum, je wijk en alles wat je volgde zijn weg. Je bent overal uitgelogd.\n\n{}Stemmen blijven meetellen, maar zijn niet meer aan jou te koppelen. Verslagen die al gepubliceerd zijn, blijven zoals ze zijn, zonder je naam. Je vragen en initiatieven bij het loket blijven bestaan zonder je contactgegevens.\n\nWe bewaren deze e-mail niet. Was jij dit niet? Neem dan contact op met je gemeente.\n",
                if *withdrawn > 0 {
                    format!("{withdrawn} reactie(s) op een inspraak die nog open was, zijn ingetrokken. Je andere reacties blijven staan, met 'Inwoner' in plaats van je naam.\n\n")
                } else {
                    "Je reacties blijven staan, met 'Inwoner' in plaats van je naam.\n\n".to_owned()
                }
            ),
        ),
        Letter::PanelInvitation { panel, municipality, description, link, join_page, code } => (
            format!("Uitnodiging: doe mee met {panel}"),
            format!(
                "Hallo,\n\nJe bent uitgenodigd om mee te doen met {panel} van {municipality}.\n\n{description}\n\n\
                 Meedoen? Open deze link, log in of maak een account, en klik op 'Lid worden':\n{link}\n\n\
                 Of typ deze code op {join_page}: {code}\n\n\
                 De code is persoonlijk en werkt één keer. Wil je niet meedoen? Dan hoef je niets te doen.\n"
            ),
        ),
        Letter::CommentAnswered { name, consultation, link } => (
            format!("Antwoord van de gemeente: {consultation}"),
            format!(
                "Hallo {name},\n\nDe gemeente heeft gereageerd op je reactie in \"{consultation}\".\n\nLees het antwoord: {link}\n\n--\nJe krijgt deze e-mail omdat je in deze raadpleging hebt gereageerd.\n"
            ),
        ),
        Letter::CommentReported { name, queue, link } => (
            "Een reactie is gemeld".to_owned(),
            format!(
                "Hallo {name},\n\nIemand heeft een reactie gemeld. Bekijk de melding in de wachtrij: {queue}\n\nDe reactie zelf: {link}\n"
            ),
        ),
        Letter::DeskDeadline { number, title, deadline, link } => (
            format!("Termijn loket: {number} {title}"),
            format!(
                "Hallo,\n\nZaak {number} \"{title}\" van het participatieloket vraagt aandacht.\n{sentence}\n\n\
                 Bekijk de zaak: {link}\n\nJe krijgt dit bericht één keer.\n",
                sentence = deadline_sentence(*deadline),
            ),
        ),
        Letter::CaseReceived { municipality, kind, title, number, acknowledge_by, answer_by, follow } => (
            format!("Ontvangen: {title} ({number})"),
            format!(
                "Hallo,\n\nHet participatieloket van {municipality} heeft je {kind} \"{title}\" ontvangen.\n\
                 Je zaaknummer is {number}.\n\n\
                 Wat je kunt verwachten:\n\
                 - uiterlijk {ack} laten we weten wie je zaak oppakt;\n\
                 - uiterlijk {answer} krijg je een inhoudelijk antwoord.\n\
                 Vragen wij jou iets, dan staat de klok stil tot je antwoordt.\n\n{link}\
                 Met vriendelijke groet,\nHet participatieloket van {municipality}\n",
                kind = kind_word(*kind),
                ack = day(*acknowledge_by),
                answer = answer_by.map(day).unwrap_or_default(),
                link = follow.map(|link| format!("Volg je zaak: {link}\n\n")).unwrap_or_default(),
            ),
        ),
        Letter::CaseNews { municipality, number, news, follow } => {
            let (subject, text) = case_news(news);
            let follow = match follow {
                Some(link) => format!("\nBekijk je zaak en antwoord: {link}\n"),
                None => "\nJe kunt op deze e-mail antwoorden of het loket bellen.\n".to_owned(),
            };
            (
                format!("{subject} ({number})"),
                format!("Hallo,\n\n{text}\n{follow}\nMet vriendelijke groet,\nHet participatieloket van {municipality}\n"),
            )
        }
        Letter::ReportForParticipant { trajectory, correction, answers, more, report } => (
            report_subject(trajectory, correction),
            format!(
                "Hallo,\n\nJe hebt meegedaan aan \"{trajectory}\". Het verslag is gepubliceerd. Daarin staat bij elke reactie wat de gemeente ermee heeft gedaan, en waarom.\n\n{correction}Lees het antwoord op jouw inbreng:\n{links}\nHet hele verslag: {report}\n\n--\nJe krijgt deze e-mail omdat je in dit traject hebt meegedaan.\n",
                correction = correction_text(correction),
                links = answer_links(answers, *more, report),
            ),
        ),
        Letter::ReportForFollower { trajectory, correction, report, unsubscribe } => (
            report_subject(trajectory, correction),
            format!(
                "Hallo,\n\nHet verslag van \"{trajectory}\" is gepubliceerd: wat er met alle inbreng is gedaan, en waarom.\n\n{correction}Lees het verslag: {report}\n{footer}",
                correction = correction_text(correction),
                footer = footer(unsubscribe),
            ),
        ),
        Letter::RulesChanged { trajectory, version, reason, link, unsubscribe: None } => (
            format!("Spelregels veranderd: {trajectory}"),
            format!(
                "Hallo,\n\nJe hebt gereageerd in \"{trajectory}\". De spelregels van dit traject zijn veranderd. Dit is nu versie {version}.\n\nWaarom: {reason}\n\nLees de nieuwe spelregels en wat er veranderd is: {link}\n\n--\nJe krijgt deze e-mail één keer, omdat je in dit traject hebt meegedaan.\n"
            ),
        ),
        Letter::RulesChanged { trajectory, version, reason, link, unsubscribe: Some(unsubscribe) } => (
            format!("Spelregels veranderd: {trajectory}"),
            format!(
                "Hallo,\n\nDe spelregels van \"{trajectory}\" zijn veranderd. Dit is nu versie {version}.\n\nWaarom: {reason}\n\nLees de nieuwe spelregels en wat er veranderd is: {link}\n{footer}",
                footer = footer(unsubscribe),
            ),
        ),
        Letter::NewTrajectory { trajectory, summary, link, unsubscribe } => (
            format!("Nieuw traject: {trajectory}"),
            format!(
                "Hallo,\n\nEr is een nieuw participatietraject: \"{trajectory}\".\n\n{summary}\n\nLees meer en bekijk de spelregels: {link}\n{footer}",
                footer = footer(unsubscribe),
            ),
        ),
    }
}

fn deadline_sentence(deadline: Deadline) -> String {
    match deadline {
        Deadline::AcknowledgeSoon(by) => format!("De ontvangst moet uiterlijk {} bevestigd zijn.", day(by)),
        Deadline::AcknowledgeLate(by) => format!("De ontvangst is niet op tijd bevestigd (uiterlijk {}).", day(by)),
        Deadline::AnswerSoon(by) => format!("Het antwoord moet uiterlijk {} gegeven zijn.", day(by)),
        Deadline::AnswerLate(by) => format!("Het antwoord is te laat: het moest uiterlijk {} gegeven zijn.", day(by)),
    }
}

fn kind_word(kind: CaseKind) -> &'static str {
    match kind {
        CaseKind::Idea => "idee",
        CaseKind::Question => "vraag",
        CaseKind::Initiative => "initiatief",
    }
}

/// The subject and the words of a case's news.
fn case_news(news: &CaseNews) -> (&'static str, String) {
    match news {
        CaseNews::Acknowledged { title, answer_by } => (
            "We hebben je zaak bekeken",
            format!(
                "We hebben \"{title}\" bekeken en gaan ermee aan de slag. Je krijgt uiterlijk {} een inhoudelijk antwoord.",
                answer_by.map(day).unwrap_or_default()
            ),
        ),
        CaseNews::InProgress { title } => {
            ("Je zaak is in behandeling", format!("Een medewerker van het loket heeft \"{title}\" opgepakt."))
        }
        CaseNews::Closed { title } => ("Je zaak is afgesloten", format!("We hebben \"{title}\" afgesloten. Dank je wel.")),
        CaseNews::Forwarded { title, trajectory, link } => (
            "Je zaak gaat verder in een traject",
            format!("\"{title}\" nemen we mee in het traject \"{trajectory}\": {link}"),
        ),
        CaseNews::Question { text } => ("Een vraag over je zaak", (*text).to_owned()),
        CaseNews::Answer { text } => ("Antwoord op je zaak", (*text).to_owned()),
        CaseNews::Message { text } => ("Bericht over je zaak", (*text).to_owned()),
    }
}

fn report_subject(trajectory: &str, correction: &Option<Correction>) -> String {
    match correction {
        None => format!("Wat er met je inbreng is gedaan: {trajectory}"),
        Some(_) => format!("Verslag verbeterd: {trajectory}"),
    }
}

fn correction_text(correction: &Option<Correction>) -> String {
    correction
        .map(|c| {
            format!("Er is een verbeterde versie van het verslag: versie {}.\nWaarom: {}\n\n", c.version, c.reason)
        })
        .unwrap_or_default()
}

fn answer_links(answers: &[Answered], more: usize, report: &str) -> String {
    let mut links: String = answers.iter().map(|a| format!("- {}\n  {}\n", a.what, a.link)).collect();
    if more > 0 {
        links.push_str(&format!("- en nog {more} meer: {report}\n"));
    }
    links
}

fn footer(unsubscribe: &str) -> String {
    format!(
        "\n--\nJe krijgt deze e-mail omdat je dit volgt op Samenspraak. Wil je deze berichten niet meer? Ga naar {unsubscribe} en klik op de knop.\n"
    )
}
