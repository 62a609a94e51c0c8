//! "Ideas" activities in a trajectory: a project lead opens one in a phase; residents the rules of
//! play invite bring ideas in while the phase runs; every idea is a desk case with a number and a
//! clock, listed on the activity's page and in the trajectory's open data.

use super::*;
use crate::consultations::published;
use crate::trajectories::{fields, lead_session, Session};
use app::server::entities::{area, desk_case};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn ideas_activity(s: &Session, trajectory: &str) -> String {
    let form = [
        ("municipality", "duinwijk"),
        ("trajectory", trajectory),
        ("title", "Jouw idee voor het plein"),
        ("intro", "Wat mist er op het **plein**?"),
        ("phase", "0"),
    ];
    let reply = s.app.call_signed("create_ideas_activity", &form, &s.lead).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.body.trim().to_owned()
}

async fn ideas(s: &Session, id: &str, cookie: Option<&str>) -> serde_json::Value {
    let reply = s.app.call("get_ideas", &[("municipality", "duinwijk"), ("id", id)], cookie).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

async fn bring_in(s: &Session, cookie: &str, id: &str, extra: &[(&str, &str)]) -> Reply {
    let view = ideas(s, id, Some(cookie)).await;
    let token = view["form"]["submission_token"].as_str().unwrap_or("geen").to_owned();
    let area = view["form"]["areas"][0]["id"].as_i64().unwrap_or(0).to_string();
    let mut form =
        initiative_form(&token, &area, &[("activity", id), ("kind", "question"), ("title", "Een watertappunt")]);
    for (key, value) in extra {
        form.retain(|(k, _)| k != key);
        form.push((key, value));
    }
    s.app.call("submit_initiative", &form, Some(cookie)).await
}

#[tokio::test]
async fn residents_bring_ideas_into_a_trajectory_and_each_becomes_a_case() {
    let s = lead_session().await;
    let trajectory = published(&s, "Herinrichting Dorpsplein", ("2026-01-05", "2099-12-31"), &[]).await;
    let refused = s
        .app
        .call(
            "create_ideas_activity",
            &[("municipality", "duinwijk"), ("trajectory", &trajectory), ("title", ""), ("phase", "7")],
            Some(&s.lead),
        )
        .await;
    assert_eq!(fields(&refused), ["title", "phase"]);
    let resident = s.log_in(RESIDENT).await;
    let by_resident = s
        .app
        .call(
            "create_ideas_activity",
            &[("municipality", "duinwijk"), ("trajectory", &trajectory), ("title", "X"), ("phase", "0")],
            Some(&resident),
        )
        .await;
    assert_eq!(by_resident.status, StatusCode::FORBIDDEN);
    let id = ideas_activity(&s, &trajectory).await;

    assert!(ideas(&s, &id, None).await["form"].is_null(), "visitors are asked to sign in");
    let reply = bring_in(&s, &resident, &id, &[]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let case =
        desk_case::Entity::find_by_id(reply.body.trim().parse::<i32>().unwrap()).one(&s.app.db).await.unwrap().unwrap();
    assert_eq!(case.activity_id.map(|a| a.to_string()), Some(id.clone()));
    assert_eq!(case.kind, "idea", "inside an ideas activity everything is an idea");
    assert!(case.number.starts_with("DU-"));
    let mine = s.app.call("get_my_case", &[("id", &case.id.to_string())], Some(&resident)).await.json();
    assert_eq!(mine["brought_in_at"][1], "Jouw idee voor het plein");
    assert_eq!(mine["brought_in_at"][2], "Herinrichting Dorpsplein");

    let view = ideas(&s, &id, None).await;
    assert_eq!(view["total"], 1);
    assert_eq!(view["ideas"][0]["title"], "Een watertappunt");
    assert!(view["intro_html"].as_str().unwrap().contains("<strong>plein</strong>"));
    let page = s.app.get(&format!("/duinwijk/ideeen/{id}"), None).await;
    assert!(page.body.contains("Een watertappunt"));
    let trajectory_json = s.app.get(&format!("/api/v1/duinwijk/trajectories/{trajectory}"), None).await.json();
    let activity = &trajectory_json["activities"][0];
    assert_eq!((activity["kind"].as_str(), activity["ideas"].as_u64()), (Some("ideas"), Some(1)));
    let trajectory_page = s.app.get(&format!("/duinwijk/trajecten/{trajectory}"), None).await;
    assert!(trajectory_page.body.contains(&format!("/duinwijk/ideeen/{id}")));
}

#[tokio::test]
async fn ideas_come_in_only_while_the_phase_runs_and_from_whom_the_rules_invite() {
    let s = lead_session().await;
    let resident = s.log_in(RESIDENT).await;
    let closed = published(&s, "Afgelopen ronde", ("2026-01-05", "2026-01-31"), &[]).await;
    let closed = ideas_activity(&s, &closed).await;
    let view = ideas(&s, &closed, Some(&resident)).await;
    assert!(view["may_take_part"]["Closed"].is_string(), "{view}");
    let reply = bring_in(&s, &resident, &closed, &[("submission_token", "")]).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.body);

    let resident_area = app::server::entities::user::Entity::find()
        .filter(app::server::entities::user::Column::Email.eq(RESIDENT))
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
    let elsewhere = published(
        &s,
        "Groenstrook",
        ("2026-01-05", "2099-12-31"),
        &[("eligibility", "areas"), ("eligible_areas[]", &other_area)],
    )
    .await;
    let elsewhere = ideas_activity(&s, &elsewhere).await;
    let view = ideas(&s, &elsewhere, Some(&resident)).await;
    assert_eq!(view["may_take_part"]["NotEligible"], "OtherArea");
    assert!(view["form"].is_null());
    let page = s.app.get(&format!("/duinwijk/ideeen/{elsewhere}"), Some(&resident)).await;
    assert!(page.body.contains("Volgens je account woon je ergens anders"));
    // A token from the desk's own form does not get around the rules.
    let token = Desk { app: s.app, accounts: s.accounts };
    let desk_token = token.form(Some(&resident)).await["submission_token"].as_str().unwrap().to_owned();
    let area = token.area().await;
    let form = initiative_form(&desk_token, &area, &[("activity", &elsewhere)]);
    let reply = token.app.call("submit_initiative", &form, Some(&resident)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let form = initiative_form(&desk_token, &area, &[("activity", &closed), ("title", "Te laat bedacht")]);
    let reply = token.app.call("submit_initiative", &form, Some(&resident)).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&reply), ["title"]);
    assert!(reply.body.contains("Te laat bedacht"), "the text comes back");
    assert_eq!(desk_case::Entity::find().count(&token.app.db).await.unwrap(), 0, "nothing stored");
}
