//! Publishing the report: the mails it sends, a frozen version and its corrections, who may
//! publish and when, an account deleted afterwards, the demo's report, and publishing twice at once.

use super::*;

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
