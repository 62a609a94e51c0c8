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

/// The answering screen asks the database for its counts and its page. Over a trajectory with
/// input through several channels and areas, answered and open, waiting, hidden, withdrawn and
/// official, and cases the desk forwarded: the unfiltered pages list every input to answer in
/// order (inputs, then cases), and every filter, alone and combined, gives the rows of that list
/// that pass it, with the same counts.
#[tokio::test]
async fn the_answering_screen_counts_filters_and_pages_as_its_full_list_says() {
    use app::server::entities::{activity, input};
    use sea_orm::{ActiveModelTrait, QueryOrder, Set};

    let w = World::new().await;
    let parking = w.parking.to_string();
    let d = crate::desk::Desk { app: w.app, accounts: w.accounts };
    let resident = d.log_in(RESIDENT).await;
    let desk = d.log_in("loket@duinwijk.example").await;
    for title in ["Deelauto's bij het station", "Laadpalen aan de Kerkstraat"] {
        let case = d.case(&resident, &[("title", title)]).await;
        let moved = d.desk_call(&desk, "move_desk_case", &case, &[("to", "forwarded"), ("trajectory", &parking)]).await;
        assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    }
    let w = World { app: d.app, accounts: d.accounts, parking: w.parking };
    let db = &w.app.db;
    let consultation = activity::Entity::find()
        .filter(activity::Column::TrajectoryId.eq(w.parking))
        .order_by_asc(activity::Column::Id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let municipality = app::server::entities::trajectory::Entity::find_by_id(w.parking)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .municipality_id;
    let lead = w.log_in(LEAD).await;
    let first = w.answering(&lead, &[]).await;
    let areas: Vec<i32> = first["areas"].as_array().unwrap().iter().map(|a| a["id"].as_i64().unwrap() as i32).collect();
    let (waiting, hidden) = (first["awaiting_moderation"].as_u64().unwrap(), first["hidden"].as_u64().unwrap());
    let channels = ["online", "counter", "letter", "meeting"];
    let statuses = ["visible", "visible", "visible", "visible", "visible", "pending", "hidden", "withdrawn"];
    for n in 0..40usize {
        input::ActiveModel {
            municipality_id: Set(municipality),
            trajectory_id: Set(Some(w.parking)),
            activity_id: Set(Some(consultation.id)),
            kind: Set("comment".into()),
            channel: Set(channels[n % channels.len()].into()),
            shown_area_id: Set(if n % 3 == 0 { None } else { Some(areas[n % areas.len()]) }),
            contact_consent: Set(false),
            body: Set(format!("Inbreng {n} over parkeren.")),
            official: Set(n == 39),
            status: Set(statuses[n % statuses.len()].into()),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
    }
    // What the database holds, in the screen's order: the visible inputs, then the cases.
    let visible: Vec<String> = input::Entity::find()
        .filter(input::Column::TrajectoryId.eq(w.parking))
        .filter(input::Column::Official.eq(false))
        .filter(input::Column::Status.eq("visible"))
        .order_by_asc(input::Column::Id)
        .all(db)
        .await
        .unwrap()
        .iter()
        .map(|i| format!("i{}", i.id))
        .collect();

    // Answer a few alone and a group, then hide one of the group: it no longer counts anywhere.
    let keys = w.all_keys(&lead).await;
    assert_eq!(keys[..visible.len()], visible[..], "the inputs first, oldest first");
    assert_eq!(keys.len(), visible.len() + 2, "then the two forwarded cases");
    assert!(keys[visible.len()..].iter().all(|k| k.starts_with('c')));
    for (chosen, reason) in [(&keys[..1], "Alleen."), (&keys[3..9], "Samen."), (&keys[keys.len() - 1..], "De zaak.")] {
        let given = w.answer(&lead, chosen, &[("disposition", "adopted"), ("reason", reason)]).await;
        assert_eq!(given.status, StatusCode::OK, "{}", given.body);
    }
    let hidden_id: i32 = keys[8][1..].parse().unwrap();
    let mut row: input::ActiveModel = input::Entity::find_by_id(hidden_id).one(db).await.unwrap().unwrap().into();
    row.status = Set("hidden".into());
    row.update(db).await.unwrap();

    let pages = |extra: Vec<(&'static str, String)>| {
        let w = &w;
        let lead = lead.clone();
        async move {
            let args: Vec<(&str, &str)> = extra.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let first = w.answering(&lead, &args).await;
            let mut rows = Vec::new();
            for page in 1..=first["pages"].as_u64().unwrap().max(1) {
                let p = page.to_string();
                let mut with_page = args.clone();
                with_page.push(("page", &p));
                rows.extend(w.answering(&lead, &with_page).await["rows"].as_array().unwrap().iter().cloned());
            }
            (first, rows)
        }
    };
    let (all, everything) = pages(Vec::new()).await;
    let total = everything.len() as u64;
    assert_eq!(total, keys.len() as u64 - 1, "the hidden one is gone from the list");
    assert_eq!(all["matching"], total);
    assert_eq!(all["progress"]["total"], total);
    let answered = everything.iter().filter(|r| !r["answer"].is_null()).count() as u64;
    assert_eq!(answered, 1 + 5 + 1);
    assert_eq!(all["progress"]["answered"], answered);
    assert_eq!(all["awaiting_moderation"], waiting + 5, "five of the forty wait for a moderator");
    assert_eq!(all["hidden"], hidden + 6, "five hidden by the moderator, one after its answer");
    assert_eq!(all["blocked"]["AwaitingModeration"]["count"], waiting + 5, "moderation comes first");
    for row in &everything {
        if !row["answer"].is_null() {
            let size = everything.iter().filter(|r| r["answer"]["id"] == row["answer"]["id"]).count() as u64;
            assert_eq!(row["answer"]["size"], size, "an answer covers the inputs on the list that have it: {row}");
        }
    }
    let mut listed_channels: Vec<String> = Vec::new();
    for row in &everything {
        let channel = row["channel"].as_str().unwrap().to_lowercase();
        if !listed_channels.contains(&channel) {
            listed_channels.push(channel);
        }
    }
    let offered: Vec<String> =
        all["channels"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_lowercase()).collect();
    listed_channels.sort_by_key(|c| offered.iter().position(|o| o == c));
    assert_eq!(offered, listed_channels, "the channel filter offers the channels on the list, in order");

    // Every filter alone and a few together: the rows of the full list that pass, in order.
    let area_names: Vec<(i32, String)> = all["areas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["id"].as_i64().unwrap() as i32, a["name"].as_str().unwrap().to_owned()))
        .collect();
    let activities: Vec<(String, String)> = all["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a[0].to_string(), a[1].as_str().unwrap().to_owned()))
        .collect();
    let mut filters: Vec<Vec<(&'static str, String)>> = Vec::new();
    for channel in &offered {
        filters.push(vec![("channel", channel.clone())]);
        filters.push(vec![("channel", channel.clone()), ("status", "open".into())]);
    }
    for (id, _) in &area_names {
        filters.push(vec![("area", id.to_string())]);
        filters.push(vec![("area", id.to_string()), ("status", "beantwoord".into()), ("channel", "online".into())]);
    }
    for (id, _) in &activities {
        filters.push(vec![("activity", id.clone())]);
    }
    filters.push(vec![("status", "open".into())]);
    filters.push(vec![("status", "beantwoord".into())]);
    filters.push(vec![("channel", "onbekend".into()), ("area", "x".into())]);
    for filter in filters {
        let passes = |row: &Value| {
            filter.iter().all(|(name, value)| match *name {
                "channel" => !offered.contains(value) || row["channel"].as_str().unwrap().to_lowercase() == *value,
                "area" => value.parse::<i32>().map_or(true, |id| {
                    let name = area_names.iter().find(|(a, _)| *a == id).map(|(_, n)| n.as_str());
                    row["area"].as_str() == name
                }),
                "activity" => {
                    let title = activities.iter().find(|(a, _)| a == value).map(|(_, t)| t.as_str()).unwrap();
                    row["activity_title"] == title && row["kind"] != "Initiative"
                }
                "status" => (value == "beantwoord") != row["answer"].is_null(),
                _ => unreachable!(),
            })
        };
        let expected: Vec<&Value> = everything.iter().filter(|r| passes(r)).map(|r| &r["key"]).collect();
        let (screen, rows) = pages(filter.clone()).await;
        let got: Vec<&Value> = rows.iter().map(|r| &r["key"]).collect();
        assert_eq!(got, expected, "{filter:?}");
        assert_eq!(screen["matching"], expected.len() as u64, "{filter:?}");
        assert_eq!(screen["progress"], all["progress"], "the progress is over everything: {filter:?}");
    }
}
