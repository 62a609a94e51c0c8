//! Answering every input and publishing the report, through the real router on the demo world:
//! the closed parking trajectory (comments, a phone call, open poll answers) is answered one by
//! one and in a group, publication is refused while anything is open, the published version is
//! frozen by the database, a correction is a new version with a reason, and the report shows
//! authors only as they chose to be shown.

use crate::common::{password_of, Reply, TestApp};
use http::StatusCode;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::Value;

const LEAD: &str = "projectleider@duinwijk.example";
const RESIDENT: &str = "inwoner@duinwijk.example";
const FOLLOWER: &str = "jongere@duinwijk.example";
const OTHER_LEAD: &str = "projectleider@polderveen.example";
const PARKING: &str = "Parkeren in Duinwijk-Centrum";

struct World {
    app: TestApp,
    accounts: Vec<server::seed::CreatedAccount>,
    parking: i32,
}

impl World {
    async fn new() -> Self {
        let app = TestApp::new().await;
        let accounts = server::seed::seed_demo(&app.db).await.unwrap();
        let parking = trajectory_named(&app, PARKING).await;
        World { app, accounts, parking }
    }

    async fn log_in(&self, email: &str) -> String {
        self.app.log_in(email, password_of(&self.accounts, email)).await
    }

    async fn call(&self, cookie: Option<&str>, function: &str, extra: &[(&str, &str)]) -> Reply {
        let id = self.parking.to_string();
        let mut form = vec![("municipality", "duinwijk"), ("trajectory", id.as_str())];
        form.extend_from_slice(extra);
        self.app.call(function, &form, cookie).await
    }

    async fn answering(&self, cookie: &str, extra: &[(&str, &str)]) -> Value {
        let reply = self.call(Some(cookie), "get_answering", extra).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.json()
    }

    /// Every input key of the trajectory, over all pages.
    async fn all_keys(&self, cookie: &str) -> Vec<String> {
        let first = self.answering(cookie, &[]).await;
        let pages = first["pages"].as_u64().unwrap();
        let mut keys = Vec::new();
        for page in 1..=pages {
            let p = page.to_string();
            for row in self.answering(cookie, &[("page", &p)]).await["rows"].as_array().unwrap() {
                keys.push(row["key"].as_str().unwrap().to_owned());
            }
        }
        keys
    }

    async fn answer(&self, cookie: &str, keys: &[String], fields: &[(&str, &str)]) -> Reply {
        let mut form: Vec<(&str, &str)> = keys.iter().map(|k| ("chosen[]", k.as_str())).collect();
        form.extend_from_slice(fields);
        self.call(Some(cookie), "answer_inputs", &form).await
    }

    async fn publish(&self, cookie: &str, extra: &[(&str, &str)]) -> Reply {
        let mut form = vec![
            ("decision", "Het college stelt de parkeerregels vast, met laden en lossen tot 14.00 uur."),
            ("decided_by", "College van B&W"),
            ("decided_on", "2026-10-01"),
            ("council_decision_url", "https://duinwijk.raadsinformatie.nl/besluit/2026-42"),
        ];
        for (k, v) in extra {
            form.retain(|(key, _)| key != k);
            form.push((k, v));
        }
        self.call(Some(cookie), "publish_report", &form).await
    }

    async fn report(&self, extra: &[(&str, &str)]) -> Value {
        let reply = self.call(None, "get_report", extra).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.json()
    }
}

async fn trajectory_named(app: &TestApp, title: &str) -> i32 {
    use app::server::entities::trajectory;
    trajectory::Entity::find().filter(trajectory::Column::Title.eq(title)).one(&app.db).await.unwrap().unwrap().id
}

fn field_problem(reply: &Reply, field: &str) -> Value {
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.body);
    let body = reply.json();
    body["Validation"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["field"] == field)
        .map(|e| e["problem"].clone())
        .unwrap_or_else(|| panic!("no problem at {field}: {body}"))
}

