use super::*;
use crate::trajectories::lead_session;

#[tokio::test]
async fn results_after_closing_stay_hidden_until_the_poll_closes() {
    let s = lead_session().await;
    let trajectory = trajectory(&s, &[]).await;
    let poll = add_poll(&s, &trajectory, &[("results", "after_close")]).await;
    let resident = s.log_in(RESIDENT).await;
    let page = view(&s.app, &poll, Some(&resident)).await;
    assert_eq!(vote(&s.app, &poll, &resident, &ballot(&page, 1, "")).await.status, StatusCode::OK);
    let public = view(&s.app, &poll, Some(&resident)).await;
    assert_eq!(public["results"], serde_json::Value::Null, "not before closing");
    assert_eq!(public["ballots"], 1, "turnout is public");
    let staff = view(&s.app, &poll, Some(&s.lead)).await;
    assert_eq!(staff["results"]["ballots"], 1, "staff follow the count");
    assert_eq!(staff["results_public"], false);
    let api = s.app.get(&format!("/api/v1/duinwijk/polls/{poll}/results"), None).await;
    assert_eq!(api.status, StatusCode::FORBIDDEN);
    assert!(api.body.contains("results_not_public_yet"));
    assert_eq!(
        s.app.get(&format!("/api/v1/duinwijk/polls/{poll}/results.csv"), None).await.status,
        StatusCode::FORBIDDEN
    );
    // A month and a day later the poll has closed.
    s.app.state.clock.advance(Duration::days(32));
    let closed = view(&s.app, &poll, None).await;
    assert_eq!(closed["results"]["questions"][0]["options"][1]["total"], 1);
    let api = s.app.get(&format!("/api/v1/duinwijk/polls/{poll}/results"), None).await;
    assert_eq!(api.status, StatusCode::OK, "{}", api.body);
    let json = api.json();
    assert_eq!(json["ballots_online"], 1);
    assert_eq!(json["closed"], true);
    assert_eq!(json["questions"][0]["options"][1]["percentage"], 100.0);
    assert_eq!(json["questions"][3]["options"][2]["points"], 3, "first place of three is worth three points");
    let csv = s.app.get(&format!("/api/v1/duinwijk/polls/{poll}/results.csv"), None).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers["content-type"].to_str().unwrap().starts_with("text/csv"));
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines[0], "question_id,question,kind,answer,online,paper,total,percentage,points");
    assert!(lines.iter().any(|l| l.ends_with("Welk ontwerp kies je?,single,Water,1,0,1,100.0,")), "{}", csv.body);
    assert!(!csv.body.contains(RESIDENT) && !csv.body.contains("Inwoner"));
    // The trajectory's open data lists the poll with its results address.
    let trajectory_json = s.app.get(&format!("/api/v1/duinwijk/trajectories/{trajectory}"), None).await.json();
    let listed =
        trajectory_json["activities"].as_array().unwrap().iter().find(|a| a["kind"] == "poll").unwrap().clone();
    assert_eq!(listed["ballots_online"], 1);
    assert!(listed["results_url"].as_str().unwrap().ends_with(&format!("/polls/{poll}/results")));
}

/// The subtraction attack on everything a poll publishes: per question the online answers and the
/// online votes per option, per breakdown the groups shown. What is left after subtracting the
/// shown groups from the totals belongs to the groups left out (and to voters without an age or
/// area); if that is 1–9 voters, their votes can be read off. Panics when it is.
fn assert_no_small_group_can_be_derived(results: &serde_json::Value) {
    for question in results["questions"].as_array().unwrap() {
        let answered = question["answered"].as_u64().unwrap();
        for breakdown in question["breakdowns"].as_array().unwrap() {
            let groups = breakdown["groups"].as_array().unwrap();
            let shown: u64 = groups.iter().map(|g| g["answered"].as_u64().unwrap()).sum();
            let left = answered - shown;
            assert!(groups.is_empty() || left == 0 || left >= 10, "{left} voters can be derived from {breakdown}");
            for (i, option) in question["options"].as_array().unwrap().iter().enumerate() {
                let online = option["online"].as_u64().unwrap();
                let in_groups: u64 = groups.iter().map(|g| g["options"][i][1].as_u64().unwrap()).sum();
                assert!(online >= in_groups, "{question}");
            }
            assert_eq!(breakdown["smaller_groups_left_out"], left > 0);
        }
    }
}

