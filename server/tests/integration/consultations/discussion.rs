//! The discussion: threads, supports and official answers, pre-moderation, open data, and the
//! mail people who took part receive.

use super::*;
use crate::trajectories::{complete_card, lead_session};
use http::StatusCode;
use sea_orm::EntityTrait;

#[tokio::test]
async fn residents_comment_on_a_section_reply_and_support_and_staff_answers_officially() {
    let s = lead_session().await;
    let (trajectory, consultation) = open_consultation(&s).await;
    let resident = s.log_in(RESIDENT).await;
    let young = s.log_in(YOUNG).await;

    let page = s.app.get(&format!("/duinwijk/raadplegingen/{consultation}"), Some(&resident)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<strong>twaalf</strong>"), "sections are rendered Markdown");
    assert!(page.body.contains("Plaats reactie"), "the comment form is there");
    let trajectory_page = s.app.get(&format!("/duinwijk/trajecten/{trajectory}"), None).await;
    assert!(trajectory_page.body.contains(&format!("/duinwijk/raadplegingen/{consultation}")));

    let v = view(&s.app, &consultation, Some(&resident)).await;
    let trees = section_id(&v, 0);
    let first = comment(
        &s.app,
        &consultation,
        &resident,
        &[("body", "Graag meer schaduw."), ("section", &trees), ("show_area", "on")],
    )
    .await;
    let reply =
        comment(&s.app, &consultation, &young, &[("body", "Eens, en een waterpunt."), ("parent", &first)]).await;
    // A reply to a reply lands under the same top-level comment: one level of threading.
    let nested = comment(&s.app, &consultation, &resident, &[("body", "Goed idee!"), ("parent", &reply)]).await;
    let official =
        comment(&s.app, &consultation, &s.lead, &[("body", "Dank, we nemen het mee."), ("parent", &first)]).await;

    for _ in 0..2 {
        let supported = s
            .app
            .call(
                "support_comment",
                &[
                    ("municipality", "duinwijk"),
                    ("consultation", &consultation),
                    ("comment", &first),
                    ("support", "true"),
                ],
                Some(&young),
            )
            .await;
        assert_eq!(supported.status, StatusCode::OK, "{}", supported.body);
    }
    let own = s
        .app
        .call(
            "support_comment",
            &[("municipality", "duinwijk"), ("consultation", &consultation), ("comment", &first), ("support", "true")],
            Some(&resident),
        )
        .await;
    assert_eq!(own.status, StatusCode::FORBIDDEN, "no support for one's own comment");

    let v = view(&s.app, &consultation, Some(&young)).await;
    let top = &v["discussion"]["comments"][0];
    assert_eq!(top["id"].as_i64().unwrap().to_string(), first);
    assert_eq!(top["section"], "Bomen en groen");
    assert_eq!(top["supports"], 1, "supporting twice counts once");
    assert_eq!(top["supported"], true);
    assert!(top["area"].is_string(), "the author chose to show their area");
    let replies: Vec<String> =
        top["replies"].as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap().to_string()).collect();
    assert_eq!(replies, [reply.clone(), nested, official.clone()]);
    assert_eq!(top["replies"][2]["official"], true);
    assert_eq!(top["replies"][0]["official"], false);
    assert_eq!(v["sections"][0]["comments"], 1);

    let taken_back = s
        .app
        .call(
            "support_comment",
            &[("municipality", "duinwijk"), ("consultation", &consultation), ("comment", &first), ("support", "false")],
            Some(&young),
        )
        .await;
    assert_eq!(taken_back.status, StatusCode::OK);
    let v = view(&s.app, &consultation, Some(&young)).await;
    assert_eq!(v["discussion"]["comments"][0]["supports"], 0);

    let html = s.app.get(&format!("/duinwijk/raadplegingen/{consultation}"), None).await.body;
    assert!(html.contains("Reactie van de gemeente"), "official answers are marked");
    let answered: Vec<_> = app::server::entities::outbox_message::Entity::find()
        .all(&s.app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.subject.starts_with("Antwoord van de gemeente"))
        .collect();
    assert_eq!(answered.len(), 1, "only the author of the answered comment hears of it");
    assert_eq!(answered[0].recipient, RESIDENT);
    assert!(answered[0].body_text.contains(&format!("#reactie-{first}")));
    assert!(html.contains("Log in om te reageren"), "visitors are told how to take part");
}

#[tokio::test]
async fn with_pre_moderation_only_the_author_and_moderators_see_a_new_comment() {
    let s = lead_session().await;
    let trajectory = published(&s, "Herinrichting Dorpsplein", ("2026-01-05", "2099-12-31"), &[]).await;
    let consultation = add_consultation(&s, &trajectory, &[("pre_moderation", "on")]).await;
    let resident = s.log_in(RESIDENT).await;
    comment(&s.app, &consultation, &resident, &[("body", "Wacht op de moderator.")]).await;
    assert_eq!(view(&s.app, &consultation, Some(&resident)).await["discussion"]["total"], 1);
    assert_eq!(view(&s.app, &consultation, None).await["discussion"]["total"], 0);
    let moderator = s.log_in("moderator@duinwijk.example").await;
    assert_eq!(view(&s.app, &consultation, Some(&moderator)).await["discussion"]["comments"][0]["status"], "Pending");
    let page = s.app.get(&format!("/duinwijk/raadplegingen/{consultation}"), Some(&resident)).await;
    assert!(page.body.contains("wacht op controle"));
}

