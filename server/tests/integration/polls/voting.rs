use super::*;
use crate::trajectories::{fields, lead_session};

#[tokio::test]
async fn a_lead_adds_a_poll_and_a_resident_votes_once() {
    let s = lead_session().await;
    let trajectory = trajectory(&s, &[]).await;
    let poll = add_poll(&s, &trajectory, &[]).await;
    let resident = s.log_in(RESIDENT).await;
    let page = view(&s.app, &poll, Some(&resident)).await;
    assert_eq!(page["may_vote"], "Yes", "{page}");
    assert_eq!(page["questions"].as_array().unwrap().len(), 5);
    assert_eq!(page["questions"][4]["required"], false, "an open question is optional");
    let reply = vote(&s.app, &poll, &resident, &ballot(&page, 1, "Meer bomen graag")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let after = view(&s.app, &poll, Some(&resident)).await;
    assert_eq!(after["voted"], true);
    assert_eq!(after["may_vote"], "AlreadyVoted", "the poll does not allow changing");
    assert_eq!(after["my_answers"][0][1]["Single"], page["questions"][0]["options"][1]["id"], "not secret: kept");
    let results = &after["results"];
    assert_eq!(results["ballots"], 1);
    assert_eq!(results["questions"][0]["options"][1]["total"], 1);
    assert_eq!(results["questions"][0]["options"][1]["per_mille"], 1000);
    assert_eq!(results["questions"][1]["options"][0]["total"], 1);
    assert_eq!(results["questions"][2]["mean_tenths"], 40);
    assert_eq!(results["questions"][3]["options"][2]["first_places"], 1, "the ranking was sent in reverse");
    assert_eq!(results["questions"][4]["answered"], 1);
    // A second ballot, with a fresh token, is refused: one person, one vote.
    let again = vote(&s.app, &poll, &resident, &ballot(&page, 0, "")).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", again.body);
    assert_eq!(fields(&again), ["ballot"]);
    assert_eq!(voter_rows(&s.app, &poll).await, 1);
    assert_eq!(view(&s.app, &poll, None).await["results"]["questions"][0]["options"][1]["total"], 1);
    // The open answer became an input record of the trajectory, by its author.
    use app::server::entities::input;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let answers = input::Entity::find()
        .filter(input::Column::ActivityId.eq(poll.parse::<i32>().unwrap()))
        .all(&s.app.db)
        .await
        .unwrap();
    assert_eq!(answers.len(), 1);
    assert_eq!((answers[0].kind.as_str(), answers[0].body.as_str()), ("poll_answer", "Meer bomen graag"));
    assert_eq!(answers[0].author_id, Some(user_id(&s.app, RESIDENT).await));
}

#[tokio::test]
async fn fifty_parallel_submissions_of_one_ballot_store_one() {
    let s = lead_session().await;
    let trajectory = trajectory(&s, &[]).await;
    let poll = add_poll(&s, &trajectory, &[]).await;
    let resident = s.log_in(RESIDENT).await;
    let page = view(&s.app, &poll, Some(&resident)).await;
    let token = page["submission_token"].as_str().unwrap().to_owned();
    let mut form: Vec<(String, String)> = vec![
        ("municipality".into(), "duinwijk".into()),
        ("poll".into(), poll.clone()),
        ("submission_token".into(), token),
    ];
    form.extend(ballot(&page, 0, "Een waterpomp"));
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let replies = s.app.call_in_parallel(50, "cast_vote", &form, Some(&resident)).await;
    assert!(
        replies.iter().all(|r| r.status == StatusCode::OK),
        "{:?}",
        replies.iter().map(|r| &r.body).collect::<Vec<_>>()
    );
    assert_eq!(voter_rows(&s.app, &poll).await, 1);
    let results = view(&s.app, &poll, None).await["results"].clone();
    assert_eq!(results["ballots"], 1, "counted once");
    assert_eq!(results["questions"][0]["options"][0]["total"], 1);
    assert_eq!(results["questions"][4]["answered"], 1, "one open answer, not fifty");
}

#[tokio::test]
async fn a_bad_ballot_is_refused_whole_with_the_reason_at_each_question() {
    let s = lead_session().await;
    let trajectory = trajectory(&s, &[]).await;
    let poll = add_poll(&s, &trajectory, &[]).await;
    let resident = s.log_in(RESIDENT).await;
    let page = view(&s.app, &poll, Some(&resident)).await;
    let (q0, _) = ids(&page, 0);
    let (q1, o1) = ids(&page, 1);
    let (q2, _) = ids(&page, 2);
    let (q3, o3) = ids(&page, 3);
    let mut bad = ballot(&page, 0, "");
    let set = |form: &mut Vec<(String, String)>, key: String, value: &str| {
        form.retain(|(k, _)| *k != key);
        form.push((key, value.to_owned()));
    };
    set(&mut bad, format!("choice[{q0}]"), "999999");
    set(&mut bad, format!("pick[{q1}][{}]", o1[2]), "on");
    set(&mut bad, format!("scale[{q2}]"), "6");
    set(&mut bad, format!("rank[{q3}][{}]", o3[0]), "1");
    set(&mut bad, format!("rank[{q3}][{}]", o3[1]), "1");
    let reply = vote(&s.app, &poll, &resident, &bad).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.body);
    let mut problems = fields(&reply);
    problems.sort();
    let mut expected =
        vec![format!("answer[{q0}]"), format!("answer[{q1}]"), format!("answer[{q2}]"), format!("answer[{q3}]")];
    expected.sort();
    assert_eq!(problems, expected);
    let json = reply.json();
    let problem_of = |q: &str| {
        json["Validation"]["errors"].as_array().unwrap().iter().find(|e| e["field"] == format!("answer[{q}]")).unwrap()
            ["problem"]
            .clone()
    };
    assert_eq!(problem_of(&q0), "ChoiceInvalid", "unknown option");
    assert_eq!(problem_of(&q1)["TooMany"]["max"], 2, "too many choices");
    assert_eq!(problem_of(&q2)["NumberInvalid"]["max"], 5, "scale out of range");
    assert_eq!(problem_of(&q3), "RankingIncomplete", "a ranking with a place twice");
    assert!(
        json["Validation"]["values"].as_array().unwrap().iter().any(|v| v[0] == format!("scale[{q2}]") && v[1] == "6"),
        "what was sent comes back to the form"
    );
    assert_eq!(voter_rows(&s.app, &poll).await, 0, "nothing half-stored");
    assert!(tally_rows(&s.app, &poll).await.is_empty());
    // Leaving out a required question is refused too; the open question may stay empty.
    let mut partial = ballot(&page, 0, "");
    partial.retain(|(k, _)| !k.starts_with(&format!("scale[{q2}]")));
    let reply = vote(&s.app, &poll, &resident, &partial).await;
    assert_eq!(fields(&reply), [format!("answer[{q2}]")]);
}

