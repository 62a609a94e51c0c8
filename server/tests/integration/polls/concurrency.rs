use super::*;
use crate::trajectories::lead_session;
use app::server::entities::user;
use axum::extract::ConnectInfo;
use sea_orm::{ActiveModelTrait, Set};

/// Accounts made straight in the database (one password hash shared, since hashing a thousand
/// times only tests argon2), each logged in through the real login from its own address.
async fn voters(app: &TestApp, n: usize) -> Vec<(i32, String)> {
    let hash = app::server::passwords::hash_password("stemmen-met-z'n-allen".to_owned()).await.unwrap();
    let mut ids = Vec::new();
    for i in 0..n {
        let row = user::ActiveModel {
            email: Set(format!("stemmer{i}@duinwijk.example")),
            display_name: Set(format!("Stemmer {i}")),
            password_hash: Set(hash.clone()),
            email_verified_at: Set(Some(Utc::now())),
            is_platform_admin: Set(false),
            password_changed_at: Set(Utc::now()),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
        ids.push(row.id);
    }
    // Logging in is not what is tested here: ten at a time, and a login answered "busy" (password
    // hashing is bounded) is sent again after its Retry-After, as a person would.
    let mut sessions = Vec::new();
    for chunk in ids.chunks(10) {
        let mut logins = tokio::task::JoinSet::new();
        for &id in chunk {
            let router = app.router.clone();
            let i = sessions.len() + logins.len();
            logins.spawn(async move {
                let email = format!("stemmer{i}@duinwijk.example");
                let form = [("email", email.as_str()), ("password", "stemmen-met-z'n-allen"), ("next", "")];
                let address = std::net::SocketAddr::from(([10, 0, (i / 250) as u8, (i % 250) as u8 + 1], 40_000));
                let response = loop {
                    let mut request = crate::common::call_request("log_in", &form, None);
                    request.extensions_mut().insert(ConnectInfo(address));
                    let response = tower::ServiceExt::oneshot(router.clone(), request).await.unwrap();
                    if response.status() != http::StatusCode::SERVICE_UNAVAILABLE {
                        break response;
                    }
                    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
                };
                let status = response.status();
                let cookie = response
                    .headers()
                    .get(http::header::SET_COOKIE)
                    .unwrap_or_else(|| panic!("login {i} answered {status}"))
                    .to_str()
                    .unwrap()
                    .split(';')
                    .next()
                    .unwrap()
                    .to_owned();
                (id, cookie)
            });
        }
        sessions.extend(logins.join_all().await);
    }
    sessions
}

/// A thousand people vote at the same moment, each on its own task through the real HTTP path:
/// every acknowledged ballot is counted once and the counts equal the stored voters.
#[tokio::test]
async fn a_thousand_voters_at_once_are_each_counted_once() {
    let s = lead_session().await;
    let trajectory = trajectory(&s, &[]).await;
    let poll = add_poll(&s, &trajectory, &[]).await;
    let page = view(&s.app, &poll, None).await;
    let people = voters(&s.app, 1_000).await;
    let key = s.app.state.settings.form_key;
    let mut tasks = tokio::task::JoinSet::new();
    for (n, (id, cookie)) in people.into_iter().enumerate() {
        let token = app::server::submission::issue(&key, id, Utc::now().timestamp());
        let mut form: Vec<(String, String)> = vec![
            ("municipality".into(), "duinwijk".into()),
            ("poll".into(), poll.clone()),
            ("submission_token".into(), token),
        ];
        form.extend(ballot(&page, n % 3, if n % 10 == 0 { "Meer prullenbakken" } else { "" }));
        let router = s.app.router.clone();
        tasks.spawn(async move {
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            // As a person would: "busy, try again" (the database had more at once than it takes
            // on a loaded machine) is sent again, with the same submission token.
            loop {
                let request = crate::common::call_request("cast_vote", &pairs, Some(&cookie));
                let status = tower::ServiceExt::oneshot(router.clone(), request).await.unwrap().status();
                if status != StatusCode::SERVICE_UNAVAILABLE {
                    return status;
                }
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            }
        });
    }
    let statuses = tasks.join_all().await;
    let acknowledged = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    assert_eq!(acknowledged, 1_000, "{:?}", statuses.iter().filter(|s| **s != StatusCode::OK).collect::<Vec<_>>());
    assert_eq!(voter_rows(&s.app, &poll).await, 1_000);
    let results = view(&s.app, &poll, None).await["results"].clone();
    assert_eq!(results["ballots"], 1_000);
    let totals: i64 =
        results["questions"][0]["options"].as_array().unwrap().iter().map(|o| o["total"].as_i64().unwrap()).sum();
    assert_eq!(totals, 1_000, "every ballot counted once in every question");
    assert_eq!(results["questions"][0]["options"][0]["total"], 334);
    assert_eq!(results["questions"][4]["answered"], 100);
}
