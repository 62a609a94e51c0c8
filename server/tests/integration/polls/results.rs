use super::*;
use crate::trajectories::{fields, lead_session};

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
    let now = Utc::now();
    set_moments(&s.app, &poll, now - Duration::days(2), now - Duration::seconds(1)).await;
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

#[tokio::test]
async fn paper_votes_are_entered_by_staff_and_shown_apart() {
    let s = lead_session().await;
    let trajectory = trajectory(&s, &[]).await;
    let poll = add_poll(&s, &trajectory, &[]).await;
    let resident = s.log_in(RESIDENT).await;
    let page = view(&s.app, &poll, Some(&resident)).await;
    assert_eq!(vote(&s.app, &poll, &resident, &ballot(&page, 0, "")).await.status, StatusCode::OK);
    let (_, options) = ids(&page, 0);
    let today = day_from_today(0);
    let (bos, water) = (format!("count[{}]", options[0]), format!("count[{}]", options[1]));
    let form = |channel: &'static str, count_bos: &'static str| {
        vec![
            ("municipality".to_owned(), "duinwijk".to_owned()),
            ("poll".to_owned(), poll.clone()),
            ("channel".to_owned(), channel.to_owned()),
            ("description".to_owned(), "Stembus in het buurthuis".to_owned()),
            ("counted_on".to_owned(), today.clone()),
            (bos.clone(), count_bos.to_owned()),
            (water.clone(), "3".to_owned()),
        ]
    };
    let send = |form: Vec<(String, String)>, cookie: String| {
        let app = &s.app;
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            app.call("enter_paper_votes", &form, Some(&cookie)).await
        }
    };
    // Residents cannot; bad numbers and an online channel are refused next to their field.
    assert_eq!(send(form("letter", "5"), resident.clone()).await.status, StatusCode::FORBIDDEN);
    let refused = send(form("online", "vijf"), s.lead.clone()).await;
    let mut problems = fields(&refused);
    problems.sort();
    assert_eq!(problems, ["channel".to_owned(), bos.clone()]);
    let desk = s.log_in(crate::consultations::DESK).await;
    assert_eq!(send(form("letter", "5"), desk).await.status, StatusCode::OK);
    let results = view(&s.app, &poll, None).await["results"].clone();
    let bos_row = &results["questions"][0]["options"][0];
    assert_eq!(
        (bos_row["online"].as_i64(), bos_row["paper"].as_i64(), bos_row["total"].as_i64()),
        (Some(1), Some(5), Some(6))
    );
    assert_eq!(results["questions"][0]["paper_answered"], 8);
    assert_eq!(bos_row["per_mille"], 667, "6 of 9");
    assert_eq!(results["ballots"], 1, "paper votes are not online ballots");
    assert_eq!(results["paper"][0]["channel"], "Letter");
    assert_eq!(results["paper"][0]["votes"], 8);
    let audit = s.app.call("list_audit_log", &[("municipality", "duinwijk")], Some(&s.lead)).await;
    assert!(audit.body.contains("enter_paper_votes"), "recorded with who entered them");
}

#[tokio::test]
async fn breakdowns_show_only_groups_of_ten_or_more() {
    use app::server::polls::count;
    let s = lead_session().await;
    let trajectory = trajectory(&s, &[]).await;
    let poll = add_poll(&s, &trajectory, &[]).await;
    let page = view(&s.app, &poll, None).await;
    let (q0, options) = ids(&page, 0);
    let (q0, bos): (i32, i32) = (q0.parse().unwrap(), options[0].parse().unwrap());
    // Counts as twelve voters of 16–17 and three of 67+ would leave them.
    let answers = vec![(q0, app::domain::polls::Answer::Single(bos))];
    for (band, n) in [("16-17", 12), ("67+", 3)] {
        for _ in 0..n {
            let keys = app::domain::polls::tally_keys(&answers, &[format!("age:{band}")]);
            count(&s.app.db, poll.parse().unwrap(), &keys, 1).await.unwrap();
        }
    }
    let results = view(&s.app, &poll, None).await["results"].clone();
    let by_age = &results["questions"][0]["breakdowns"][0];
    assert_eq!(by_age["dimension"], "age");
    assert_eq!(by_age["groups"].as_array().unwrap().len(), 1, "{by_age}");
    assert_eq!(by_age["groups"][0]["label"], "16-17");
    assert_eq!(by_age["groups"][0]["answered"], 12);
    assert_eq!(by_age["smaller_groups_left_out"], true);
    assert!(!results.to_string().contains("67+"), "the small group's numbers appear nowhere");
    assert_eq!(results["questions"][0]["options"][0]["total"], 15, "but its votes count in the total");
}
