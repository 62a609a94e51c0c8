//! What the report and the council page give everyone: the report as JSON and CSV, the council's
//! overview with the reach per year, and no small group of participants that can be worked out.

use super::*;

#[tokio::test]
async fn the_report_is_open_data_as_json_and_csv_without_personal_data() {
    let w = World::new().await;
    let lead = w.log_in(LEAD).await;
    let keys = w.all_keys(&lead).await;
    w.answer(&lead, &keys, &[("disposition", "partly_adopted"), ("reason", "Deels: laden en lossen tot 14.00 uur.")])
        .await;
    let path = format!("/api/v1/duinwijk/trajectories/{}/report", w.parking);
    assert_eq!(w.app.get(&path, None).await.status, StatusCode::NOT_FOUND, "no report before publication");
    assert_eq!(w.publish(&lead, &[]).await.status, StatusCode::OK);

    let reply = w.app.get(&path, None).await;
    assert_eq!(reply.status, StatusCode::OK);
    let json = reply.json();
    assert_eq!(json["version"], 1);
    assert_eq!(json["decision"]["decided_by"], "College van B&W");
    assert_eq!(json["rules_of_play"]["fixed_items"][0]["what"], "Betaald parkeren blijft");
    assert_eq!(json["inputs"].as_array().unwrap().len(), keys.len());
    assert_eq!(json["dispositions"][0], serde_json::json!({"disposition": "partly_adopted", "inputs": keys.len()}));
    assert!(json["polls"][0]["questions"][0]["options"].as_array().unwrap().len() == 4);
    let phone = json["inputs"].as_array().unwrap().iter().find(|i| i["channel"] == "phone").unwrap();
    assert_eq!(phone["author"], "inwoner");
    let people = &json["participation"]["people_online"];
    assert!(people.get("exactly").is_some() || people["fewer_than"] == 10, "{people}");
    assert!(!reply.body.contains('@'), "no e-mail address anywhere in the open data");
    assert!(!reply.body.contains("submission"), "no internal keys");

    let csv = w.app.get(&format!("{path}.csv"), None).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers[http::header::CONTENT_TYPE].to_str().unwrap().starts_with("text/csv"));
    let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[11], "disposition");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), keys.len(), "one row per input");
    assert!(rows.iter().all(|r| &r[11] == "partly_adopted" && &r[12] == "Deels: laden en lossen tot 14.00 uur."));
    assert!(!csv.body.contains('@'));
    // An older or unknown version by number.
    assert_eq!(w.app.get(&format!("{path}?version=1"), None).await.status, StatusCode::OK);
    assert_eq!(w.app.get(&format!("{path}?version=2"), None).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_council_page_lists_every_public_trajectory_with_its_report_and_the_reach_per_year() {
    let w = World::new().await;
    let read = || async {
        let reply = w.app.call("get_council", &[("municipality", "duinwijk")], None).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.json()
    };
    let page = read().await;
    let titles: Vec<&str> =
        page["trajectories"].as_array().unwrap().iter().map(|t| t["title"].as_str().unwrap()).collect();
    assert!(titles.contains(&"Zomerfestival op het strand") && titles.contains(&PARKING));
    assert!(!titles.contains(&"Fietsroute langs de Zeeweg"), "drafts are not listed: {titles:?}");
    assert!(!titles.contains(&"Mobiliteitsplan 2030"), "only this municipality's");
    assert_eq!(page["reports"], 1);
    assert_eq!(page["reports_on_time"], 1);
    let festival =
        page["trajectories"].as_array().unwrap().iter().find(|t| t["title"] == "Zomerfestival op het strand").unwrap();
    assert_eq!(festival["inputs"], 10);
    assert_eq!(festival["outcome"]["answered"], 10);
    assert!(festival["reported_on"].is_string() && festival["late"] == false);
    let parking = page["trajectories"].as_array().unwrap().iter().find(|t| t["title"] == PARKING).unwrap();
    assert!(parking["inputs"].as_u64().unwrap() >= 10, "input so far, before the report");
    assert!(parking["reported_on"].is_null() && parking["people"].is_null());
    assert_eq!(page["outcome"]["answered"], 10);
    let reach = page["reach"].as_array().unwrap();
    assert_eq!(reach.len(), 3, "this year and the two before");
    let this_year = reach.last().unwrap();
    assert!(this_year["people"]["Exactly"].as_u64().unwrap() >= 10, "{this_year}");
    assert!(!page.to_string().contains('@'), "no e-mail addresses");

    // Publishing the parking report shows on the council's page.
    let lead = w.log_in(LEAD).await;
    let keys = w.all_keys(&lead).await;
    w.answer(&lead, &keys, &[("disposition", "adopted"), ("reason", "Overgenomen.")]).await;
    assert_eq!(w.publish(&lead, &[]).await.status, StatusCode::OK);
    let page = read().await;
    assert_eq!(page["reports"], 2);
    assert_eq!(
        page["outcome"]["adopted"].as_u64().unwrap(),
        keys.len() as u64 + festival["outcome"]["adopted"].as_u64().unwrap()
    );
    let html = w.app.get("/duinwijk/raad", None).await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.body.contains("Voor de raad: participatie in cijfers"));
    assert!(html.body.contains("role=\"img\""), "the charts are images with a text alternative");
}

