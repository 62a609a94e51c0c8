use crate::common::{password_of, TestApp};
use app::domain::accounts::{DisplayName, Email};
use app::server::entities::{audit_event, role_grant};
use app::server::{accounts, passwords};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const ROOT_PASSWORD: &str = "beheer van het hele platform";

async fn platform_admin(app: &TestApp) -> String {
    let account = accounts::NewAccount {
        email: Email::parse("root@samenspraak.test").unwrap(),
        display_name: DisplayName::parse("Platformbeheer").unwrap(),
        password_hash: passwords::hash_password(ROOT_PASSWORD.into()).await.unwrap(),
        birth_date: None,
        area: None,
        platform_admin: true,
        verified: true,
        created_at: app.state.clock.now(),
    };
    accounts::create(&app.db, account).await.unwrap().unwrap();
    app.log_in("root@samenspraak.test", ROOT_PASSWORD).await
}

fn municipality_form<'a>(slug: &'a str, primary: &'a str, accent: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![("slug", slug), ("name", "Gemeente Kustdorp"), ("primary_colour", primary), ("accent_colour", accent)]
}

#[tokio::test]
async fn house_style_colours_without_enough_contrast_are_refused_with_the_ratio() {
    let (app, _) = TestApp::seeded().await;
    let root = platform_admin(&app).await;
    let reply =
        app.call("create_municipality", &municipality_form("kustdorp", "#1a5493", "#f6d32d"), Some(&root)).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.body);
    let errors = &reply.json()["Validation"]["errors"];
    assert_eq!(errors[0]["field"], "accent_colour");
    assert!(errors[0]["problem"]["ColourContrastTooLow"]["ratio_hundredths"].as_u64().unwrap() < 450);

    let taken =
        app.call("create_municipality", &municipality_form("duinwijk", "#1a5493", "#a51d2d"), Some(&root)).await;
    assert!(taken.body.contains("SlugTaken"), "{}", taken.body);

    let ok = app.call("create_municipality", &municipality_form("kustdorp", "#1a5493", "#a51d2d"), Some(&root)).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(ok.location().as_deref(), Some("/beheer/kustdorp"));
    let logged =
        audit_event::Entity::find().filter(audit_event::Column::Action.eq("create_municipality")).count(&app.db).await;
    assert_eq!(logged.unwrap(), 1, "the action is in the audit log");
}

#[tokio::test]
async fn a_municipal_administrator_manages_only_their_own_municipality() {
    let (app, accounts) = TestApp::seeded().await;
    let email = "beheerder@duinwijk.example";
    let admin = app.log_in(email, password_of(&accounts, email)).await;

    let grant = |municipality: &'static str, role: &'static str| {
        vec![("municipality", municipality), ("email", "inwoner@duinwijk.example"), ("role", role)]
    };
    assert_eq!(app.call("grant_role", &grant("duinwijk", "moderator"), Some(&admin)).await.status, StatusCode::OK);
    assert_eq!(
        app.call("grant_role", &grant("duinwijk", "administrator"), Some(&admin)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.call("grant_role", &grant("polderveen", "moderator"), Some(&admin)).await.status,
        StatusCode::FORBIDDEN
    );
    let form = municipality_form("kustdorp", "#1a5493", "#a51d2d");
    assert_eq!(app.call("create_municipality", &form, Some(&admin)).await.status, StatusCode::FORBIDDEN);
    let style = [("municipality", "polderveen"), ("primary_colour", "#000000"), ("accent_colour", "#000000")];
    assert_eq!(app.call("update_house_style", &style, Some(&admin)).await.status, StatusCode::FORBIDDEN);
    assert!(app.get("/beheer/polderveen", Some(&admin)).await.body.contains("Geen toegang"));

    let unknown = app
        .call(
            "grant_role",
            &[("municipality", "duinwijk"), ("email", "niemand@x.example"), ("role", "moderator")],
            Some(&admin),
        )
        .await;
    assert!(unknown.body.contains("UnknownAccount"), "{}", unknown.body);
}

#[tokio::test]
async fn a_grant_of_another_municipality_cannot_be_revoked_through_yours() {
    let (app, accounts) = TestApp::seeded().await;
    let email = "beheerder@duinwijk.example";
    let admin = app.log_in(email, password_of(&accounts, email)).await;
    let polderveen_grant = role_grant::Entity::find()
        .filter(role_grant::Column::Role.eq("moderator"))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|g| g.municipality_id != 1)
        .unwrap();
    let id = polderveen_grant.id.to_string();
    let reply = app.call("revoke_role", &[("municipality", "duinwijk"), ("grant_id", &id)], Some(&admin)).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(role_grant::Entity::find_by_id(polderveen_grant.id).one(&app.db).await.unwrap().is_some());
}

#[tokio::test]
async fn residents_and_visitors_reach_no_administration() {
    let (app, accounts) = TestApp::seeded().await;
    let email = "inwoner@duinwijk.example";
    let resident = app.log_in(email, password_of(&accounts, email)).await;
    let grant = [("municipality", "duinwijk"), ("email", email), ("role", "administrator")];
    assert_eq!(app.call("grant_role", &grant, Some(&resident)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.call("grant_role", &grant, None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.get("/beheer", Some(&resident)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.call("list_outbox", &[], Some(&resident)).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_platform_administrator_reads_the_outbox_in_development() {
    let (app, _) = TestApp::seeded().await;
    let root = platform_admin(&app).await;
    app.call("request_password_reset", &[("email", "inwoner@polderveen.example")], None).await;
    let reply = app.call("list_outbox", &[], Some(&root)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json()[0]["recipient"], "inwoner@polderveen.example");
    let page = app.get("/beheer/outbox", Some(&root)).await;
    assert!(page.body.contains("Nieuw wachtwoord kiezen"), "{}", page.body);
}

#[tokio::test]
async fn areas_are_added_and_the_house_style_is_kept_by_those_allowed() {
    let (app, accounts) = TestApp::seeded().await;
    let root = platform_admin(&app).await;
    let area = [("municipality", "duinwijk"), ("slug", "strand"), ("name", "Strand")];
    assert_eq!(app.call("add_area", &area, Some(&root)).await.status, StatusCode::OK);
    assert!(app.call("add_area", &area, Some(&root)).await.body.contains("SlugTaken"));
    assert!(app.get("/duinwijk", None).await.body.contains("Strand"));

    let email = "beheerder@duinwijk.example";
    let admin = app.log_in(email, password_of(&accounts, email)).await;
    assert_eq!(app.call("add_area", &area, Some(&admin)).await.status, StatusCode::FORBIDDEN);
    let style = [("municipality", "duinwijk"), ("primary_colour", "#2f6b2f"), ("accent_colour", "#7a4a00")];
    assert_eq!(app.call("update_house_style", &style, Some(&admin)).await.status, StatusCode::OK);
    assert!(app.get("/duinwijk/huisstijl.css", None).await.body.contains("--colour-primary: #2f6b2f"));
    let weak = [("municipality", "duinwijk"), ("primary_colour", "#ffff00"), ("accent_colour", "#7a4a00")];
    assert!(app.call("update_house_style", &weak, Some(&admin)).await.body.contains("ColourContrastTooLow"));
}