#[tokio::test]
async fn breakdowns_show_only_groups_that_cannot_be_worked_out_by_subtraction() {
    use app::server::polls::count;
    let s = lead_session().await;
    let trajectory = trajectory(&s, &[]).await;
    let poll = add_poll(&s, &trajectory, &[]).await;
    let page = view(&s.app, &poll, None).await;
    let (q0, options) = ids(&page, 0);
    let (q0, bos, water): (i32, i32, i32) =
        (q0.parse().unwrap(), options[0].parse().unwrap(), options[1].parse().unwrap());
    let cast = |choice: i32, groups: Vec<String>| {
        let db = s.app.db.clone();
        let poll = poll.parse::<i32>().unwrap();
        async move {
            let answers = vec![(q0, app::domain::polls::Answer::Single(choice))];
            let keys = app::domain::polls::tally_keys(&answers, &groups);
            count(&db, poll, &keys, 1).await.unwrap();
        }
    };
    // Twelve voters of 16–17 and the only three of 67+, who all chose water: showing the twelve
    // would give the three away (15 minus 12).
    for _ in 0..12 {
        cast(bos, vec!["age:16-17".into()]).await;
    }
    for _ in 0..3 {
        cast(water, vec!["age:67+".into()]).await;
    }
    let results = view(&s.app, &poll, None).await["results"].clone();
    assert_no_small_group_can_be_derived(&results);
    let by_age = &results["questions"][0]["breakdowns"][0];
    assert_eq!(by_age["dimension"], "age");
    assert_eq!(by_age["groups"].as_array().unwrap().len(), 0, "{by_age}");
    assert_eq!(by_age["smaller_groups_left_out"], true);
    assert_eq!(results["questions"][0]["options"][0]["total"], 12, "all votes count in the totals");
    // With ten more voters who gave no age, the twelve can be shown: the 13 left out hide the 3.
    for _ in 0..10 {
        cast(bos, vec![]).await;
    }
    let results = view(&s.app, &poll, None).await["results"].clone();
    assert_no_small_group_can_be_derived(&results);
    let by_age = &results["questions"][0]["breakdowns"][0];
    assert_eq!(by_age["groups"].as_array().unwrap().len(), 1, "{by_age}");
    assert_eq!(by_age["groups"][0]["label"], "16-17");
    assert!(!results.to_string().contains("67+"), "the small group's numbers appear nowhere");
    // The only voter of an area, in the area breakdown: the same.
    let areas = s.app.call("list_areas", &[], None).await.json()[0]["areas"].clone();
    let (big, lone) = (areas[0]["id"].as_i64().unwrap(), areas[1]["id"].as_i64().unwrap());
    for _ in 0..11 {
        cast(bos, vec![format!("area:{big}")]).await;
    }
    cast(water, vec![format!("area:{lone}")]).await;
    let results = view(&s.app, &poll, None).await["results"].clone();
    assert_no_small_group_can_be_derived(&results);
    let api = s.app.get(&format!("/api/v1/duinwijk/polls/{poll}/results"), None).await;
    assert_eq!(api.status, StatusCode::OK);
}

/// Live results of a secret poll, read before and after someone votes, would say how that person
/// voted: nobody reads them before the poll closes, staff included.
#[tokio::test]
async fn a_secret_poll_shows_no_results_until_it_closes() {
    let s = lead_session().await;
    let trajectory = trajectory(&s, &[]).await;
    let poll = add_poll(&s, &trajectory, &[("secret", "on"), ("results", "live")]).await;
    let resident = s.log_in(RESIDENT).await;
    let page = view(&s.app, &poll, Some(&resident)).await;
    assert_eq!(vote(&s.app, &poll, &resident, &ballot(&page, 1, "")).await.status, StatusCode::OK);
    for cookie in [None, Some(resident.as_str()), Some(s.lead.as_str())] {
        let seen = view(&s.app, &poll, cookie).await;
        assert_eq!(seen["results"], serde_json::Value::Null, "{seen}");
        assert_eq!(seen["results_public"], false);
        assert_eq!(seen["ballots"], 1, "turnout is public");
    }
    let api = s.app.get(&format!("/api/v1/duinwijk/polls/{poll}/results"), None).await;
    assert_eq!(api.status, StatusCode::FORBIDDEN);
    let html = s.app.get(&format!("/duinwijk/peilingen/{poll}"), None).await.body;
    assert!(html.contains("De uitslag komt hier na het sluiten"), "the page says when");
    s.app.state.clock.advance(Duration::days(32));
    assert_eq!(view(&s.app, &poll, None).await["results"]["ballots"], 1, "after closing");
}