#[tokio::test]
async fn open_data_lists_activities_and_pages_through_comments_without_personal_data() {
    let s = lead_session().await;
    let (trajectory, consultation) = open_consultation(&s).await;
    let resident = s.log_in(RESIDENT).await;
    let young = s.log_in(YOUNG).await;
    for i in 0..20 {
        // Accounts may post ten at once; alternate between two to stay within the limit.
        let who = if i % 2 == 0 { &resident } else { &young };
        comment(&s.app, &consultation, who, &[("body", &format!("Reactie {i}"))]).await;
    }
    let gone = comment(&s.app, &consultation, &s.lead, &[("body", "Weg ermee")]).await;
    s.app
        .call(
            "withdraw_comment",
            &[("municipality", "duinwijk"), ("consultation", &consultation), ("comment", &gone)],
            Some(&s.lead),
        )
        .await;

    let detail = s.app.get(&format!("/api/v1/duinwijk/trajectories/{trajectory}"), None).await.json();
    let activity = &detail["activities"][0];
    assert_eq!(activity["kind"], "consultation");
    assert_eq!(activity["window"]["state"], "open");
    assert_eq!(activity["visible_comments"], 20);
    assert!(activity["url"].as_str().unwrap().ends_with(&format!("/duinwijk/raadplegingen/{consultation}")));

    let first = s.app.get(&format!("/api/v1/duinwijk/consultations/{consultation}/comments"), None).await;
    assert_eq!(first.status, StatusCode::OK);
    let json = first.json();
    assert_eq!(json["total"], 21);
    assert_eq!(json["pages"], 2);
    assert_eq!(json["comments"].as_array().unwrap().len(), 20);
    assert_eq!(json["comments"][0]["status"], "withdrawn");
    assert!(json["comments"][0]["text"].is_null());
    assert_eq!(json["comments"][1]["author"], "Noor");
    let target = json["comments"][19]["id"].to_string();
    let form = [
        ("municipality", "duinwijk"),
        ("consultation", consultation.as_str()),
        ("comment", target.as_str()),
        ("support", "true"),
    ];
    let supported = s.app.call("support_comment", &form, Some(&s.lead)).await;
    assert_eq!(supported.status, StatusCode::OK, "{}", supported.body);
    let by_support = s
        .app
        .get(&format!("/api/v1/duinwijk/consultations/{consultation}/comments?sort=meeste-steun"), None)
        .await
        .json();
    assert_eq!(by_support["comments"][0]["id"], json["comments"][19]["id"], "the supported comment comes first");
    let odd = s
        .app
        .get(&format!("/duinwijk/raadplegingen/{consultation}?sorteer=meeste-steun&onderdeel=x&pagina=-3"), None)
        .await;
    assert_eq!(odd.status, StatusCode::OK, "odd addresses still show the discussion");
    let second = s
        .app
        .get(&format!("/api/v1/duinwijk/consultations/{consultation}/comments?page=2&sort=oudste"), None)
        .await
        .json();
    assert_eq!(second["comments"].as_array().unwrap().len(), 1);
    assert!(!first.body.contains("@duinwijk.example") && !second.to_string().contains("@"), "no e-mail addresses");
    assert_eq!(
        s.app.get(&format!("/api/v1/polderveen/consultations/{consultation}/comments"), None).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn everyone_who_gave_input_hears_when_the_rules_of_play_change() {
    use app::server::entities::outbox_message;
    let s = lead_session().await;
    let (trajectory, consultation) = open_consultation(&s).await;
    let resident = s.log_in(RESIDENT).await;
    comment(&s.app, &consultation, &resident, &[("body", "Ik doe mee.")]).await;
    comment(&s.app, &consultation, &resident, &[("body", "Nog iets.")]).await;
    let mut change = complete_card(&trajectory);
    change.retain(|(k, _)| *k != "weighing");
    change.push(("weighing", "Argumenten tellen; bij gelijke argumenten telt het aantal."));
    change.push(("change_reason", "We leggen beter uit hoe we wegen."));
    assert_eq!(s.app.call("amend_rules", &change, Some(&s.lead)).await.status, StatusCode::OK);
    let mails: Vec<_> = outbox_message::Entity::find()
        .all(&s.app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.recipient == RESIDENT && m.subject.starts_with("Spelregels veranderd"))
        .collect();
    assert_eq!(mails.len(), 1, "one mail, however many comments");
    assert!(mails[0].body_text.contains("We leggen beter uit hoe we wegen."));
}