/// The subtraction attack on a breakdown of people: from the total and the groups shown, the
/// people hidden and the number of hidden groups (each holds someone, or it would show 0) follow.
/// Panics when that pins any hidden group below 10. Returns whether the breakdown hid anything
/// while showing something, so the caller knows the attack was tried for real.
fn assert_no_small_group_follows(what: &str, total: Option<u64>, groups: &[Option<u64>]) -> bool {
    let hidden_groups = groups.iter().filter(|g| g.is_none()).count() as u64;
    let shown: u64 = groups.iter().flatten().sum();
    let (Some(total), true) = (total, hidden_groups > 0) else { return false };
    if groups.iter().all(Option::is_none) {
        return false; // only the total: nothing to subtract
    }
    let hidden_people = total - shown;
    let largest_possible = hidden_people - (hidden_groups - 1);
    assert!(largest_possible >= 10, "{what}: {hidden_groups} hidden groups of {hidden_people} people in {groups:?}");
    true
}

/// Reads `{"exactly": n}` (open data) or `{"Exactly": n}` (the page's data); anything else is hidden.
fn count_of(shown: &Value) -> Option<u64> {
    shown.get("exactly").or_else(|| shown.get("Exactly")).and_then(Value::as_u64)
}

#[tokio::test]
async fn no_small_group_of_participants_can_be_worked_out_from_a_report_or_the_council_page() {
    let w = World::new().await;
    let lead = w.log_in(LEAD).await;
    let keys = w.all_keys(&lead).await;
    w.answer(&lead, &keys, &[("disposition", "adopted"), ("reason", "Overgenomen.")]).await;
    assert_eq!(w.publish(&lead, &[]).await.status, StatusCode::OK);
    let mut tried = 0;

    let report = w.app.get(&format!("/api/v1/duinwijk/trajectories/{}/report", w.parking), None).await.json();
    let participation = &report["participation"];
    let total = count_of(&participation["people_online"]);
    for (dimension, list) in [("area", "people_by_area"), ("age", "people_by_age_band")] {
        let groups: Vec<Option<u64>> =
            participation[list].as_array().unwrap().iter().map(|g| count_of(&g["people"])).collect();
        tried += usize::from(assert_no_small_group_follows(&format!("report by {dimension}"), total, &groups));
    }

    let council = w.app.call("get_council", &[("municipality", "duinwijk")], None).await.json();
    for year in council["reach"].as_array().unwrap() {
        let total = count_of(&year["people"]);
        for dimension in ["by_area", "by_age"] {
            let groups: Vec<Option<u64>> =
                year[dimension].as_array().unwrap().iter().map(|g| count_of(&g[1])).collect();
            tried +=
                usize::from(assert_no_small_group_follows(&format!("{} {dimension}", year["year"]), total, &groups));
        }
    }
    assert!(tried > 0, "the demo world has small groups next to shown ones");
}

#[tokio::test]
async fn a_large_report_streams_every_input_once_and_in_order_as_json_and_csv() {
    let (app, _) = crate::common::TestApp::seeded().await;
    // Three batches and a part: the seams between batches are where a line could go missing.
    let inputs = 3 * server::open_data::batched::BATCH as usize + 7;
    let (trajectory, _) = server::demo_reports::seed_load(&app.db, "duinwijk", inputs).await.unwrap();
    let path = format!("/api/v1/duinwijk/trajectories/{trajectory}/report");

    // A server without copies of pages, which would otherwise keep and resend a document this size.
    let response = tower::ServiceExt::oneshot(
        app.uncached().router,
        http::Request::get(&path).body(axum::body::Body::empty()).unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[http::header::CONTENT_TYPE], "application/json");
    assert!(response.headers().get(http::header::CONTENT_LENGTH).is_none(), "streamed, not built whole first");
    let json: serde_json::Value =
        serde_json::from_slice(&axum::body::to_bytes(response.into_body(), 64 << 20).await.unwrap()).unwrap();
    let numbers: Vec<i64> = json["inputs"].as_array().unwrap().iter().map(|i| i["number"].as_i64().unwrap()).collect();
    assert_eq!(numbers, (1..=inputs as i64).collect::<Vec<_>>(), "every input once, in order");
    assert_eq!(json["version"], 1, "the fields before the inputs are all there");
    assert!(json["answers"].as_array().unwrap().len() >= inputs / 10);

    let csv = app.get(&format!("{path}.csv"), None).await;
    assert_eq!(csv.status, StatusCode::OK);
    let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
    assert_eq!(&reader.headers().unwrap()[1], "number");
    let rows: Vec<i64> = reader.records().map(|r| r.unwrap()[1].parse().unwrap()).collect();
    assert_eq!(rows, (1..=inputs as i64).collect::<Vec<_>>(), "one row per input, in order, one header");
    assert_eq!(csv.body.matches("version,number,kind").count(), 1);
}
