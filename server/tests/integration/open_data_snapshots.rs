//! Every `/api/v1` endpoint against the demo data, compared with a stored snapshot
//! (`snapshots/`), so a field that changes, moves or disappears fails here before a reuser of the
//! open data notices. Dates and moments move with the day the demo is made, so they read as
//! `[date]` and `[moment]`; everything else is as served. After a deliberate change, review the
//! new snapshot (`cargo insta review`, or `INSTA_UPDATE=always` and `git diff`).

use crate::common::TestApp;
use http::StatusCode;
use serde_json::Value;

/// Dates (`2026-03-05`) and moments (`2026-03-05T09:00:00+00:00`, with or without a fraction or
/// a zone) anywhere in the text, blanked.
fn blank_dates(text: &str) -> String {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| range.clone().all(|i| bytes.get(i).is_some_and(u8::is_ascii_digit));
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        let is_date = digits(i..i + 4)
            && bytes.get(i + 4) == Some(&b'-')
            && digits(i + 5..i + 7)
            && bytes.get(i + 7) == Some(&b'-')
            && digits(i + 8..i + 10);
        if !is_date {
            let c = text[i..].chars().next().unwrap_or_default();
            out.push(c);
            i += c.len_utf8().max(1);
            continue;
        }
        let mut end = i + 10;
        let moment = matches!(bytes.get(end), Some(b'T' | b' '))
            && digits(end + 1..end + 3)
            && bytes.get(end + 3) == Some(&b':');
        if moment {
            end += 1;
            // Digits and ':', a fraction, a zone ('Z' or an offset): a '.' or a sign only when a
            // digit follows, so the full stop after a moment stays.
            while let Some(&b) = bytes.get(end) {
                let next_is_digit = bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
                if b.is_ascii_digit() || b == b':' || b == b'Z' || (b"+-.".contains(&b) && next_is_digit) {
                    end += 1;
                } else {
                    break;
                }
            }
            // A UTC moment written with a space: " UTC".
            if text[end..].starts_with(" UTC") {
                end += 4;
            }
        }
        out.push_str(if moment { "[moment]" } else { "[date]" });
        i = end;
    }
    out
}

/// Case numbers carry the year they were received (`DU-2026-0004`): blanked like dates.
fn blank_case_year(text: &str) -> String {
    let parts: Vec<&str> = text.split('-').collect();
    match parts.as_slice() {
        [prefix, year, number] if year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) && !prefix.is_empty() => {
            format!("{prefix}-[year]-{number}")
        }
        _ => text.to_owned(),
    }
}

fn blank_json(value: Value) -> Value {
    match value {
        Value::String(text) => Value::String(blank_case_year(&blank_dates(&text))),
        Value::Array(items) => Value::Array(items.into_iter().map(blank_json).collect()),
        Value::Object(fields) => Value::Object(fields.into_iter().map(|(k, v)| (k, blank_json(v))).collect()),
        other => other,
    }
}

async fn json(app: &TestApp, path: &str) -> Value {
    let reply = app.get(path, None).await;
    assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.body);
    blank_json(reply.json())
}

async fn text(app: &TestApp, path: &str) -> String {
    let reply = app.get(path, None).await;
    assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.body);
    blank_dates(&reply.body)
}

/// The first item of a list whose `field` is `value`, by id.
fn id_where(items: &Value, field: &str, value: &str) -> i64 {
    items.as_array().unwrap().iter().find(|i| i[field] == value).unwrap_or_else(|| panic!("no {field} = {value}"))["id"]
        .as_i64()
        .unwrap()
}

/// What kind of JSON value this is, for fields whose value follows the calendar.
fn kind_of(value: &Value) -> String {
    match value {
        Value::Null => "[null]",
        Value::Bool(_) => "[bool]",
        Value::Number(_) => "[number]",
        Value::String(_) => "[text]",
        Value::Array(_) => "[list]",
        Value::Object(_) => "[object]",
    }
    .to_owned()
}

