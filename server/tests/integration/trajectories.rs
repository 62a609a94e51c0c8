//! Trajectories and their rules of play through the real router: drafting, the publication gate,
//! frozen cards and versions, authorization across municipalities, the desk's filters, follows
//! and their mail, and Markdown that cannot run.

use crate::common::{password_of, Reply, TestApp};
use app::server::entities::{follow, outbox_message, rules_of_play, trajectory};
use http::StatusCode;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Statement};

pub(crate) const LEAD: &str = "projectleider@duinwijk.example";
const OTHER_LEAD: &str = "projectleider@polderveen.example";
const RESIDENT: &str = "inwoner@duinwijk.example";

pub(crate) struct Session {
    pub app: TestApp,
    pub lead: String,
    pub accounts: Vec<server::seed::CreatedAccount>,
}

pub(crate) async fn lead_session() -> Session {
    let (app, accounts) = TestApp::seeded().await;
    let lead = app.log_in(LEAD, password_of(&accounts, LEAD)).await;
    Session { app, lead, accounts }
}

pub(crate) fn details<'a>(title: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("municipality", "duinwijk"),
        ("title", title),
        ("summary", "De gemeente wil het plein opnieuw inrichten. Denk mee over bomen, bankjes en spelen."),
        ("body", "## Waarom\n\nHet plein is **oud** en te stenig."),
        ("contact_name", "Fatima El Amrani"),
        ("contact_email", "f.elamrani@duinwijk.example"),
        ("phase_name[0]", "Reageren op het conceptplan"),
        ("phase_starts_on[0]", "2026-01-05"),
        ("phase_ends_on[0]", "2099-12-31"),
    ];
    for (key, value) in extra {
        form.retain(|(k, _)| k != key || key.ends_with("[]"));
        form.push((key, value));
    }
    form
}

pub(crate) fn complete_card(id: &str) -> Vec<(&str, &str)> {
    vec![
        ("municipality", "duinwijk"),
        ("id", id),
        ("level", "meedenken"),
        ("municipality_role", "De gemeente legt het plan voor en beslist daarna."),
        ("open_for_input", "De inrichting van het plein."),
        ("fixed_what[0]", "Budget van 1,2 miljoen euro"),
        ("fixed_why[0]", "Door de raad vastgesteld."),
        ("decision_maker", "College van B&W"),
        ("decision_date", "2100-03-01"),
        ("weighing", "We lezen elke reactie en wegen argumenten, niet aantallen."),
        ("eligibility", "everyone"),
        ("report_date", "2100-04-01"),
        ("personal_data", "Naam en e-mailadres."),
        ("retention_months", "24"),
    ]
}

impl Session {
    pub async fn create(&self, title: &str, extra: &[(&str, &str)]) -> String {
        let reply = self.app.call_signed("create_trajectory", &details(title, extra), &self.lead).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.body.trim().to_owned()
    }

    pub async fn create_published(&self, title: &str, extra: &[(&str, &str)], level: &str) -> String {
        let id = self.create(title, extra).await;
        let mut card = complete_card(&id);
        card.retain(|(k, _)| *k != "level");
        card.push(("level", level));
        let saved = self.app.call("save_rules", &card, Some(&self.lead)).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        let published =
            self.app.call("publish_trajectory", &[("municipality", "duinwijk"), ("id", &id)], Some(&self.lead)).await;
        assert_eq!(published.status, StatusCode::OK, "{}", published.body);
        id
    }

    pub async fn log_in(&self, email: &str) -> String {
        self.app.log_in(email, password_of(&self.accounts, email)).await
    }
}

