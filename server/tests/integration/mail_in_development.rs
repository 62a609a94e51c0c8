//! Without a mail server (development), mail a person triggers is written as `.eml` files, so a
//! newcomer who registers can open the confirmation mail and finish the journey.

use crate::common::TestApp;
use app::server::entities::outbox_message;
use app::server::mail::{self, Mail, Sender};
use sea_orm::EntityTrait;

#[tokio::test]
async fn without_smtp_every_mail_becomes_a_file_a_mail_program_opens() {
    let app = TestApp::new().await;
    let dir = std::env::temp_dir().join(format!("samenspraak-mail-{}", uuid::Uuid::new_v4()));
    assert!(app.config.smtp_url.is_none());
    let body = "Klik op deze link om je e-mailadres te bevestigen: http://127.0.0.1:3000/e-mail-bevestigen?token=abc";
    mail::enqueue(
        &app.db,
        Mail {
            to: "nieuw@voorbeeld.nl",
            subject: "Bevestig je e-mailadres",
            body: body.to_owned(),
            unsubscribe_url: None,
            erase_when_sent: false,
        },
    )
    .await
    .unwrap();
    let sender = Sender::to_files(&dir, &app.config.mail_from).unwrap();
    assert_eq!(sender.send_due(&app.db, &app.state.clock).await.unwrap(), 1);
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].extension().and_then(|e| e.to_str()), Some("eml"));
    let eml = std::fs::read_to_string(&files[0]).unwrap();
    assert!(eml.contains("To: nieuw@voorbeeld.nl"), "{eml}");
    assert!(eml.contains("Subject: Bevestig je e-mailadres"), "{eml}");
    // The body is quoted-printable, as a mail program reads it: soft line breaks, `=3D` for `=`.
    let readable = eml.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
    assert!(readable.contains("e-mail-bevestigen?token=abc"), "the link can be followed: {eml}");
    let row = outbox_message::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert!(row.sent_at.is_some(), "not sent again");
    assert_eq!(sender.send_due(&app.db, &app.state.clock).await.unwrap(), 0);
    // The server's own folder for it sits in its data directory.
    assert!(app.config.mail_dir.ends_with("mail"));
    let _ = std::fs::remove_dir_all(dir);
}
