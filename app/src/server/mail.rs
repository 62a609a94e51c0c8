//! Outgoing mail. `enqueue` writes a message to the outbox inside the caller's transaction; the
//! worker sends it over SMTP and retries with back-off, so an outage of the mail server delays
//! mail but never loses it. Several app servers may run workers: each claims a message with a
//! conditional update (a lease) before sending. In development without a mail server, the
//! worker writes each message as an `.eml` file instead, so every journey can be finished.

use super::context::internal;
use super::entities::outbox_message;
use super::letters::{Language, Letter};
use crate::error::AppResult;
use chrono::{Duration, Utc};
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::Mailbox;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use std::path::{Path, PathBuf};

pub struct Mail<'a> {
    pub to: &'a str,
    pub subject: &'a str,
    pub body: String,
    /// For mail people asked for (follows): the link that stops it in one click.
    pub unsubscribe_url: Option<String>,
    /// Deleted from the outbox once sent, so the address leaves no trace (see `leaving`).
    pub erase_when_sent: bool,
}

/// Puts a letter, written in the recipient's language, in the outbox. `unsubscribe_url` for
/// mail people asked for (follows).
pub async fn send(
    db: &impl ConnectionTrait,
    to: &str,
    language: Language,
    letter: &Letter<'_>,
    unsubscribe_url: Option<String>,
) -> AppResult<()> {
    let written = letter.write(language);
    enqueue(db, Mail { to, subject: &written.subject, body: written.body, unsubscribe_url, erase_when_sent: false })
        .await
}

/// The same, for a letter to an address that may not stay in the database: the worker deletes
/// it from the outbox once sent (the confirmation that an account was deleted).
pub async fn send_once(db: &impl ConnectionTrait, to: &str, language: Language, letter: &Letter<'_>) -> AppResult<()> {
    let written = letter.write(language);
    enqueue(
        db,
        Mail { to, subject: &written.subject, body: written.body, unsubscribe_url: None, erase_when_sent: true },
    )
    .await
}

pub async fn enqueue(db: &impl ConnectionTrait, mail: Mail<'_>) -> AppResult<()> {
    let now = Utc::now();
    outbox_message::ActiveModel {
        recipient: Set(mail.to.to_owned()),
        subject: Set(mail.subject.to_owned()),
        body_text: Set(mail.body),
        created_at: Set(now),
        attempts: Set(0),
        next_attempt_at: Set(now),
        sent_at: Set(None),
        last_error: Set(None),
        list_unsubscribe: Set(mail.unsubscribe_url),
        erase_when_sent: Set(mail.erase_when_sent),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(internal)?;
    Ok(())
}

/// How long a worker holds a claimed message before another may try it.
const LEASE: i64 = 120;

/// Waits longer after each failure: 30 s, 1 min, 2 min ... up to 6 hours.
fn backoff(attempts: i32) -> Duration {
    let seconds = 30i64.saturating_mul(1i64 << attempts.clamp(0, 10));
    Duration::seconds(seconds.min(6 * 3600))
}

pub struct Sender {
    transport: Transport,
    from: Mailbox,
}

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// Development without SMTP_URL: one `.eml` file per message in this folder.
    Files(AsyncFileTransport<Tokio1Executor>, PathBuf),
}