pub(crate) fn fields(reply: &Reply) -> Vec<String> {
    reply.json()["Validation"]["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("validation errors expected: {}", reply.body))
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_draft_is_seen_only_by_staff_of_its_municipality() {
    let s = lead_session().await;
    let id = s.create("Herinrichting Dorpsplein", &[]).await;
    let path = format!("/duinwijk/trajecten/{id}");

    let lead_view = s.app.get(&path, Some(&s.lead)).await;
    assert_eq!(lead_view.status, StatusCode::OK);
    assert!(lead_view.body.contains("Dit is een concept"), "{}", lead_view.body);

    assert_eq!(s.app.get(&path, None).await.status, StatusCode::NOT_FOUND);
    let resident = s.log_in(RESIDENT).await;
    assert_eq!(s.app.get(&path, Some(&resident)).await.status, StatusCode::NOT_FOUND);
    let other = s.log_in(OTHER_LEAD).await;
    assert_eq!(s.app.get(&path, Some(&other)).await.status, StatusCode::NOT_FOUND);
    let json = s.app.get(&format!("/api/v1/duinwijk/trajectories/{id}"), None).await;
    assert_eq!(json.status, StatusCode::NOT_FOUND);
    let desk = s.app.get("/duinwijk", None).await;
    assert!(!desk.body.contains("Herinrichting Dorpsplein"), "drafts stay off the desk");
}

#[tokio::test]
async fn publishing_an_incomplete_card_names_everything_missing() {
    let s = lead_session().await;
    let id = s.create("Herinrichting Dorpsplein", &[]).await;
    let refused = s.app.call("publish_trajectory", &[("municipality", "duinwijk"), ("id", &id)], Some(&s.lead)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let missing = fields(&refused);
    assert_eq!(missing.len(), 11, "{missing:?}");
    for field in ["level", "fixed_what[0]", "decision_date", "eligibility", "report_date", "retention_months"] {
        assert!(missing.iter().any(|m| m == field), "{field} missing from {missing:?}");
    }

    // Half a card is saved as a draft and the rest is still named.
    let half: Vec<_> =
        complete_card(&id).into_iter().filter(|(k, _)| !k.starts_with("fixed") && *k != "weighing").collect();
    assert_eq!(s.app.call("save_rules", &half, Some(&s.lead)).await.status, StatusCode::OK);
    let refused = s.app.call("publish_trajectory", &[("municipality", "duinwijk"), ("id", &id)], Some(&s.lead)).await;
    assert_eq!(fields(&refused), vec!["fixed_what[0]".to_owned(), "weighing".to_owned()]);
    let row = trajectory::Entity::find_by_id(id.parse::<i32>().unwrap()).one(&s.app.db).await.unwrap().unwrap();
    assert_eq!(row.status, "draft", "nothing was published");
}

#[tokio::test]
async fn contradicting_dates_are_refused_with_the_field_named_and_the_text_kept() {
    let s = lead_session().await;
    let reply = s
        .app
        .call(
            "create_trajectory",
            &details(
                "Speeltuin",
                &[
                    ("phase_name[1]", "Besluit"),
                    ("phase_starts_on[1]", "2026-05-10"),
                    ("phase_ends_on[1]", "2026-05-01"),
                ],
            ),
            Some(&s.lead),
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&reply), vec!["phase_ends_on[1]".to_owned()]);
    let values = &reply.json()["Validation"]["values"];
    assert!(values.to_string().contains("Reageren op het conceptplan"), "typed text comes back: {values}");

    let id = s.create("Speeltuin", &[]).await;
    let mut card = complete_card(&id);
    card.retain(|(k, _)| *k != "report_date");
    card.push(("report_date", "2100-02-01"));
    let reply = s.app.call("save_rules", &card, Some(&s.lead)).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&reply), vec!["report_date".to_owned()]);
}

