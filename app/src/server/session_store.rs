//! A tower-sessions store over our own database, so sessions survive restarts, are shared by
//! several app servers on PostgreSQL, and can all be ended for one account at once.

use super::context::SESSION_USER;
use super::entities::session;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result, SessionStore};

#[derive(Debug, Clone)]
pub struct DbSessionStore {
    db: DatabaseConnection,
}

impl DbSessionStore {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    /// Ends every session of an account (after a password change, or when it is deleted).
    pub async fn end_sessions_of(db: &DatabaseConnection, user_id: i32) -> std::result::Result<u64, sea_orm::DbErr> {
        let done = session::Entity::delete_many().filter(session::Column::UserId.eq(user_id)).exec(db).await?;
        Ok(done.rows_affected)
    }

    /// Removes expired sessions; run periodically. Expiry moments are set by tower-sessions from
    /// the system clock, so they are compared with the system clock here too (the application's
    /// clock decides the absolute and idle limits, see `context::current_account`).
    pub async fn delete_expired(&self) -> std::result::Result<u64, sea_orm::DbErr> {
        let done =
            session::Entity::delete_many().filter(session::Column::ExpiresAt.lt(Utc::now())).exec(&self.db).await?;
        Ok(done.rows_affected)
    }

    /// The account, the data and the expiry of a record, as stored.
    fn columns(record: &Record) -> Result<(Option<i32>, String, DateTime<Utc>)> {
        let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
        let user_id = record.data.get(SESSION_USER).and_then(|v| v.as_i64()).and_then(|v| i32::try_from(v).ok());
        Ok((user_id, data, to_chrono(record.expiry_date)))
    }

    fn to_row(record: &Record) -> Result<session::ActiveModel> {
        let (user_id, data, expires_at) = Self::columns(record)?;
        Ok(session::ActiveModel {
            id: Set(record.id.to_string()),
            user_id: Set(user_id),
            data: Set(data),
            expires_at: Set(expires_at),
        })
    }
}

fn to_chrono(t: time::OffsetDateTime) -> DateTime<Utc> {
    DateTime::from_timestamp(t.unix_timestamp(), t.nanosecond()).unwrap_or_default()
}

fn backend(e: sea_orm::DbErr) -> Error {
    Error::Backend(e.to_string())
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        // Ids are 128 random bits; a collision is practically impossible, but never overwrite.
        loop {
            let row = Self::to_row(record)?;
            let inserted = session::Entity::insert(row)
                .on_conflict(OnConflict::column(session::Column::Id).do_nothing().to_owned())
                .exec_without_returning(&self.db)
                .await
                .map_err(backend)?;
            if inserted == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    /// Updates a session that exists; never brings back one that was deleted. A request of the
    /// same session that saves while another logs out (or while a password change ends every
    /// session of the account) would otherwise undo the logout. New sessions go through `create`.
    async fn save(&self, record: &Record) -> Result<()> {
        let (user_id, data, expires_at) = Self::columns(record)?;
        session::Entity::update_many()
            .col_expr(session::Column::UserId, Expr::value(user_id))
            .col_expr(session::Column::Data, Expr::value(data))
            .col_expr(session::Column::ExpiresAt, Expr::value(expires_at))
            .filter(session::Column::Id.eq(record.id.to_string()))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, session_id: &Id) -> Result<Option<Record>> {
        let row = session::Entity::find_by_id(session_id.to_string())
            .filter(session::Column::ExpiresAt.gt(Utc::now()))
            .one(&self.db)
            .await
            .map_err(backend)?;
        let Some(row) = row else { return Ok(None) };
        let data = serde_json::from_str(&row.data).map_err(|e| Error::Decode(e.to_string()))?;
        let expiry_date = time::OffsetDateTime::from_unix_timestamp(row.expires_at.timestamp())
            .map_err(|e| Error::Decode(e.to_string()))?;
        Ok(Some(Record { id: *session_id, data, expiry_date }))
    }

    async fn delete(&self, session_id: &Id) -> Result<()> {
        session::Entity::delete_by_id(session_id.to_string()).exec(&self.db).await.map_err(backend)?;
        Ok(())
    }
}
