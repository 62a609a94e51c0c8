//! Nobody edits or takes back another person's comment, and markup in comments is only text.

use super::*;
use crate::trajectories::lead_session;
use http::StatusCode;

#[tokio::test]
async fn nobody_edits_or_takes_back_another_persons_comment() {
    let s = lead_session().await;
    let (_, consultation) = open_consultation(&s).await;
    let resident = s.log_in(RESIDENT).await;
    let young = s.log_in(YOUNG).await;
    let mine = comment(&s.app, &consultation, &resident, &[("body", "Mijn reactie.")]).await;

    let base = [("municipality", "duinwijk"), ("consultation", consultation.as_str()), ("comment", mine.as_str())];
    let mut edit = base.to_vec();
    edit.push(("body", "Overgenomen!"));
    assert_eq!(s.app.call("edit_comment", &edit, Some(&young)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        s.app.call("edit_comment", &edit, Some(&s.lead)).await.status,
        StatusCode::FORBIDDEN,
        "staff do not rewrite residents"
    );
    assert_eq!(s.app.call("withdraw_comment", &base, Some(&young)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(s.app.call("edit_comment", &edit, None).await.status, StatusCode::UNAUTHORIZED);
    // Through another municipality's address the comment does not exist.
    let mut elsewhere = edit.clone();
    elsewhere[0] = ("municipality", "polderveen");
    assert_eq!(s.app.call("edit_comment", &elsewhere, Some(&resident)).await.status, StatusCode::NOT_FOUND);

    let mut own_edit = base.to_vec();
    own_edit.push(("body", "Mijn reactie, aangevuld."));
    assert_eq!(s.app.call("edit_comment", &own_edit, Some(&resident)).await.status, StatusCode::OK);
    assert_eq!(s.app.call("withdraw_comment", &base, Some(&resident)).await.status, StatusCode::OK);
    let v = view(&s.app, &consultation, None).await;
    let placeholder = &v["discussion"]["comments"][0];
    assert_eq!(placeholder["status"], "Withdrawn");
    assert!(placeholder["body"].is_null(), "a taken-back text is not shown");

    let other_lead = s.log_in(OTHER_LEAD).await;
    let trajectory = v["trajectory_id"].as_i64().unwrap().to_string();
    let foreign = s
        .app
        .call(
            "create_consultation",
            &[
                ("municipality", "duinwijk"),
                ("trajectory", &trajectory),
                ("title", "X"),
                ("phase", "0"),
                ("section_title[0]", "A"),
                ("section_body[0]", "B"),
            ],
            Some(&other_lead),
        )
        .await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN);
    let desk = s.log_in(DESK).await;
    let update = s
        .app
        .call(
            "update_consultation",
            &[
                ("municipality", "duinwijk"),
                ("id", &consultation),
                ("title", "X"),
                ("phase", "0"),
                ("section_title[0]", "A"),
                ("section_body[0]", "B"),
            ],
            Some(&desk),
        )
        .await;
    assert_eq!(update.status, StatusCode::FORBIDDEN, "desk officers do not edit plans");
}

#[tokio::test]
async fn markup_in_comments_and_replies_is_shown_as_text() {
    let s = lead_session().await;
    let (_, consultation) = open_consultation(&s).await;
    let resident = s.log_in(RESIDENT).await;
    let young = s.log_in(YOUNG).await;
    for attack in XSS {
        let id = comment(&s.app, &consultation, &resident, &[("body", attack)]).await;
        comment(&s.app, &consultation, &young, &[("body", attack), ("parent", &id)]).await;
    }
    let html = s.app.get(&format!("/duinwijk/raadplegingen/{consultation}"), None).await.body;
    for needle in ["<script>document", "<img src=x", "<svg onload", "<a href=\"javascript:"] {
        assert!(!html.contains(needle), "{needle} must not reach the page as markup");
    }
    assert!(html.contains("&lt;script&gt;document.title"), "the text itself is shown");
}
