//! Text from people is never markup, on any page: the hostile corpus (`server::hostile_text`) is
//! stored through every form that takes text, and every page that shows it is parsed with a real
//! HTML parser (html5ever, as browsers parse) that fails on any element or attribute the page's
//! template did not write. The same for query parameters a page echoes and for the typed values a
//! refused form sends back without JavaScript.

use crate::common::{TestApp, ORIGIN};
use http::StatusCode;
use scraper::{ElementRef, Html, Selector};
use server::hostile_text::{self, Corpus, LONG, SHORT};
use std::collections::HashMap;

/// Everything wrong with one page: injected elements or attributes (the corpus marks each with
/// `xss`), event handlers, refreshes, foreign bases, frames and forms, `javascript:` and `data:`
/// links, scripts the CSP nonce does not cover, and a second document `<title>`.
pub(crate) fn injections(html: &str) -> Vec<String> {
    let document = Html::parse_document(html);
    let mut found = Vec::new();
    let all = Selector::parse("*").unwrap();
    let mut titles = 0;
    for element in document.select(&all) {
        let e = element.value();
        let tag = e.name();
        let describe =
            || format!("<{tag} {}>", e.attrs().map(|(k, v)| format!("{k}=\"{v}\"")).collect::<Vec<_>>().join(" "));
        if tag.contains("xss") {
            found.push(format!("element {}", describe()));
        }
        for (name, value) in e.attrs() {
            let value = value.trim().to_ascii_lowercase();
            if name.contains("xss") || name.starts_with("on") {
                found.push(format!("attribute {name} on {}", describe()));
            }
            if matches!(name, "href" | "src" | "action" | "formaction" | "xlink:href")
                && (value.starts_with("javascript:") || value.starts_with("data:") || value.starts_with("vbscript:"))
            {
                found.push(format!("{name}={value} on {}", describe()));
            }
        }
        match tag {
            "meta" if e.attr("http-equiv").is_some() => found.push(format!("refresh {}", describe())),
            "base" | "iframe" | "frame" | "object" | "embed" => found.push(format!("element {}", describe())),
            "form" if e.attr("action").is_some_and(|a| a.starts_with("http") || a.starts_with("//")) => {
                found.push(format!("form to elsewhere {}", describe()))
            }
            "script" => {
                let empty = element.text().all(|t| t.trim().is_empty());
                let own_src = e.attr("src").is_none_or(|src| src.starts_with("/pkg/"));
                if !(e.attr("nonce").is_some() || (empty && e.attr("src").is_none())) || !own_src {
                    found.push(format!("script {}", describe()));
                }
            }
            "style" if e.attr("nonce").is_none() => found.push(format!("style {}", describe())),
            "title" if !in_svg(&element) => titles += 1,
            _ => {}
        }
    }
    if titles != 1 {
        found.push(format!("{titles} document titles"));
    }
    found
}

/// SVG images carry `<title>`s of their own (the charts' accessible names).
fn in_svg(element: &ElementRef) -> bool {
    element.ancestors().filter_map(ElementRef::wrap).any(|a| a.value().name() == "svg")
}

pub(crate) fn title_of(html: &str) -> String {
    let document = Html::parse_document(html);
    let selector = Selector::parse("head > title").unwrap();
    document.select(&selector).next().map(|t| t.text().collect()).unwrap_or_default()
}

fn textareas_of(html: &str) -> Vec<String> {
    let document = Html::parse_document(html);
    let selector = Selector::parse("textarea").unwrap();
    document.select(&selector).map(|t| t.text().collect()).collect()
}

fn assert_clean(path: &str, html: &str) {
    let found = injections(html);
    assert!(found.is_empty(), "{path} lets markup through:\n{}\n\n{html}", found.join("\n"));
}

async fn stored() -> (TestApp, Corpus, HashMap<String, String>) {
    // With the demo municipalities beside it, as in the browser tests (with one municipality the
    // home page goes straight to it).
    let (app, _) = TestApp::seeded().await;
    let corpus = hostile_text::store(&app.router, &app.db, ORIGIN).await.unwrap();
    let mut cookies = HashMap::new();
    for (email, password) in &corpus.accounts {
        cookies.insert(email.clone(), app.log_in(email, password).await);
    }
    (app, corpus, cookies)
}

#[test]
fn the_checker_finds_what_it_looks_for() {
    let page = |body: &str| format!("<!DOCTYPE html><html><head><title>t</title></head><body>{body}</body></html>");
    assert!(injections(&page("<p class=\"x\">&lt;b data-xss&gt;</p>")).is_empty());
    for bad in [
        "<b data-xss=1>x</b>",
        "<img src=x onerror=alert(1)>",
        "<meta http-equiv=refresh content=0>",
        "<a href=\" JavaScript:alert(1)\">x</a>",
        "<script>alert(1)</script>",
        "<xss-probe></xss-probe>",
        "<iframe></iframe>",
        "</title><title>second",
    ] {
        assert!(!injections(&page(bad)).is_empty(), "{bad} not found");
    }
    // A title closed early in the head puts the rest in the body: a second title is not needed
    // to see it, the marked element is.
    let broken = "<!DOCTYPE html><html><head><title>Plein</title><b data-xss>x</b></title></head><body></body></html>";
    assert!(!injections(broken).is_empty());
}

