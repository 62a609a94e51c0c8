//! Answering every input: one by one or in a group, ideas and initiatives the desk forwarded,
//! and two leads answering the same inputs at once.

use super::*;

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
    // The screen reads the texts and answers of the rows it shows (not of every input): each
    // row has both.
    for row in screen["rows"].as_array().unwrap() {
        assert!(!row["body"].as_str().unwrap().is_empty(), "{row}");
        assert!(row["answer"]["reason"].as_str().is_some_and(|r| !r.is_empty()), "{row}");
    }

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
    private_form.push(("public", "nee"));
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
    assert!(cases.iter().all(|c| c["body"].as_str().unwrap().contains("moestuin")), "a case's description: {cases:?}");
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
