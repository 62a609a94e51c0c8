//! Posting: one comment per submission token, refusals that keep what was typed, the phase
//! window, eligibility decided at the moment of posting, and the rate limit.

use super::*;
use crate::trajectories::{fields, lead_session};
use app::server::entities::{area, input, user};
use http::StatusCode;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

#[tokio::test]
async fn fifty_identical_requests_at_once_make_one_comment() {
    let s = lead_session().await;
    let (_, consultation) = open_consultation(&s).await;
    let resident = s.log_in(RESIDENT).await;
    let token = token(&s.app, &consultation, &resident).await;
    let form = [
        ("municipality", "duinwijk"),
        ("consultation", consultation.as_str()),
        ("submission_token", token.as_str()),
        ("body", "Dubbel geklikt."),
    ];
    let replies = s.app.call_in_parallel(50, "post_comment", &form, Some(&resident)).await;
    let ids: std::collections::HashSet<String> = replies
        .iter()
        .map(|r| {
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
            r.body.trim().to_owned()
        })
        .collect();
    assert_eq!(ids.len(), 1, "every request is answered with the same comment");
    let stored =
        input::Entity::find().filter(input::Column::Body.eq("Dubbel geklikt.")).count(&s.app.db).await.unwrap();
    assert_eq!(stored, 1);
    // A new page load brings a new token: the next comment is a new one.
    comment(&s.app, &consultation, &resident, &[("body", "Dubbel geklikt.")]).await;
    assert_eq!(input::Entity::find().count(&s.app.db).await.unwrap(), 2);
}

#[tokio::test]
async fn a_refused_comment_comes_back_with_its_text_and_the_reason() {
    let s = lead_session().await;
    let (_, consultation) = open_consultation(&s).await;
    let resident = s.log_in(RESIDENT).await;

    let empty = post(&s.app, &consultation, &resident, &[("body", "   ")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&empty), ["body"]);
    assert_eq!(empty.json()["Validation"]["errors"][0]["problem"], "Required");

    let long = "Heel lang verhaal. ".repeat(300);
    let too_long = post(&s.app, &consultation, &resident, &[("body", &long)]).await;
    assert_eq!(too_long.json()["Validation"]["errors"][0]["problem"]["TooLong"]["max"], 5000);
    let kept = too_long.json()["Validation"]["values"]
        .as_array()
        .unwrap()
        .iter()
        .any(|pair| pair[0] == "body" && pair[1] == long.as_str());
    assert!(kept, "the text typed comes back");

    let reply_error = post(&s.app, &consultation, &resident, &[("body", ""), ("parent", "999999")]).await;
    assert_eq!(fields(&reply_error), ["reply_body[999999]"], "a reply's error belongs to its own form");

    let forged = s
        .app
        .call(
            "post_comment",
            &[
                ("municipality", "duinwijk"),
                ("consultation", &consultation),
                ("submission_token", "1.abc.def"),
                ("body", "Hallo"),
            ],
            Some(&resident),
        )
        .await;
    assert_eq!(forged.json()["Validation"]["errors"][0]["problem"], "FormExpired");
    let young = s.log_in(YOUNG).await;
    let someone_elses = token(&s.app, &consultation, &young).await;
    let borrowed = s
        .app
        .call(
            "post_comment",
            &[
                ("municipality", "duinwijk"),
                ("consultation", &consultation),
                ("submission_token", &someone_elses),
                ("body", "Hallo"),
            ],
            Some(&resident),
        )
        .await;
    assert_eq!(borrowed.json()["Validation"]["errors"][0]["problem"], "FormExpired", "a token is for one person");
    assert_eq!(input::Entity::find().count(&s.app.db).await.unwrap(), 0, "nothing was stored");

    // Without JavaScript the browser is sent back to the page, with the error to show there.
    let token = token(&s.app, &consultation, &resident).await;
    let page = format!("/duinwijk/raadplegingen/{consultation}");
    let no_js = s
        .app
        .post_form(
            "post_comment",
            &[
                ("municipality", "duinwijk"),
                ("consultation", &consultation),
                ("submission_token", &token),
                ("body", "Zonder JavaScript."),
            ],
            &page,
            Some(&resident),
        )
        .await;
    assert!(no_js.status.is_redirection(), "{}", no_js.status);
    assert!(no_js.location().unwrap().contains("#reactie-"), "{:?}", no_js.location());
}