/// Sets the application's clock to `moment`, signs the resident in then (a session does not
/// last the month a poll runs), reads the poll and votes with a fresh token.
async fn vote_at(
    s: &crate::trajectories::Session,
    poll: &str,
    moment: chrono::DateTime<Utc>,
) -> (serde_json::Value, crate::common::Reply) {
    let app = &s.app;
    app.state.clock.set(moment);
    let cookie = s.log_in(RESIDENT).await;
    let page = view(app, poll, Some(&cookie)).await;
    let token = page["submission_token"].as_str().unwrap().to_owned();
    let reply = vote_with(app, poll, &cookie, &token, &ballot(&page, 0, "")).await;
    (page["may_vote"].clone(), reply)
}

#[tokio::test]
async fn votes_count_from_the_opening_second_until_the_closing_second() {
    let s = lead_session().await;
    let trajectory = trajectory(&s, &[]).await;
    let poll = add_poll(&s, &trajectory, &[]).await;
    let stored = app::server::polls::find(&s.app.db, app::domain::tenancy::MunicipalityId(1), poll.parse().unwrap())
        .await
        .unwrap()
        .unwrap()
        .poll;
    // The application's clock is moved, not the poll: the page and the ballot see the same time.
    let at = |moment| vote_at(&s, &poll, moment);
    // One second before the opening: too early.
    let (may, early) = at(stored.opens_at - Duration::seconds(1)).await;
    assert_eq!(may, "NotYetOpen");
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(early.body.contains("PollNotOpen"), "{}", early.body);
    // At the closing second: too late.
    let (may, late) = at(stored.closes_at).await;
    assert_eq!(may, "Closed");
    assert!(late.body.contains("PollNotOpen"), "{}", late.body);
    assert_eq!(voter_rows(&s.app, &poll).await, 0);
    // One second before the closing: still in time.
    let (may, in_time) = at(stored.closes_at - Duration::seconds(1)).await;
    assert_eq!(may, "Yes");
    assert_eq!(in_time.status, StatusCode::OK, "{}", in_time.body);
    assert_eq!(voter_rows(&s.app, &poll).await, 1);
}