#[tokio::test]
async fn a_published_card_is_frozen_on_every_path_and_changes_only_as_a_new_version() {
    let s = lead_session().await;
    let id = s.create_published("Herinrichting Dorpsplein", &[], "meedenken").await;
    let resident = s.log_in(RESIDENT).await;
    let followed = s
        .app
        .call(
            "set_follow",
            &[("municipality", "duinwijk"), ("kind", "trajectory"), ("target", &id), ("follow", "true")],
            Some(&resident),
        )
        .await;
    assert_eq!(followed.status, StatusCode::OK, "{}", followed.body);

    // The server function for drafts refuses, also when the form is replayed.
    let replay = s.app.call("save_rules", &complete_card(&id), Some(&s.lead)).await;
    assert_eq!(replay.status, StatusCode::CONFLICT);
    // And the database itself refuses a direct change to the version in force.
    let direct = s
        .app
        .db
        .execute_raw(Statement::from_string(
            s.app.db.get_database_backend(),
            format!("UPDATE rules_of_play SET weighing = 'anders' WHERE trajectory_id = {id}"),
        ))
        .await;
    assert!(direct.is_err(), "a frozen card was changed directly");
    let items = s
        .app
        .db
        .execute_raw(Statement::from_string(
            s.app.db.get_database_backend(),
            "DELETE FROM rules_of_play_fixed_items".to_owned(),
        ))
        .await;
    assert!(items.is_err(), "a fixed item of a frozen card was deleted");

    // A change without a reason is refused, with the typed card kept.
    let mut change = complete_card(&id);
    change.retain(|(k, _)| *k != "weighing");
    change.push(("weighing", "Argumenten tellen; bij gelijke argumenten telt het aantal."));
    let no_reason = s.app.call("amend_rules", &change, Some(&s.lead)).await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&no_reason), vec!["change_reason".to_owned()]);

    change.push(("change_reason", "Na vragen op de inloopavond leggen we beter uit hoe we wegen."));
    let amended = s.app.call("amend_rules", &change, Some(&s.lead)).await;
    assert_eq!(amended.status, StatusCode::OK, "{}", amended.body);

    let versions = rules_of_play::Entity::find()
        .filter(rules_of_play::Column::TrajectoryId.eq(id.parse::<i32>().unwrap()))
        .all(&s.app.db)
        .await
        .unwrap();
    assert_eq!(versions.len(), 2);
    assert!(versions.iter().all(|v| v.frozen_at.is_some()));
    assert_eq!(
        versions[0].weighing, "We lezen elke reactie en wegen argumenten, niet aantallen.",
        "version 1 untouched"
    );

    let page = s.app.get(&format!("/duinwijk/trajecten/{id}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Versie <!>2"), "{}", page.body);
    assert!(page.body.contains("Eerdere versies van de spelregels"));
    assert!(page.body.contains("Na vragen op de inloopavond"));
    // The rules in short come before any way to take part; the full card is on the page too.
    let rules_at = page.body.find("id=\"spelregels-kort\"").unwrap();
    let follow_at = page.body.find("class=\"follow\"").unwrap();
    assert!(rules_at < follow_at, "the rules come before any way to take part");
    assert!(page.body.contains("id=\"spelregels\""), "the full card");

    let mail = outbox_message::Entity::find()
        .filter(outbox_message::Column::Recipient.eq(RESIDENT))
        .filter(outbox_message::Column::Subject.contains("Spelregels veranderd"))
        .one(&s.app.db)
        .await
        .unwrap()
        .expect("the follower is told");
    assert!(mail.body_text.contains("Na vragen op de inloopavond"));
    let key = follow::Entity::find().one(&s.app.db).await.unwrap().unwrap().unsubscribe_key;
    assert_eq!(mail.list_unsubscribe.as_deref(), Some(format!("http://127.0.0.1:3000/afmelden/{key}").as_str()));
    assert!(mail.body_text.contains(&format!("/afmelden/{key}")));
}