impl Sender {
    /// `smtp_url` as lettre reads it: `smtp://host:port` (plain, for a local sink),
    /// `smtp://user:pass@host:587?tls=required` (STARTTLS) or `smtps://host` (TLS).
    pub fn new(smtp_url: &str, from: &str) -> Result<Self, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .map_err(|e| format!("SMTP_URL is not usable: {e}"))?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        let from = from.parse().map_err(|e| format!("MAIL_FROM is not a valid address: {e}"))?;
        Ok(Self { transport: Transport::Smtp(transport), from })
    }

    /// For development without a mail server: every message becomes a file in `dir` that any
    /// mail program opens, and the terminal says which. Never used in production, which
    /// requires SMTP_URL.
    pub fn to_files(dir: &Path, from: &str) -> Result<Self, String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot make {}: {e}", dir.display()))?;
        let from = from.parse().map_err(|e| format!("MAIL_FROM is not a valid address: {e}"))?;
        Ok(Self { transport: Transport::Files(AsyncFileTransport::new(dir), dir.to_owned()), from })
    }

    /// Sends what is due; returns how many messages were sent.
    pub async fn send_due(
        &self,
        db: &DatabaseConnection,
        clock: &super::clock::Clock,
    ) -> Result<usize, sea_orm::DbErr> {
        let now = clock.now();
        let due = outbox_message::Entity::find()
            .filter(outbox_message::Column::SentAt.is_null())
            .filter(outbox_message::Column::NextAttemptAt.lte(now))
            .order_by_asc(outbox_message::Column::Id)
            .limit(50)
            .all(db)
            .await?;
        let mut sent = 0;
        for message in due {
            let claimed = outbox_message::Entity::update_many()
                .col_expr(outbox_message::Column::NextAttemptAt, Expr::value(now + Duration::seconds(LEASE)))
                .filter(outbox_message::Column::Id.eq(message.id))
                .filter(outbox_message::Column::NextAttemptAt.eq(message.next_attempt_at))
                .filter(outbox_message::Column::SentAt.is_null())
                .exec(db)
                .await?;
            if claimed.rows_affected != 1 {
                continue;
            }
            let id = message.id;
            let attempts = message.attempts + 1;
            let mut row: outbox_message::ActiveModel = message.clone().into();
            row.attempts = Set(attempts);
            match self.send(&message).await {
                Ok(()) if message.erase_when_sent => {
                    outbox_message::Entity::delete_by_id(id).exec(db).await?;
                    sent += 1;
                    continue;
                }
                Ok(()) => {
                    row.sent_at = Set(Some(clock.now()));
                    row.last_error = Set(None);
                    sent += 1;
                }
                Err(error) => {
                    tracing::warn!(outbox_id = id, attempts, %error, "mail not sent, will retry");
                    row.next_attempt_at = Set(clock.now() + backoff(attempts));
                    row.last_error = Set(Some(error));
                }
            }
            row.update(db).await?;
        }
        Ok(sent)
    }

    async fn send(&self, message: &outbox_message::Model) -> Result<(), String> {
        let to: Mailbox = message.recipient.parse().map_err(|e| format!("bad recipient: {e}"))?;
        // The same Message-ID on every attempt: a message sent again after a crash between the
        // mail server's "accepted" and the outbox's "sent" is then one message to whoever reads
        // it (mail programs and mail servers drop duplicates by this header).
        let message_id =
            format!("<outbox.{}.{}@{}>", message.id, message.created_at.timestamp_micros(), self.from.email.domain());
        let mut builder = Message::builder()
            .message_id(Some(message_id))
            .from(self.from.clone())
            .to(to)
            .subject(message.subject.clone())
            .header(ContentType::TEXT_PLAIN);
        if let Some(url) = &message.list_unsubscribe {
            // RFC 8058: mail programs show an "unsubscribe" button that POSTs to this link.
            builder = builder
                .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("List-Unsubscribe"), format!("<{url}>")))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_owned(),
                ));
        }
        let email = builder.body(message.body_text.clone()).map_err(|e| e.to_string())?;
        match &self.transport {
            Transport::Smtp(smtp) => smtp.send(email).await.map(|_| ()).map_err(|e| e.to_string()),
            Transport::Files(files, dir) => {
                let id = files.send(email).await.map_err(|e| e.to_string())?;
                tracing::info!(file = %dir.join(format!("{id}.eml")).display(), "mail written (no SMTP_URL)");
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff(1), Duration::seconds(60));
        assert!(backoff(2) > backoff(1));
        assert_eq!(backoff(30), Duration::hours(6));
    }
}