#[test]
fn dates_and_moments_are_blanked_and_nothing_else() {
    assert_eq!(blank_case_year("DU-2026-0004"), "DU-[year]-0004");
    assert_eq!(blank_case_year("Noord-Zuid-route"), "Noord-Zuid-route");
    assert_eq!(blank_dates("op 2026-03-05 om 2026-03-05T09:00:00.123+01:00."), "op [date] om [moment].");
    assert_eq!(blank_dates("2026-03-05 09:00:00 UTC,12"), "[moment],12");
    assert_eq!(blank_dates("zaak L-2026-0001 en 12-34"), "zaak L-2026-0001 en 12-34");
    assert_eq!(blank_dates("Zeedorp café"), "Zeedorp café");
}

#[tokio::test]
async fn every_open_data_endpoint_keeps_its_shape_on_the_demo_data() {
    let app = TestApp::new().await;
    server::seed::seed_demo(&app.db).await.unwrap();
    let base = "/api/v1/duinwijk";

    insta::assert_json_snapshot!("municipalities", json(&app, "/api/v1/municipalities").await);
    let list = json(&app, &format!("{base}/trajectories")).await;
    insta::assert_json_snapshot!("trajectories", list);
    insta::assert_snapshot!("trajectories_atom", text(&app, &format!("{base}/trajectories.atom")).await);

    // A reported trajectory, with its activities, its report and both formats of it.
    let reported = id_where(&list["trajectories"], "stage", "reported");
    let detail = json(&app, &format!("{base}/trajectories/{reported}")).await;
    insta::assert_json_snapshot!("trajectory", detail);
    insta::assert_json_snapshot!("report", json(&app, &format!("{base}/trajectories/{reported}/report")).await);
    insta::assert_snapshot!("report_csv", text(&app, &format!("{base}/trajectories/{reported}/report.csv")).await);

    // A consultation's comments and a poll's results, wherever the demo has them.
    let mut consultations = Vec::new();
    let mut polls = Vec::new();
    for item in list["trajectories"].as_array().unwrap() {
        let detail = json(&app, &format!("{base}/trajectories/{}", item["id"])).await;
        for activity in detail["activities"].as_array().into_iter().flatten() {
            match activity["kind"].as_str() {
                Some("consultation") => consultations.extend(activity["id"].as_i64()),
                Some("poll") => polls.extend(activity["id"].as_i64()),
                _ => {}
            }
        }
    }
    // The consultation with the most comments.
    let mut consultation = None;
    let mut most = -1;
    for id in consultations {
        let total = json(&app, &format!("{base}/consultations/{id}/comments")).await["total"].as_i64().unwrap_or(0);
        if total > most {
            (consultation, most) = (Some(id), total);
        }
    }
    let consultation = consultation.expect("a demo consultation");
    assert!(most > 0, "the demo has comments");
    // A poll whose results are public by now (the others say when they will be).
    let mut public = None;
    for poll in polls {
        if app.get(&format!("{base}/polls/{poll}/results"), None).await.status == StatusCode::OK {
            public = public.or(Some(poll));
        }
    }
    let poll = public.expect("a demo poll with public results");
    insta::assert_json_snapshot!(
        "comments",
        json(&app, &format!("{base}/consultations/{consultation}/comments")).await
    );
    insta::assert_json_snapshot!("poll_results", json(&app, &format!("{base}/polls/{poll}/results")).await);
    insta::assert_snapshot!("poll_results_csv", text(&app, &format!("{base}/polls/{poll}/results.csv")).await);

    insta::assert_json_snapshot!("initiatives", json(&app, &format!("{base}/initiatives")).await);
    // The desk's figures per quarter follow the calendar the demo falls in: their fields are kept,
    // their numbers and how many quarters there are are not.
    let mut norms = json(&app, &format!("{base}/desk/norms")).await;
    let quarters = norms["quarters"].as_array().cloned().unwrap_or_default();
    assert!(!quarters.is_empty(), "the demo desk has figures");
    let shape = |quarter: &Value| -> Value {
        let fields = quarter.as_object().unwrap().iter().map(|(k, v)| (k.clone(), Value::String(kind_of(v))));
        Value::Object(fields.collect())
    };
    norms["quarters"] = Value::Array(vec![shape(&quarters[0])]);
    insta::assert_json_snapshot!("desk_norms", norms);
}