#[tokio::test]
async fn hostile_text_in_every_field_is_shown_as_text_on_every_page() {
    let (app, corpus, cookies) = stored().await;
    assert!(corpus.visits.len() > 30, "the corpus covers the pages that show people's text");
    for visit in &corpus.visits {
        let cookie = visit.account.as_ref().map(|a| cookies[a].as_str());
        let reply = app.get(&visit.path, cookie).await;
        assert_eq!(reply.status, StatusCode::OK, "{} as {:?}: {}", visit.path, visit.account, reply.body);
        if visit.path.starts_with("/api/") {
            let json = reply.json();
            assert!(json.to_string().contains("xss-probe"), "{}: the text is kept as written", visit.path);
            continue;
        }
        assert_clean(&visit.path, &reply.body);
    }
}

#[tokio::test]
async fn titles_and_textareas_show_exactly_the_stored_text() {
    let (app, corpus, cookies) = stored().await;
    let reader = |path: &str| corpus.visits.iter().find(|v| v.path.starts_with(path) && v.path.len() > path.len());
    // Pages whose title is a stored title: the whole hostile text is in it, as text.
    let mut titled = 0;
    for prefix in ["/proefstad/trajecten/", "/proefstad/raadplegingen/", "/proefstad/peilingen/", "/proefstad/ideeen/"]
    {
        let visit = reader(prefix).unwrap_or_else(|| panic!("no page under {prefix}"));
        let reply = app.get(&visit.path, None).await;
        let title = title_of(&reply.body);
        assert!(title.starts_with(SHORT), "{}: title {title:?}", visit.path);
        titled += 1;
    }
    assert_eq!(titled, 4);
    // Editors hold the stored text in their textareas, character for character.
    let lead = cookies.keys().find(|k| k.starts_with("projectleider")).unwrap();
    let editor =
        corpus.visits.iter().find(|v| v.path.ends_with("/bewerken") && v.path.contains("/trajecten/")).unwrap();
    let reply = app.get(&editor.path, Some(&cookies[lead])).await;
    let areas = textareas_of(&reply.body);
    assert!(areas.iter().any(|t| t.trim() == LONG.trim()), "{}: {areas:#?}", editor.path);
    // The resident's own comment sits in their edit box the same way.
    let resident = cookies.keys().find(|k| k.starts_with("inwoner")).unwrap();
    let consultation = corpus
        .visits
        .iter()
        .find(|v| v.path.contains("/raadplegingen/") && v.account.as_deref() == Some(resident.as_str()))
        .unwrap();
    let reply = app.get(&consultation.path, Some(&cookies[resident])).await;
    assert!(textareas_of(&reply.body).iter().any(|t| t.trim() == LONG.trim()), "{}", consultation.path);
}

/// Every query parameter a page reads, with hostile values: whatever a page echoes (in a link,
/// a filter's field, a message) stays text.
#[tokio::test]
async fn hostile_query_parameters_are_echoed_as_text() {
    let (app, corpus, cookies) = stored().await;
    let params = [
        "pagina",
        "opgeslagen",
        "token",
        "gebied",
        "status",
        "sorteer",
        "ingevoerd",
        "gewijzigd",
        "activiteit",
        "verstuurd",
        "versie",
        "vergadering",
        "uitgenodigd",
        "thema",
        "termijn",
        "stand",
        "q",
        "papier",
        "ontvangen",
        "onderdeel",
        "niveau",
        "next",
        "lid",
        "klaar",
        "key",
        "kanaal",
        "inbreng",
        "hersteld",
        "gestemd",
        "geplaatst",
        "gemeld",
        "code",
        "bijlage_fout",
        "bijlage",
        "bevestigd",
        "behandelaar",
        "answer",
        "afweging",
        "alles",
    ];
    let query = crate::common::encode(&params.iter().map(|p| (*p, SHORT)).collect::<Vec<_>>());
    let mut pages: Vec<(String, Option<String>)> =
        ["/inloggen", "/registreren", "/wachtwoord-herstellen", "/e-mail-bevestigen", "/e-mail-wijzigen"]
            .iter()
            .map(|p| (p.to_string(), None))
            .collect();
    pages.extend(
        corpus.visits.iter().filter(|v| !v.path.starts_with("/api/")).map(|v| (v.path.clone(), v.account.clone())),
    );
    for (path, account) in pages {
        let path = format!("{}{}{query}", path, if path.contains('?') { "&" } else { "?" });
        let reply = app.get(&path, account.as_ref().map(|a| cookies[a].as_str())).await;
        assert!(
            reply.status.is_success() || reply.status.is_redirection() || reply.status == StatusCode::NOT_FOUND,
            "{path}: {}",
            reply.status
        );
        if reply.status.is_success() {
            assert_clean(&path, &reply.body);
        }
    }
}