#[tokio::test]
async fn a_lead_answers_every_input_alone_or_grouped_and_publishes_only_when_all_are_answered() {
    let w = World::new().await;
    let lead = w.log_in(LEAD).await;
    let screen = w.answering(&lead, &[]).await;
    let total = screen["progress"]["total"].as_u64().unwrap();
    assert!(total >= 10, "the parking trajectory has comments, a phone call and poll answers: {total}");
    assert_eq!(screen["progress"]["answered"], 0);
    assert_eq!(screen["blocked"], serde_json::json!({"InputsUnanswered": {"count": total}}));
    let channels: Vec<&str> = screen["channels"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    assert!(channels.contains(&"Phone") && channels.contains(&"Online"), "{channels:?}");
    // Filtering: the phone call alone, the poll's open answers alone.
    let phone = w.answering(&lead, &[("channel", "phone")]).await;
    assert_eq!(phone["matching"], 1);
    assert!(phone["rows"][0]["body"].as_str().unwrap().contains("laden en lossen"));
    let keys = w.all_keys(&lead).await;
    assert_eq!(keys.len() as u64, total);
    let poll_answers: Vec<String> = screen["activities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a[1].as_str().unwrap().contains("gratis parkeren"))
        .map(|a| a[0].to_string())
        .collect();
    let poll_screen = w.answering(&lead, &[("activity", &poll_answers[0])]).await;
    assert_eq!(poll_screen["matching"], 3, "three open answers to the poll");
    assert!(poll_screen["rows"].as_array().unwrap().iter().all(|r| r["kind"] == "PollAnswer" && r["author"].is_null()));

    // Publishing now is refused, with everything typed kept.
    let refused = w.publish(&lead, &[]).await;
    assert_eq!(field_problem(&refused, "report"), serde_json::json!({"InputsUnanswered": {"count": total}}));
    assert!(refused.body.contains("College van B&W"), "typed values come back: {}", refused.body);

    // Bad answers are refused at their fields and store nothing.
    let nothing = w.answer(&lead, &[], &[("disposition", "adopted"), ("reason", "Goed idee.")]).await;
    assert_eq!(field_problem(&nothing, "chosen"), serde_json::json!("NothingChosen"));
    let scope = w.answer(&lead, &keys[..1], &[("disposition", "out_of_scope"), ("reason", "Ligt vast.")]).await;
    assert_eq!(field_problem(&scope, "fixed_item"), serde_json::json!("FixedItemNeeded"));
    let unknown = w.answer(&lead, &["i999999".to_owned()], &[("disposition", "adopted"), ("reason", "Ja.")]).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(w.answering(&lead, &[]).await["progress"]["answered"], 0);

    // One outside the scope by the fixed item; all but the last together in a group.
    let (last, rest) = keys.split_last().unwrap();
    let scoped = w
        .answer(
            &lead,
            &keys[..1],
            &[("disposition", "out_of_scope"), ("reason", "Betaald parkeren ligt vast."), ("fixed_item", "1")],
        )
        .await;
    assert_eq!(scoped.status, StatusCode::OK, "{}", scoped.body);
    let grouped = w
        .answer(
            &lead,
            &rest[1..],
            &[
                ("disposition", "partly_adopted"),
                ("reason", "Laden en lossen kan voortaan tot 14.00 uur; gratis parkeren komt er niet."),
                ("group_title", "Laden, lossen en gratis parkeren"),
            ],
        )
        .await;
    assert_eq!(grouped.status, StatusCode::OK, "{}", grouped.body);
    let screen = w.answering(&lead, &[("status", "open")]).await;
    assert_eq!(screen["matching"], 1);
    assert_eq!(screen["rows"][0]["key"], last.as_str());
    assert_eq!(screen["progress"]["answered"], total - 1);
    assert_eq!(
        field_problem(&w.publish(&lead, &[]).await, "report"),
        serde_json::json!({"InputsUnanswered": {"count": 1}})
    );

    // The last one; then a revision of the group's answer, and the group holds every one of them.
    assert_eq!(
        w.answer(&lead, std::slice::from_ref(last), &[("disposition", "adopted"), ("reason", "Dat doen we.")])
            .await
            .status,
        StatusCode::OK
    );
    let answered = w.answering(&lead, &[("channel", "phone")]).await;
    let group = answered["rows"][0]["answer"].clone();
    assert_eq!(group["size"].as_u64().unwrap(), total - 2);
    let group_id = group["id"].to_string();
    let revised = w
        .call(
            Some(&lead),
            "revise_answer",
            &[
                ("answer", &group_id),
                ("disposition", "partly_adopted"),
                ("reason", "Laden en lossen kan tot 14.00 uur."),
                ("group_title", "Laden en lossen"),
            ],
        )
        .await;
    assert_eq!(revised.status, StatusCode::OK, "{}", revised.body);
    let screen = w.answering(&lead, &[]).await;
    assert_eq!(screen["progress"]["answered"], total);
    assert!(screen["blocked"].is_null(), "{}", screen["blocked"]);

    // Publishing checks the decision fields, then publishes version 1.
    let bad = w.publish(&lead, &[("decision", ""), ("council_decision_url", "raadsinformatie")]).await;
    assert_eq!(field_problem(&bad, "decision"), serde_json::json!("Required"));
    assert_eq!(field_problem(&bad, "council_decision_url"), serde_json::json!("UrlInvalid"));
    let published = w.publish(&lead, &[]).await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.body);
    let status: String =
        app::server::entities::trajectory::Entity::find_by_id(w.parking).one(&w.app.db).await.unwrap().unwrap().status;
    assert_eq!(status, "reported");

    let report = w.report(&[]).await;
    assert_eq!(report["version"]["version"], 1);
    assert_eq!(report["item_count"].as_u64().unwrap(), total);
    assert_eq!(report["decided_by"], "College van B&W");
    assert_eq!(report["rules"]["fixed_items"][0]["what"], "Betaald parkeren blijft");
    let lines = report["lines"].as_array().unwrap();
    let phone_line = lines.iter().find(|l| l["channel"] == "Phone").unwrap();
    assert_eq!(phone_line["author"], serde_json::json!({"Via": "Phone"}));
    assert!(lines.iter().filter(|l| l["kind"] == "PollAnswer").all(|l| l["author"] == "Resident"));
    assert!(lines.iter().any(|l| l["author"]["Named"].is_string()), "online comments carry their display name");
    let dispositions = report["contents"]["dispositions"].as_array().unwrap();
    assert_eq!(dispositions.iter().map(|d| d[1].as_u64().unwrap()).sum::<u64>(), total);
    // A mail's link names one input: its answer comes first.
    let highlighted = w.report(&[("input", last)]).await;
    assert_eq!(highlighted["highlighted"][1]["disposition"], "Adopted");
    assert_eq!(highlighted["highlighted"][1]["reason"], "Dat doen we.");
    let scoped_line = w.report(&[("input", &keys[0])]).await;
    assert_eq!(scoped_line["highlighted"][1]["fixed_item"], "1. Betaald parkeren blijft");
    // Filtering the report by disposition.
    let adopted = w.report(&[("disposition", "adopted")]).await;
    assert_eq!(adopted["matching"], 1);
}

#[tokio::test]
async fn everyone_who_gave_input_is_mailed_a_link_to_their_answer_and_followers_are_told() {
    let w = World::new().await;
    let lead = w.log_in(LEAD).await;
    let id = w.parking.to_string();
    for email in [RESIDENT, FOLLOWER] {
        let cookie = w.log_in(email).await;
        let follow = w
            .app
            .call(
                "set_follow",
                &[("municipality", "duinwijk"), ("kind", "trajectory"), ("target", &id), ("follow", "true")],
                Some(&cookie),
            )
            .await;
        assert_eq!(follow.status, StatusCode::OK, "{}", follow.body);
    }
    let keys = w.all_keys(&lead).await;
    assert_eq!(
        w.answer(&lead, &keys, &[("disposition", "not_adopted"), ("reason", "De regels blijven zoals ze zijn.")])
            .await
            .status,
        StatusCode::OK
    );
    w.app.db.execute_unprepared("DELETE FROM outbox_messages").await.unwrap();
    assert_eq!(w.publish(&lead, &[]).await.status, StatusCode::OK);
    let mails = outbox(&w.app).await;
    let answer_links: Vec<&(String, String)> = mails
        .iter()
        .filter(|(_, body)| body.contains(&format!("/duinwijk/trajecten/{id}/verslag?inbreng=i")))
        .collect();
    assert!(answer_links.len() >= 3, "commenters and poll answerers who gave their account: {mails:?}");
    let follower = mails.iter().find(|(to, _)| to == FOLLOWER).expect("the follower is told");
    assert!(follower.1.contains("/afmelden/"), "with a way to stop following");
    // The demo resident commented and follows: one mail, the one with the link to their answer.
    let theirs: Vec<_> = mails.iter().filter(|(to, _)| to == RESIDENT).collect();
    assert_eq!(theirs.len(), 1);
    assert!(theirs[0].1.contains("verslag?inbreng=i") && theirs[0].1.contains("Een vergunning per adres"));
    // Following the link in a mail opens the report page with that input's answer first.
    let (_, body) = answer_links[0];
    let link = body.split_whitespace().find(|w| w.contains("verslag?inbreng=")).unwrap();
    let path = link.trim_start_matches(crate::common::ORIGIN);
    let page = w.app.get(path, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Jouw inbreng en het antwoord"), "{}", &page.body[..page.body.len().min(2000)]);
    assert!(page.body.contains("De regels blijven zoals ze zijn."));
    assert!(page.body.contains("College van B&amp;W"));
    // Mail goes to the address of each account, once per person.
    let mut recipients: Vec<&String> = mails.iter().map(|(to, _)| to).collect();
    let before = recipients.len();
    recipients.dedup();
    assert_eq!(recipients.len(), before);
}

#[tokio::test]
async fn a_published_version_is_frozen_and_a_correction_is_a_new_version_with_a_reason() {
    let w = World::new().await;
    let lead = w.log_in(LEAD).await;
    let keys = w.all_keys(&lead).await;
    w.answer(&lead, &keys, &[("disposition", "already_covered"), ("reason", "Dit staat al in het parkeerplan.")]).await;
    assert_eq!(w.publish(&lead, &[]).await.status, StatusCode::OK);

    // The database refuses any change to a published version, whatever path it comes by.
    for statement in [
        "UPDATE report_items SET body = 'anders'",
        "DELETE FROM report_items",
        "UPDATE report_answers SET reason = 'anders'",
        "UPDATE reports SET decision = 'anders'",
        "DELETE FROM reports",
    ] {
        assert!(w.app.db.execute_unprepared(statement).await.is_err(), "{statement} must be refused");
    }

    // Revising the working copy does not touch version 1; publishing it needs a reason.
    w.answer(&lead, &keys[..1], &[("disposition", "adopted"), ("reason", "Toch overgenomen.")]).await;
    let no_reason = w.publish(&lead, &[]).await;
    assert_eq!(field_problem(&no_reason, "correction_reason"), serde_json::json!("Required"));
    let corrected = w.publish(&lead, &[("correction_reason", "Een reactie was verkeerd beantwoord.")]).await;
    assert_eq!(corrected.status, StatusCode::OK, "{}", corrected.body);
    let newest = w.report(&[]).await;
    assert_eq!(newest["version"]["version"], 2);
    assert_eq!(newest["version"]["correction_reason"], "Een reactie was verkeerd beantwoord.");
    assert_eq!(newest["versions"].as_array().unwrap().len(), 2);
    assert_eq!(w.report(&[("input", &keys[0])]).await["highlighted"][1]["disposition"], "Adopted");
    let first = w.report(&[("version", "1"), ("input", &keys[0])]).await;
    assert_eq!(first["version"]["version"], 1);
    assert_eq!(first["highlighted"][1]["disposition"], "AlreadyCovered", "the old version stays as it was");
    assert_eq!(w.call(None, "get_report", &[("version", "3")]).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn only_staff_of_the_municipality_answer_and_publish_and_participation_must_be_over() {
    let w = World::new().await;
    let lead = w.log_in(LEAD).await;
    let keys = w.all_keys(&lead).await;
    let resident = w.log_in(RESIDENT).await;
    let other = w.log_in(OTHER_LEAD).await;
    for cookie in [&resident, &other] {
        assert_eq!(w.call(Some(cookie), "get_answering", &[]).await.status, StatusCode::FORBIDDEN);
        let reply = w.answer(cookie, &keys[..1], &[("disposition", "adopted"), ("reason", "Ja.")]).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN);
        assert_eq!(w.publish(cookie, &[]).await.status, StatusCode::FORBIDDEN);
    }
    assert_eq!(w.call(None, "answer_inputs", &[("chosen[]", &keys[0])]).await.status, StatusCode::UNAUTHORIZED);
    // Polderveen's lead through Polderveen's own address does not find Duinwijk's trajectory.
    let id = w.parking.to_string();
    let elsewhere =
        w.app.call("get_answering", &[("municipality", "polderveen"), ("trajectory", &id)], Some(&other)).await;
    assert_eq!(elsewhere.status, StatusCode::NOT_FOUND);
    assert_eq!(w.answering(&lead, &[]).await["progress"]["answered"], 0, "nothing was stored");
    // No report yet: the report page is not found.
    assert_eq!(w.call(None, "get_report", &[]).await.status, StatusCode::NOT_FOUND);

    // The Dorpsplein is still open for comments: its report cannot be published yet.
    let plein = trajectory_named(&w.app, "Herinrichting Dorpsplein").await.to_string();
    let open = w.app.call("get_answering", &[("municipality", "duinwijk"), ("trajectory", &plein)], Some(&lead)).await;
    assert_eq!(open.json()["blocked"], "ParticipationStillOpen");
    let refused = w
        .app
        .call(
            "publish_report",
            &[
                ("municipality", "duinwijk"),
                ("trajectory", &plein),
                ("decision", "x"),
                ("decided_by", "x"),
                ("decided_on", "2026-01-01"),
            ],
            Some(&lead),
        )
        .await;
    assert_eq!(field_problem(&refused, "report"), serde_json::json!("ParticipationStillOpen"));
}

#[tokio::test]
async fn a_deleted_account_leaves_the_report_intact_with_its_input_anonymised() {
    let w = World::new().await;
    let lead = w.log_in(LEAD).await;
    let keys = w.all_keys(&lead).await;
    w.answer(&lead, &keys, &[("disposition", "not_adopted"), ("reason", "Nee.")]).await;
    assert_eq!(w.publish(&lead, &[]).await.status, StatusCode::OK);
    let before = w.report(&[("page", "alle")]).await;
    let named = before["lines"].as_array().unwrap().iter().find(|l| l["author"]["Named"].is_string()).unwrap().clone();
    let name = named["author"]["Named"].as_str().unwrap().to_owned();
    use app::server::entities::user;
    let author =
        user::Entity::find().filter(user::Column::DisplayName.eq(name.clone())).one(&w.app.db).await.unwrap().unwrap();
    user::Entity::delete_by_id(author.id)
        .exec(&w.app.db)
        .await
        .expect("deleting the account is not blocked by the report");
    let after = w.report(&[("page", "alle")]).await;
    assert_eq!(after["item_count"], before["item_count"]);
    let line = after["lines"].as_array().unwrap().iter().find(|l| l["position"] == named["position"]).unwrap();
    assert_eq!(line["author"], "Resident");
    assert_eq!(line["body"], named["body"], "the input itself stays");
    assert!(!after.to_string().contains(&name), "the name appears nowhere any more");
}

async fn outbox(app: &TestApp) -> Vec<(String, String)> {
    use sea_orm::{EntityTrait, QueryOrder};
    app::server::entities::outbox_message::Entity::find()
        .order_by_asc(app::server::entities::outbox_message::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| (m.recipient, format!("{}\n{}", m.subject, m.body_text)))
        .collect()
}

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
async fn the_demo_has_a_published_report_and_a_corrected_second_version() {
    let w = World::new().await;
    let festival = trajectory_named(&w.app, "Zomerfestival op het strand").await.to_string();
    let read = |version: &'static str| {
        let festival = festival.clone();
        let app = &w.app;
        async move {
            let reply = app
                .call(
                    "get_report",
                    &[("municipality", "duinwijk"), ("trajectory", &festival), ("version", version)],
                    None,
                )
                .await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
            reply.json()
        }
    };
    let newest = read("").await;
    assert_eq!(newest["version"]["version"], 2);
    assert!(newest["version"]["correction_reason"].as_str().unwrap().contains("dorpsraad"));
    let first = read("1").await;
    assert_eq!(
        first["item_count"].as_i64().unwrap() + 1,
        newest["item_count"].as_i64().unwrap(),
        "the letter was added"
    );
    let dispositions: Vec<&str> =
        newest["answers"].as_array().unwrap().iter().map(|a| a["disposition"].as_str().unwrap()).collect();
    for expected in ["Adopted", "OutOfScope", "Forwarded", "AlreadyCovered", "PartlyAdopted"] {
        assert!(dispositions.contains(&expected), "{expected} in {dispositions:?}");
    }
    let page = w.app.get(&format!("/duinwijk/trajecten/{festival}/verslag"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Verbeterde versie."));
    // The parking trajectory is closed and waits for its report.
    let lead = w.log_in(LEAD).await;
    let screen = w.answering(&lead, &[]).await;
    assert_eq!(screen["progress"]["answered"], 0);
    assert!(screen["published"].as_array().unwrap().is_empty());
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

#[tokio::test]
async fn ideas_and_initiatives_forwarded_by_the_desk_are_answered_too_and_a_case_kept_private_shows_only_its_answer() {
    let w = World::new().await;
    let parking = w.parking.to_string();
    let d = crate::desk::Desk { app: w.app, accounts: w.accounts };
    let resident = d.log_in(RESIDENT).await;
    let desk = d.log_in("loket@duinwijk.example").await;
    let public_case = d.case(&resident, &[("title", "Deelauto's bij het station")]).await;
    let token = d.form(Some(&resident)).await["submission_token"].as_str().unwrap().to_owned();
    let area = d.area().await;
    let mut private_form = crate::desk::initiative_form(&token, &area, &[("title", "Mijn eigen parkeerplek")]);
    private_form.retain(|(k, _)| *k != "public");
    let private = d.app.call("submit_initiative", &private_form, Some(&resident)).await;
    assert_eq!(private.status, StatusCode::OK, "{}", private.body);
    let private_case = private.body.trim().to_owned();
    for id in [&public_case, &private_case] {
        let moved = d.desk_call(&desk, "move_desk_case", id, &[("to", "forwarded"), ("trajectory", &parking)]).await;
        assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    }
    let w = World { app: d.app, accounts: d.accounts, parking: parking.parse().unwrap() };
    let lead = w.log_in(LEAD).await;
    let screen = w.answering(&lead, &[("status", "open")]).await;
    let cases: Vec<&Value> = screen["rows"].as_array().unwrap().iter().filter(|r| r["kind"] == "Initiative").collect();
    assert_eq!(cases.len(), 2, "both forwarded cases are inputs to answer");
    assert!(cases.iter().all(|c| c["case_number"].as_str().unwrap().starts_with("DU-")));
    let keys = w.all_keys(&lead).await;
    w.answer(
        &lead,
        &keys,
        &[
            ("disposition", "forwarded"),
            ("reason", "Dit gaat naar het team verkeer."),
            ("forwarded_to", "Team Verkeer"),
        ],
    )
    .await;
    assert_eq!(w.publish(&lead, &[]).await.status, StatusCode::OK);
    let report = w.report(&[("page", "alle")]).await;
    let lines: Vec<&Value> = report["lines"].as_array().unwrap().iter().filter(|l| l["kind"] == "Initiative").collect();
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().any(|l| l["body"].as_str().unwrap().starts_with("Deelauto's bij het station")));
    assert!(lines.iter().any(|l| l["body"] == ""), "the case kept from the public has no text in the report");
    assert!(!report.to_string().contains("Mijn eigen parkeerplek"));
    assert!(lines.iter().all(|l| l["author"] == "Resident"), "who brought a case in is never shown");
    let json = w.app.get(&format!("/api/v1/duinwijk/trajectories/{parking}/report"), None).await;
    assert!(!json.body.contains("Mijn eigen parkeerplek"));
    assert_eq!(report["answers"][0]["forwarded_to"], "Team Verkeer");

    // Ideas brought into a trajectory's ideas activity are inputs of that trajectory.
    let polderveen = w.app.log_in(OTHER_LEAD, password_of(&w.accounts, OTHER_LEAD)).await;
    let plan = trajectory_named(&w.app, "Mobiliteitsplan 2030").await.to_string();
    let ideas =
        w.app.call("get_answering", &[("municipality", "polderveen"), ("trajectory", &plan)], Some(&polderveen)).await;
    assert_eq!(ideas.status, StatusCode::OK, "{}", ideas.body);
    let rows = ideas.json()["rows"].as_array().unwrap().clone();
    assert!(
        rows.iter().any(|r| r["kind"] == "Idea" && r["case_number"].as_str().unwrap().starts_with("PO-")),
        "{rows:?}"
    );
}

#[tokio::test]
async fn answering_the_same_inputs_at_once_leaves_one_answer_each_and_never_an_error_page() {
    let w = World::new().await;
    let lead = w.log_in(LEAD).await;
    let keys = w.all_keys(&lead).await;
    let id = w.parking.to_string();
    let mut form = vec![("municipality", "duinwijk"), ("trajectory", id.as_str())];
    form.extend(keys[..3].iter().map(|k| ("chosen[]", k.as_str())));
    form.extend([("disposition", "adopted"), ("reason", "Tegelijk beantwoord.")]);
    let replies = w.app.call_in_parallel(20, "answer_inputs", &form, Some(&lead)).await;
    for reply in &replies {
        assert!(
            reply.status == StatusCode::OK || reply.status == StatusCode::CONFLICT,
            "{} {}",
            reply.status,
            reply.body
        );
    }
    let screen = w.answering(&lead, &[("status", "beantwoord")]).await;
    assert_eq!(screen["matching"], 3, "each input has exactly one answer");
    let answers: std::collections::BTreeSet<i64> =
        screen["rows"].as_array().unwrap().iter().map(|r| r["answer"]["id"].as_i64().unwrap()).collect();
    assert_eq!(answers.len(), 1, "the three share the answer that won");
    let rows = {
        use app::server::entities::input_answer;
        use sea_orm::PaginatorTrait;
        input_answer::Entity::find()
            .filter(input_answer::Column::TrajectoryId.eq(w.parking))
            .count(&w.app.db)
            .await
            .unwrap()
    };
    assert_eq!(rows, 1, "answers left without inputs are removed");
}

#[tokio::test]
async fn publishing_twice_at_once_makes_one_version() {
    let w = World::new().await;
    let lead = w.log_in(LEAD).await;
    let keys = w.all_keys(&lead).await;
    w.answer(&lead, &keys, &[("disposition", "adopted"), ("reason", "Ja.")]).await;
    let id = w.parking.to_string();
    let form = [
        ("municipality", "duinwijk"),
        ("trajectory", id.as_str()),
        ("decision", "Vastgesteld."),
        ("decided_by", "College"),
        ("decided_on", "2026-10-01"),
    ];
    let replies = w.app.call_in_parallel(8, "publish_report", &form, Some(&lead)).await;
    let published = replies.iter().filter(|r| r.status == StatusCode::OK).count();
    assert_eq!(published, 1, "{:?}", replies.iter().map(|r| (r.status, r.body.clone())).collect::<Vec<_>>());
    // The others came after it and would be a correction, which needs a reason.
    for reply in replies.iter().filter(|r| r.status != StatusCode::OK) {
        assert_eq!(field_problem(reply, "correction_reason"), serde_json::json!("Required"));
    }
    assert_eq!(w.report(&[]).await["versions"].as_array().unwrap().len(), 1);
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