#[tokio::test]
async fn a_project_lead_cannot_touch_another_municipalitys_trajectory() {
    let s = lead_session().await;
    let id = s.create("Herinrichting Dorpsplein", &[]).await;
    let other = s.log_in(OTHER_LEAD).await;
    let resident = s.log_in(RESIDENT).await;
    let moderator = s.log_in("moderator@duinwijk.example").await;
    let target = [("municipality", "duinwijk"), ("id", id.as_str())];
    for who in [&other, &resident, &moderator] {
        let create = s.app.call("create_trajectory", &details("Overname", &[]), Some(who)).await;
        assert!(matches!(create.status, StatusCode::FORBIDDEN), "{}", create.status);
        let mut update = details("Overname", &[]);
        update.push(("id", &id));
        assert_eq!(s.app.call("update_trajectory", &update, Some(who)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(s.app.call("save_rules", &complete_card(&id), Some(who)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(s.app.call("publish_trajectory", &target, Some(who)).await.status, StatusCode::FORBIDDEN);
    }
    // Through their own municipality's address the trajectory does not exist.
    let mut sideways = complete_card(&id);
    sideways[0] = ("municipality", "polderveen");
    assert_eq!(s.app.call("save_rules", &sideways, Some(&other)).await.status, StatusCode::NOT_FOUND);
    let row = trajectory::Entity::find_by_id(id.parse::<i32>().unwrap()).one(&s.app.db).await.unwrap().unwrap();
    assert_eq!(row.title, "Herinrichting Dorpsplein");
}

#[tokio::test]
async fn the_desk_filters_by_area_theme_level_and_stage_and_searches() {
    let s = lead_session().await;
    let areas = app::server::entities::area::Entity::find().all(&s.app.db).await.unwrap();
    let zeedorp = areas.iter().find(|a| a.slug == "zeedorp").unwrap().id.to_string();
    s.create_published("Nieuwe speeltuin Zeedorp", &[("areas[]", &zeedorp), ("themes[]", "jeugd")], "meebeslissen")
        .await;
    s.create_published("Herinrichting Dorpsplein", &[("themes[]", "openbare-ruimte")], "meedenken").await;
    let later = [("phase_starts_on[0]", "2099-01-01")];
    let mut upcoming = details("Mobiliteitsplan 2030", &[]);
    upcoming.retain(|(k, _)| *k != "phase_starts_on[0]");
    upcoming.extend_from_slice(&later);
    let id = s.app.call_signed("create_trajectory", &upcoming, &s.lead).await.body.trim().to_owned();
    s.app.call("save_rules", &complete_card(&id), Some(&s.lead)).await;
    s.app.call("publish_trajectory", &[("municipality", "duinwijk"), ("id", &id)], Some(&s.lead)).await;

    let titles = |reply: &Reply| -> Vec<String> {
        reply.json()["results"].as_array().unwrap().iter().map(|t| t["title"].as_str().unwrap().to_owned()).collect()
    };
    let list = |filters: &'static [(&'static str, &'static str)]| {
        let mut form = vec![("municipality", "duinwijk")];
        form.extend_from_slice(filters);
        form
    };
    let all = s.app.call("list_trajectories", &list(&[]), None).await;
    assert_eq!(all.json()["total"], 3);
    assert_eq!(
        titles(&s.app.call("list_trajectories", &list(&[("area", "zeedorp")]), None).await),
        ["Nieuwe speeltuin Zeedorp"]
    );
    assert_eq!(
        titles(&s.app.call("list_trajectories", &list(&[("theme", "openbare-ruimte")]), None).await),
        ["Herinrichting Dorpsplein"]
    );
    assert_eq!(
        titles(&s.app.call("list_trajectories", &list(&[("level", "meebeslissen")]), None).await),
        ["Nieuwe speeltuin Zeedorp"]
    );
    assert_eq!(
        titles(&s.app.call("list_trajectories", &list(&[("stage", "upcoming")]), None).await),
        ["Mobiliteitsplan 2030"]
    );
    assert_eq!(s.app.call("list_trajectories", &list(&[("stage", "open")]), None).await.json()["total"], 2);
    assert_eq!(
        titles(&s.app.call("list_trajectories", &list(&[("q", "DORPSPLEIN")]), None).await),
        ["Herinrichting Dorpsplein"]
    );
    assert_eq!(
        s.app.call("list_trajectories", &list(&[("q", "%")]), None).await.json()["total"],
        3,
        "wildcards are literal-free"
    );

    // Without JavaScript the filters are a GET form and the list is in the HTML.
    let page = s.app.get("/duinwijk?thema=jeugd", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Nieuwe speeltuin Zeedorp"));
    assert!(page.body.contains("Aantal gevonden trajecten: <!>1<"), "{}", page.body);
    let list = &page.body[page.body.find("id=\"trajecten\"").unwrap()..page.body.find("</main>").unwrap()];
    assert!(!list.contains("Herinrichting Dorpsplein"), "{list}");
    // Another municipality's desk shows none of them.
    let polderveen = s.app.call("list_trajectories", &[("municipality", "polderveen")], None).await;
    assert_eq!(polderveen.json()["total"], 0);
}

#[tokio::test]
async fn markdown_that_tries_to_run_script_is_rendered_harmless() {
    let s = lead_session().await;
    let attack = "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[klik](javascript:alert(3))\n\n<a href=\"javascript:alert(4)\">x</a>\n\n<svg onload=alert(5)>";
    let id = s.create_published("Plan met gevaarlijke tekst", &[("body", attack)], "meedenken").await;
    let page = s.app.get(&format!("/duinwijk/trajecten/{id}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.body.to_lowercase();
    for bad in ["alert(1)</script>", "onerror=", "javascript:alert", "<svg", "onload="] {
        let in_markup = html.match_indices(bad).any(|(at, _)| !html[..at].ends_with("&lt;"));
        assert!(!html.contains(bad) || !in_markup, "{bad} survived");
    }
    assert!(!html.contains("<img"), "images from Markdown are dropped");
}

#[tokio::test]
async fn an_unsubscribe_link_ends_exactly_one_follow_without_logging_in() {
    let s = lead_session().await;
    let id = s.create_published("Herinrichting Dorpsplein", &[], "meedenken").await;
    let resident = s.log_in(RESIDENT).await;
    for (kind, target) in [("trajectory", id.as_str()), ("theme", "jeugd")] {
        let reply = s
            .app
            .call(
                "set_follow",
                &[("municipality", "duinwijk"), ("kind", kind), ("target", target), ("follow", "true")],
                Some(&resident),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    // Following twice is following once.
    s.app
        .call(
            "set_follow",
            &[("municipality", "duinwijk"), ("kind", "theme"), ("target", "jeugd"), ("follow", "true")],
            Some(&resident),
        )
        .await;
    let follows = follow::Entity::find().all(&s.app.db).await.unwrap();
    assert_eq!(follows.len(), 2);
    let theme = follows.iter().find(|f| f.kind == "theme").unwrap();

    let page = s.app.get(&format!("/afmelden/{}", theme.unsubscribe_key), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(follow::Entity::find().all(&s.app.db).await.unwrap().len(), 2, "opening the link changes nothing");
    let done = s.app.call("unsubscribe", &[("key", &theme.unsubscribe_key)], None).await;
    assert_eq!(done.status, StatusCode::OK);
    assert_eq!(done.body.trim(), "true");
    let left = follow::Entity::find().all(&s.app.db).await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].kind, "trajectory");
    assert_eq!(s.app.call("unsubscribe", &[("key", "00ff")], None).await.body.trim(), "false");

    // Visitors cannot follow.
    let visitor = s
        .app
        .call(
            "set_follow",
            &[("municipality", "duinwijk"), ("kind", "theme"), ("target", "jeugd"), ("follow", "true")],
            None,
        )
        .await;
    assert_eq!(visitor.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn open_data_gives_trajectories_with_every_version_of_their_rules_and_a_feed() {
    let s = lead_session().await;
    let id = s.create_published("Herinrichting Dorpsplein", &[("themes[]", "openbare-ruimte")], "meedenken").await;
    let mut change = complete_card(&id);
    change.push(("change_reason", "Besluitdatum verschoven."));
    change.retain(|(k, v)| *k != "decision_date" || *v != "2100-03-01");
    change.push(("decision_date", "2100-03-15"));
    assert_eq!(s.app.call("amend_rules", &change, Some(&s.lead)).await.status, StatusCode::OK);
    let draft = s.create("Nog geheim", &[]).await;

    let list = s.app.get("/api/v1/duinwijk/trajectories", None).await;
    assert_eq!(list.status, StatusCode::OK);
    let list = list.json();
    assert_eq!(list["total"], 1, "drafts are not open data: {list}");
    let item = &list["trajectories"][0];
    assert_eq!(item["title"], "Herinrichting Dorpsplein");
    assert_eq!(item["stage"], "open");
    assert_eq!(item["level"], "meedenken");
    assert_eq!(item["themes"][0], "openbare-ruimte");
    assert_eq!(item["url"], format!("http://127.0.0.1:3000/duinwijk/trajecten/{id}"));

    let detail = s.app.get(&format!("/api/v1/duinwijk/trajectories/{id}"), None).await.json();
    assert_eq!(detail["rules_of_play"]["version"], 2);
    assert_eq!(detail["rules_of_play"]["decision_date"], "2100-03-15");
    assert_eq!(detail["rules_of_play"]["change_reason"], "Besluitdatum verschoven.");
    assert_eq!(detail["rules_of_play_versions"].as_array().unwrap().len(), 2);
    assert_eq!(detail["rules_of_play_versions"][0]["decision_date"], "2100-03-01");
    assert_eq!(detail["rules_of_play"]["fixed_items"][0]["number"], 1);
    assert_eq!(detail["rules_of_play"]["eligibility"]["kind"], "everyone");
    assert!(detail["body_html"].as_str().unwrap().contains("<strong>oud</strong>"));
    assert_eq!(s.app.get(&format!("/api/v1/duinwijk/trajectories/{draft}"), None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(s.app.get(&format!("/api/v1/polderveen/trajectories/{id}"), None).await.status, StatusCode::NOT_FOUND);

    let feed = s.app.get("/api/v1/duinwijk/trajectories.atom", None).await;
    assert_eq!(feed.status, StatusCode::OK);
    assert_eq!(feed.headers["content-type"], "application/atom+xml; charset=utf-8");
    // It reads back as Atom: the published trajectory is an entry with its page, the draft is not.
    let parsed = atom_syndication::Feed::read_from(feed.body.as_bytes()).expect("a valid Atom feed");
    assert_eq!(parsed.title().as_str(), "Gemeente Duinwijk: participatietrajecten");
    assert!(parsed
        .links()
        .iter()
        .any(|l| l.rel() == "self" && l.href().ends_with("/api/v1/duinwijk/trajectories.atom")));
    let entry = parsed.entries().iter().find(|e| e.title().as_str() == "Herinrichting Dorpsplein").expect("the entry");
    assert_eq!(entry.links()[0].href(), entry.id(), "each entry links to its page");
    assert!(entry.id().ends_with(&format!("/duinwijk/trajecten/{id}")), "{}", entry.id());
    assert!(entry.published().is_some() && !entry.authors().is_empty());
    assert!(!feed.body.contains("Nog geheim"));
}

#[tokio::test]
async fn the_demo_world_has_trajectories_in_every_state() {
    let app = TestApp::new().await;
    server::seed::seed_demo(&app.db).await.unwrap();
    let rows = trajectory::Entity::find().all(&app.db).await.unwrap();
    for status in ["draft", "published", "closed", "reported", "archived"] {
        assert!(rows.iter().any(|t| t.status == status), "no demo trajectory is {status}");
    }
    let desk = app.call("list_trajectories", &[("municipality", "duinwijk")], None).await.json();
    let stages: Vec<_> =
        desk["results"].as_array().unwrap().iter().map(|t| t["stage"].as_str().unwrap().to_owned()).collect();
    for stage in ["Open", "Upcoming", "Closed", "Reported"] {
        assert!(stages.iter().any(|s| s == stage), "no {stage} trajectory on the Duinwijk desk: {stages:?}");
    }
    let page = app.get("/duinwijk", None).await;
    assert!(page.body.contains("Herinrichting Dorpsplein"));
    assert!(!page.body.contains("Fietsroute langs de Zeeweg"), "the demo draft stays hidden");
}

#[tokio::test]
async fn a_trajectory_is_closed_early_and_archived_but_a_draft_is_not() {
    let s = lead_session().await;
    let draft = s.create("Nog een concept", &[]).await;
    fn to<'a>(id: &'a str, status: &'a str) -> Vec<(&'a str, &'a str)> {
        vec![("municipality", "duinwijk"), ("id", id), ("to", status)]
    }
    let refused = s.app.call("change_trajectory_status", &to(&draft, "closed"), Some(&s.lead)).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);

    let id = s.create_published("Herinrichting Dorpsplein", &[], "meedenken").await;
    assert_eq!(s.app.call("change_trajectory_status", &to(&id, "closed"), Some(&s.lead)).await.status, StatusCode::OK);
    let desk = s.app.call("list_trajectories", &[("municipality", "duinwijk"), ("stage", "closed")], None).await;
    assert_eq!(desk.json()["total"], 1);
    let other = s.log_in(OTHER_LEAD).await;
    let mut sideways = to(&id, "archived");
    sideways[0] = ("municipality", "polderveen");
    assert_eq!(s.app.call("change_trajectory_status", &sideways, Some(&other)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        s.app.call("change_trajectory_status", &to(&id, "archived"), Some(&s.lead)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        s.app.call("change_trajectory_status", &to(&id, "published"), Some(&s.lead)).await.status,
        StatusCode::CONFLICT
    );
    let page = s.app.get(&format!("/duinwijk/trajecten/{id}"), None).await;
    assert_eq!(page.status, StatusCode::OK, "archived trajectories stay readable");
    let mut update = details("Andere titel", &[]);
    update.push(("id", &id));
    assert_eq!(s.app.call("update_trajectory", &update, Some(&s.lead)).await.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn staff_see_drafts_in_their_administration_and_residents_cannot_list_them() {
    let s = lead_session().await;
    s.create("Nog een concept", &[]).await;
    let mine = s.app.call("list_managed_municipalities", &[], Some(&s.lead)).await;
    assert_eq!(
        mine.json().as_array().unwrap().iter().map(|m| m["slug"].as_str().unwrap()).collect::<Vec<_>>(),
        ["duinwijk"]
    );
    let list = s.app.call("list_managed_trajectories", &[("municipality", "duinwijk")], Some(&s.lead)).await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.json()[0]["title"], "Nog een concept");
    let page = s.app.get("/beheer/duinwijk", Some(&s.lead)).await;
    assert!(page.body.contains("Nog een concept"), "{}", page.body);
    let resident = s.log_in(RESIDENT).await;
    let refused = s.app.call("list_managed_trajectories", &[("municipality", "duinwijk")], Some(&resident)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let other = s.log_in(OTHER_LEAD).await;
    let refused = s.app.call("list_managed_trajectories", &[("municipality", "duinwijk")], Some(&other)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_mail_program_unsubscribes_with_one_post_to_the_list_unsubscribe_link() {
    let s = lead_session().await;
    let id = s.create_published("Herinrichting Dorpsplein", &[], "meedenken").await;
    let resident = s.log_in(RESIDENT).await;
    let followed = s
        .app
        .call(
            "set_follow",
            &[("municipality", "duinwijk"), ("kind", "trajectory"), ("target", &id), ("follow", "true")],
            Some(&resident),
        )
        .await;
    assert_eq!(followed.status, StatusCode::OK);
    let key = follow::Entity::find().one(&s.app.db).await.unwrap().unwrap().unsubscribe_key;
    // RFC 8058: a POST without cookies or Origin, with this exact body.
    let one_click = |key: String| {
        http::Request::post(format!("/afmelden/{key}"))
            .header(http::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(axum::body::Body::from("List-Unsubscribe=One-Click"))
            .unwrap()
    };
    assert_eq!(s.app.send(one_click(key.clone())).await.status, StatusCode::OK);
    assert!(follow::Entity::find().one(&s.app.db).await.unwrap().is_none(), "the follow has ended");
    assert_eq!(s.app.send(one_click(key)).await.status, StatusCode::NOT_FOUND, "a second click finds nothing");
    assert_eq!(s.app.send(one_click("niet-hex".into())).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_report_not_out_yet_says_when_it_comes_instead_of_not_found() {
    let s = lead_session().await;
    let id = s.create_published("Speelplek Noordhoek", &[], "meedenken").await;
    let page = s.app.get(&format!("/duinwijk/trajecten/{id}/verslag"), None).await;
    assert!(page.body.contains("Het verslag is er nog niet"), "{}", page.body);
    // The card's report date (complete_card), as the rules promise it.
    assert!(page.body.contains("De spelregels beloven het verslag uiterlijk op <!>1 april 2100"), "{}", page.body);
    assert!(page.body.contains(&format!("/duinwijk/trajecten/{id}\"")), "the way back to the trajectory");
    // A trajectory that does not exist is still not found.
    let missing = s.app.get("/duinwijk/trajecten/999999/verslag", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}