#[tokio::test]
async fn commenting_follows_the_phase_window() {
    let s = lead_session().await;
    let closed = published(&s, "Parkeren Centrum", ("2026-01-05", "2026-02-01"), &[]).await;
    let upcoming = published(&s, "Strandopgang", ("2099-01-01", "2099-12-31"), &[]).await;
    let resident = s.log_in(RESIDENT).await;
    let windows = [
        (closed, ["Reageren kon tot en met", "1 februari 2026"]),
        (upcoming, ["Reageren kan vanaf", "1 januari 2099"]),
    ];
    for (trajectory, texts) in windows {
        let consultation = add_consultation(&s, &trajectory, &[]).await;
        let v = view(&s.app, &consultation, Some(&resident)).await;
        assert!(v["submission_token"].is_null(), "no form, no token");
        let page = s.app.get(&format!("/duinwijk/raadplegingen/{consultation}"), Some(&resident)).await;
        for text in texts {
            assert!(page.body.contains(text), "{text}");
        }
        let token = app::server::submission::issue(
            &s.app.state.settings.form_key,
            user_id(&s.app, RESIDENT).await,
            chrono::Utc::now().timestamp(),
        );
        let late = s
            .app
            .call(
                "post_comment",
                &[
                    ("municipality", "duinwijk"),
                    ("consultation", &consultation),
                    ("submission_token", &token),
                    ("body", "Te laat?"),
                ],
                Some(&resident),
            )
            .await;
        assert_eq!(late.json()["Validation"]["errors"][0]["problem"], "ConsultationClosed");
        assert!(late.body.contains("Te laat?"), "the text is kept");
    }
    assert_eq!(input::Entity::find().count(&s.app.db).await.unwrap(), 0);
}

#[tokio::test]
async fn the_rules_of_play_decide_who_may_comment_at_the_moment_of_posting() {
    let s = lead_session().await;
    let resident_area = user::Entity::find()
        .filter(user::Column::Email.eq(RESIDENT))
        .one(&s.app.db)
        .await
        .unwrap()
        .unwrap()
        .area_id
        .unwrap();
    let other_area = area::Entity::find()
        .filter(area::Column::Id.ne(resident_area))
        .filter(area::Column::MunicipalityId.eq(1))
        .one(&s.app.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();
    let by_area = published(
        &s,
        "Groenstrook",
        ("2026-01-05", "2099-12-31"),
        &[("eligibility", "areas"), ("eligible_areas[]", &other_area)],
    )
    .await;
    let youth = published(
        &s,
        "Speeltuin",
        ("2026-01-05", "2099-12-31"),
        &[("eligibility", "age_band"), ("eligible_min_age", "8"), ("eligible_max_age", "18")],
    )
    .await;
    let by_area = add_consultation(&s, &by_area, &[]).await;
    let youth = add_consultation(&s, &youth, &[]).await;
    let resident = s.log_in(RESIDENT).await;
    let young = s.log_in(YOUNG).await;

    let v = view(&s.app, &by_area, Some(&resident)).await;
    assert_eq!(v["may_comment"]["NotEligible"], "OtherArea");
    let page = s.app.get(&format!("/duinwijk/raadplegingen/{by_area}"), Some(&resident)).await;
    assert!(page.body.contains("Volgens je account woon je ergens anders"), "the reason in plain words");

    let adult = view(&s.app, &youth, Some(&resident)).await;
    assert_eq!(adult["may_comment"]["NotEligible"], "AgeUnknown");
    comment(&s.app, &youth, &young, &[("body", "Een kabelbaan graag!")]).await;

    // Eligible when the page loaded, no longer when posting: the server decides at that moment.
    let token = token(&s.app, &youth, &young).await;
    let young_id = user_id(&s.app, YOUNG).await;
    s.app
        .db
        .execute_unprepared(&format!("UPDATE users SET birth_date = '1990-01-01' WHERE id = {young_id}"))
        .await
        .unwrap();
    let refused = s
        .app
        .call(
            "post_comment",
            &[
                ("municipality", "duinwijk"),
                ("consultation", &youth),
                ("submission_token", &token),
                ("body", "Nog een idee"),
            ],
            Some(&young),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // Staff answer whoever the rules invite.
    comment(&s.app, &by_area, &s.lead, &[("body", "Welkom allemaal.")]).await;
}

#[tokio::test]
async fn posting_is_limited_but_a_retry_never_is() {
    let s = lead_session().await;
    let (_, consultation) = open_consultation(&s).await;
    let resident = s.log_in(RESIDENT).await;
    for i in 0..10 {
        comment(&s.app, &consultation, &resident, &[("body", &format!("Reactie {i}"))]).await;
    }
    let limited = post(&s.app, &consultation, &resident, &[("body", "Nog één")]).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.headers.contains_key(http::header::RETRY_AFTER));
    assert_eq!(input::Entity::find().count(&s.app.db).await.unwrap(), 10, "the refused comment was not stored");
}

#[tokio::test]
async fn the_posting_limit_holds_across_app_servers() {
    let s = lead_session().await;
    let (_, consultation) = open_consultation(&s).await;
    let other = s.app.another_server();
    // A stopped clock (shared by both servers): only the test moves time.
    s.app.state.clock.set(chrono::Utc::now());
    let resident = s.log_in(RESIDENT).await;
    for i in 0..10 {
        let server = if i % 2 == 0 { &s.app } else { &other };
        comment(server, &consultation, &resident, &[("body", &format!("Reactie {i}"))]).await;
    }
    for server in [&s.app, &other] {
        let limited = post(server, &consultation, &resident, &[("body", "Nog één")]).await;
        assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    }
    // One comment more every 15 seconds, on either server.
    s.app.state.clock.advance(chrono::Duration::seconds(15));
    comment(&other, &consultation, &resident, &[("body", "Vijftien seconden later")]).await;
    assert_eq!(
        post(&s.app, &consultation, &resident, &[("body", "Te snel")]).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(input::Entity::find().count(&s.app.db).await.unwrap(), 11);
}
