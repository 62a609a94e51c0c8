//! The content version: a number the database raises whenever anything shown to the public
//! changes (triggers, see migration `m20261207_000012_content_version`). A copy of a public page
//! made while the number was N is still right while it is N.

use crate::error::AppResult;
use crate::server::context::internal;
use sea_orm::{ConnectionTrait, Statement};

pub async fn current(db: &impl ConnectionTrait) -> AppResult<i64> {
    let statement =
        Statement::from_string(db.get_database_backend(), "SELECT version FROM content_version WHERE id = 1");
    let row = db.query_one_raw(statement).await.map_err(internal)?;
    match row {
        Some(row) => row.try_get_by_index::<i64>(0).map_err(internal),
        None => Err(internal("the content_version row is missing")),
    }
}
