//! Internal notes stay at the desk: not on the initiator's page, not in any e-mail, not in the
//! public register or the open data. Contact details of initiators never reach the public.

use super::*;

const NOTE: &str = "INTERN: wethouder wil dit liever niet, eerst afstemmen met team Groen";

#[tokio::test]
async fn internal_notes_never_leave_the_desk() {
    let d = Desk::new().await;
    let resident = d.log_in(RESIDENT).await;
    let desk = d.log_in(DESK).await;
    let id = d.case(&resident, &[]).await;
    let noted = d.note(&desk, &id, NOTE).await;
    assert_eq!(noted.status, StatusCode::OK, "{}", noted.body);
    let empty = d.note(&desk, &id, "  ").await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Every kind of step and message after the note, so every mail is written.
    d.desk_call(&desk, "move_desk_case", &id, &[("to", "acknowledged")]).await;
    d.message(&desk, &id, "Een vraag: waar precies?", "ask").await;
    d.message(&desk, &id, "Ons antwoord.", "answer").await;
    d.desk_call(&desk, "move_desk_case", &id, &[("to", "closed")]).await;

    let at_desk = d.at_desk(&desk, &id).await;
    assert_eq!(at_desk["notes"][0]["body"], NOTE, "the desk reads its note");
    let mine = d.mine(&resident, &id).await;
    assert!(!mine.body.contains("INTERN"), "the initiator's case: {}", mine.body);
    for (to, text) in d.outbox().await {
        assert!(!text.contains("INTERN"), "mail to {to}: {text}");
    }
    for path in [
        "/api/v1/duinwijk/initiatives".to_owned(),
        "/api/v1/duinwijk/desk/norms".to_owned(),
        format!("/duinwijk/initiatieven/{id}"),
        "/duinwijk/initiatieven".to_owned(),
        format!("/account/zaken/{id}"),
    ] {
        let page = d.app.get(&path, Some(&resident)).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(!page.body.contains("INTERN"), "{path}");
    }
    let register = d.app.call("get_register", &[("municipality", "duinwijk")], None).await;
    assert!(!register.body.contains("INTERN"));
    // The desk's own page shows it.
    let page = d.app.get(&format!("/beheer/duinwijk/loket/zaken/{id}"), Some(&desk)).await;
    assert!(page.body.contains("INTERN"), "the desk's page shows its notes");
}

#[tokio::test]
async fn the_public_never_sees_who_brought_an_initiative_in() {
    let d = Desk::new().await;
    let resident = d.log_in(RESIDENT).await;
    let id = d.case(&resident, &[]).await;
    let hidden = d.case(&resident, &[("public", "nee"), ("title", "Alleen voor het loket")]).await;
    let json = d.app.get("/api/v1/duinwijk/initiatives", None).await;
    assert_eq!(json.status, StatusCode::OK);
    let list = json.json();
    let items = list["initiatives"].as_array().unwrap();
    assert_eq!(items.len(), 1, "only the public one: {list}");
    assert_eq!(items[0]["id"].to_string(), id);
    assert_eq!(items[0]["status"], "received");
    assert!(!json.body.contains(RESIDENT) && !json.body.contains("Sam"), "no name or address: {}", json.body);
    assert!(!json.body.contains("Alleen voor het loket"));
    let public = d.app.get(&format!("/duinwijk/initiatieven/{id}"), None).await;
    assert!(public.body.contains("Buurtmoestuin Oosthoek"));
    assert!(!public.body.contains(RESIDENT));
    let not_public = d.app.call("get_public_initiative", &[("municipality", "duinwijk"), ("id", &hidden)], None).await;
    assert_eq!(not_public.status, StatusCode::NOT_FOUND);
}