#[tokio::test]
async fn moments_are_typed_on_a_dutch_clock_and_stored_in_utc_across_summer_time() {
    let s = lead_session().await;
    let trajectory = trajectory(&s, &[]).await;
    // Summer time ends on 25 October 2026: 17:00 on 24 October is 15:00 UTC, on 26 October 16:00.
    let poll = add_poll(&s, &trajectory, &[("opens_on", "2026-10-24"), ("closes_on", "2026-10-26")]).await;
    let stored = app::server::polls::find(&s.app.db, app::domain::tenancy::MunicipalityId(1), poll.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.poll.opens_at.to_rfc3339(), "2026-10-24T07:00:00+00:00");
    assert_eq!(stored.poll.closes_at.to_rfc3339(), "2026-10-26T16:00:00+00:00");
    let page = view(&s.app, &poll, None).await;
    assert_eq!(page["closes_local"], "2026-10-26T17:00:00", "shown as the Dutch clock said it");
    // The hour skipped when summer time starts does not exist; closing before opening neither.
    let days = open_days();
    let mut form = poll_form(&trajectory, &[("closes_on", "2027-03-28"), ("closes_time", "02:30")], &days);
    let reply = s.app.call("create_poll", &form, Some(&s.lead)).await;
    assert!(reply.body.contains("TimeDoesNotExist"), "{}", reply.body);
    form = poll_form(&trajectory, &[("closes_on", "2020-01-01")], &days);
    let reply = s.app.call("create_poll", &form, Some(&s.lead)).await;
    assert_eq!(fields(&reply), ["closes_on"]);
}