/// A form refused without JavaScript comes back with what was typed; hostile typed text stays
/// text in the fields it comes back in.
#[tokio::test]
async fn typed_values_of_a_refused_form_come_back_as_text() {
    let (app, corpus, cookies) = stored().await;
    let lead = &cookies[cookies.keys().find(|k| k.starts_with("projectleider")).unwrap()];
    let resident = &cookies[cookies.keys().find(|k| k.starts_with("inwoner")).unwrap()];
    let back = "/proefstad/trajecten/nieuw";
    let refused = app
        .post_form(
            "create_trajectory",
            &[
                ("municipality", "proefstad"),
                ("title", SHORT),
                ("summary", LONG),
                ("body", LONG),
                ("contact_name", SHORT),
                ("contact_email", "geen e-mailadres"),
            ],
            back,
            Some(lead),
        )
        .await;
    check_refusal(&app, refused, lead, "create_trajectory", LONG).await;

    let consultation =
        corpus.visits.iter().find(|v| v.path.contains("/raadplegingen/") && v.account.is_none()).unwrap();
    let id = consultation.path.rsplit('/').next().unwrap();
    let view = app.call("get_consultation", &[("municipality", "proefstad"), ("id", id)], Some(resident)).await.json();
    let token = view["submission_token"].as_str().unwrap().to_owned();
    // Too long by far: refused at the field, and everything typed comes back.
    let too_long = format!("{LONG}{}", " lang".repeat(1_000));
    let refused = app
        .post_form(
            "post_comment",
            &[("municipality", "proefstad"), ("consultation", id), ("submission_token", &token), ("body", &too_long)],
            &consultation.path,
            Some(resident),
        )
        .await;
    check_refusal(&app, refused, resident, "post_comment", &too_long).await;
}

async fn check_refusal(app: &TestApp, refused: crate::common::Reply, cookie: &str, what: &str, typed_text: &str) {
    assert!(refused.status.is_redirection(), "{what}: {} {}", refused.status, refused.body);
    let location = refused.location().unwrap();
    let path = location.strip_prefix(ORIGIN).unwrap_or(&location).to_owned();
    let page = app.get(&path, Some(cookie)).await;
    assert_eq!(page.status, StatusCode::OK, "{what}: {path}");
    assert_clean(&path, &page.body);
    let typed = textareas_of(&page.body);
    assert!(typed.iter().any(|t| t.trim() == typed_text.trim()), "{what}: the typed text comes back whole: {typed:#?}");
}

/// Reads a CSV file as Excel and LibreOffice do: the quotes of the file go, and a cell whose text
/// then starts with `=`, `+`, `-` or `@` (also after spaces, a tab or a carriage return) is a
/// formula. Returns those cells.
fn formulas_in(csv_text: &str) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(csv_text.as_bytes());
    reader
        .records()
        .map(|r| r.expect("well-formed CSV"))
        .flat_map(|record| record.iter().map(str::to_owned).collect::<Vec<_>>())
        .filter(|cell| {
            cell.trim_start_matches([' ', '\t', '\r']).starts_with(['=', '+', '-', '@']) && !cell.starts_with('\'')
        })
        .collect()
}

#[tokio::test]
async fn csv_downloads_open_in_a_spreadsheet_as_text_while_the_json_keeps_what_was_written() {
    let (app, corpus, _) = stored().await;
    let report = corpus.visits.iter().find(|v| v.path.ends_with("/report")).unwrap().path.clone();
    let poll = corpus.visits.iter().find(|v| v.path.contains("/peilingen/") && v.account.is_none()).unwrap();
    let poll_id = poll.path.rsplit('/').next().unwrap();
    let report_csv = app.get(&format!("{report}.csv"), None).await;
    let results_csv = app.get(&format!("/api/v1/proefstad/polls/{poll_id}/results.csv"), None).await;
    for (what, reply) in [("report", &report_csv), ("poll results", &results_csv)] {
        assert_eq!(reply.status, StatusCode::OK, "{what}: {}", reply.body);
        assert_eq!(formulas_in(&reply.body), Vec::<String>::new(), "{what} CSV runs formulas");
    }
    // The texts are all there, marked as text, and the JSON has them exactly as written.
    for formula in hostile_text::FORMULAS {
        assert!(report_csv.body.contains(&format!("'{}", formula.trim().replace('"', "\"\""))), "{formula} in the CSV");
    }
    assert!(results_csv.body.contains("'=HYPERLINK"), "{}", results_csv.body);
    let json = app.get(&report, None).await.json().to_string();
    for formula in hostile_text::FORMULAS {
        let written = serde_json::to_string(formula.trim()).unwrap();
        assert!(json.contains(&written), "{formula} unchanged in the JSON");
    }
}