#[tokio::test]
async fn the_editor_refuses_what_cannot_work_and_keeps_what_was_typed() {
    let s = lead_session().await;
    let trajectory = trajectory(&s, &[]).await;
    let days = open_days();
    let form = poll_form(
        &trajectory,
        &[
            ("title", ""),
            ("secret", "on"),
            ("changeable", "on"),
            ("question_options[0]", "Alleen deze"),
            ("question_kind[2]", "open"),
            ("eligibility", "panel"),
            ("eligible_panel", "12345"),
        ],
        &days,
    );
    let reply = s.app.call("create_poll", &form, Some(&s.lead)).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut problems = fields(&reply);
    problems.sort();
    assert_eq!(
        problems,
        ["changeable", "eligible_panel", "question_kind[4]", "question_options[0]", "title"],
        "{}",
        reply.body
    );
    assert!(reply.body.contains("SecretCannotChange"));
    assert!(reply.body.contains("Alleen deze"), "typed text comes back");
    // Only leads of the municipality add polls.
    let resident = s.log_in(RESIDENT).await;
    let reply = s.app.call("create_poll", &poll_form(&trajectory, &[], &days), Some(&resident)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let other = s.log_in(crate::consultations::OTHER_LEAD).await;
    let reply = s.app.call("create_poll", &poll_form(&trajectory, &[], &days), Some(&other)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn who_may_vote_is_narrowed_per_poll_and_explained_before_trying() {
    let s = lead_session().await;
    let trajectory = trajectory(&s, &[]).await;
    let poll = add_poll(
        &s,
        &trajectory,
        &[("eligibility", "age_band"), ("eligible_min_age", "12"), ("eligible_max_age", "23")],
    )
    .await;
    let adult = s.log_in(RESIDENT).await;
    let young = s.log_in(YOUNG).await;
    let page = view(&s.app, &poll, Some(&adult)).await;
    assert_eq!(page["may_vote"]["NotEligible"], "AgeUnknown", "no birth date on the account");
    set_birth_date(&s.app, RESIDENT, (1980, 6, 1)).await;
    let page = view(&s.app, &poll, Some(&adult)).await;
    assert_eq!(page["may_vote"]["NotEligible"]["OutsideAgeBand"]["max"], 23, "{page}");
    assert!(page["who"].as_array().unwrap().iter().any(|w| w["AgeBand"]["min"] == 12));
    let young_page = view(&s.app, &poll, Some(&young)).await;
    assert_eq!(young_page["may_vote"], "Yes");
    // The adult sends a ballot anyway (with a token from another poll's page): refused.
    let open_poll = add_poll(&s, &trajectory, &[]).await;
    let token = view(&s.app, &open_poll, Some(&adult)).await["submission_token"].as_str().unwrap().to_owned();
    let reply = vote_with(&s.app, &poll, &adult, &token, &ballot(&young_page, 0, "")).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(voter_rows(&s.app, &poll).await, 0, "the refused vote left nothing behind");
    let reply = vote(&s.app, &poll, &young, &ballot(&young_page, 0, "")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    // Visitors are asked to sign in.
    assert_eq!(view(&s.app, &poll, None).await["may_vote"], "SignIn");
}

#[tokio::test]
async fn eligibility_is_checked_again_when_the_ballot_is_counted() {
    let s = lead_session().await;
    let trajectory = trajectory(&s, &[]).await;
    let poll = add_poll(
        &s,
        &trajectory,
        &[("eligibility", "age_band"), ("eligible_min_age", "12"), ("eligible_max_age", "23")],
    )
    .await;
    let young = s.log_in(YOUNG).await;
    let page = view(&s.app, &poll, Some(&young)).await;
    assert_eq!(page["may_vote"], "Yes");
    // Between loading the page and voting, the birth date on the account is corrected.
    set_birth_date(&s.app, YOUNG, (1990, 1, 1)).await;
    let token = page["submission_token"].as_str().unwrap();
    let reply = vote_with(&s.app, &poll, &young, token, &ballot(&page, 0, "")).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body);
    assert_eq!(voter_rows(&s.app, &poll).await, 0);
    assert!(tally_rows(&s.app, &poll).await.is_empty());
}

#[tokio::test]
async fn a_ballot_can_be_changed_until_closing_when_the_poll_allows_it() {
    let s = lead_session().await;
    let trajectory = trajectory(&s, &[]).await;
    let poll = add_poll(&s, &trajectory, &[("changeable", "on")]).await;
    let resident = s.log_in(RESIDENT).await;
    let page = view(&s.app, &poll, Some(&resident)).await;
    assert_eq!(vote(&s.app, &poll, &resident, &ballot(&page, 0, "Eerst dit")).await.status, StatusCode::OK);
    let after = view(&s.app, &poll, Some(&resident)).await;
    assert_eq!(after["may_vote"], "Yes", "may change");
    assert_eq!(vote(&s.app, &poll, &resident, &ballot(&page, 2, "Toch dit")).await.status, StatusCode::OK);
    let results = view(&s.app, &poll, None).await["results"].clone();
    assert_eq!(results["ballots"], 1, "still one voter");
    let totals: Vec<i64> =
        results["questions"][0]["options"].as_array().unwrap().iter().map(|o| o["total"].as_i64().unwrap()).collect();
    assert_eq!(totals, [0, 0, 1], "the first choice was taken back");
    assert_eq!(results["questions"][4]["answered"], 1);
    use app::server::entities::input;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let answers: Vec<String> = input::Entity::find()
        .filter(input::Column::ActivityId.eq(poll.parse::<i32>().unwrap()))
        .all(&s.app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.body)
        .collect();
    assert_eq!(answers, ["Toch dit"]);
    assert_eq!(voter_rows(&s.app, &poll).await, 1);
}

#[tokio::test]
async fn a_poll_can_be_edited_until_the_first_vote_is_counted() {
    let s = lead_session().await;
    let trajectory = trajectory(&s, &[]).await;
    let poll = add_poll(&s, &trajectory, &[("results", "after_close"), ("secret", "on")]).await;
    let stored =
        s.app.call("get_poll_for_editing", &[("municipality", "duinwijk"), ("id", &poll)], Some(&s.lead)).await;
    assert_eq!(stored.status, StatusCode::OK, "{}", stored.body);
    let (_, initial) = {
        let json = stored.json();
        (json[0].clone(), json[1].clone())
    };
    assert_eq!(initial["results"], "after_close");
    assert_eq!(initial["secret"], true);
    assert_eq!(initial["closes_time"], "17:00", "on the Dutch clock it was typed on");
    assert_eq!(initial["questions"][0]["options"], "Bos\nWater\nRuimte");
    assert_eq!(initial["has_votes"], false);
    // The lead renames the poll and drops the open question.
    let days = open_days();
    let mut form = poll_form(&trajectory, &[("title", "Kies de speelplek"), ("question_prompt[4]", "")], &days);
    form.retain(|(k, _)| *k != "trajectory");
    form.push(("id", &poll));
    let reply = s.app.call("update_poll", &form, Some(&s.lead)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let page = view(&s.app, &poll, None).await;
    assert_eq!(page["title"], "Kies de speelplek");
    assert_eq!(page["questions"].as_array().unwrap().len(), 4);
    assert_eq!(page["secret"], false, "the form no longer ticks it");
    // Another municipality's lead cannot; after the first vote nobody can.
    let other = s.log_in(crate::consultations::OTHER_LEAD).await;
    assert_eq!(s.app.call("update_poll", &form, Some(&other)).await.status, StatusCode::FORBIDDEN);
    let resident = s.log_in(RESIDENT).await;
    let page = view(&s.app, &poll, Some(&resident)).await;
    let (q0, o0) = ids(&page, 0);
    let (q1, o1) = ids(&page, 1);
    let (q2, _) = ids(&page, 2);
    let (q3, o3) = ids(&page, 3);
    let mut ballot = vec![
        (format!("choice[{q0}]"), o0[0].clone()),
        (format!("pick[{q1}][{}]", o1[0]), "on".to_owned()),
        (format!("scale[{q2}]"), "3".to_owned()),
    ];
    ballot.extend(o3.iter().enumerate().map(|(i, o)| (format!("rank[{q3}][{o}]"), (i + 1).to_string())));
    assert_eq!(vote(&s.app, &poll, &resident, &ballot).await.status, StatusCode::OK);
    let refused = s.app.call("update_poll", &form, Some(&s.lead)).await;
    assert_eq!(fields(&refused), ["poll"]);
    assert!(refused.body.contains("PollHasVotes"));
    assert_eq!(view(&s.app, &poll, None).await["results"]["ballots"], 1, "the counted vote is untouched");
}
