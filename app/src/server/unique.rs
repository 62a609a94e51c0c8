//! Inserting a row that a unique constraint may refuse, without spoiling the transaction around
//! it. PostgreSQL aborts a whole transaction after any failed statement, so the insert runs in a
//! savepoint that alone is rolled back on a duplicate.

use super::context::internal;
use crate::error::AppResult;
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, EntityTrait, IntoActiveModel, SqlErr, TransactionSession, TransactionTrait,
};

/// Ok(None) when a unique constraint refused the row; the caller's transaction stays usable.
pub async fn insert_unless_duplicate<A, C>(db: &C, row: A) -> AppResult<Option<<A::Entity as EntityTrait>::Model>>
where
    A: ActiveModelTrait + ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    C: TransactionTrait,
{
    let savepoint = crate::server::writes::begin_write(db).await.map_err(internal)?;
    match row.insert(&savepoint).await {
        Ok(model) => {
            savepoint.commit().await.map_err(internal)?;
            Ok(Some(model))
        }
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            savepoint.rollback().await.map_err(internal)?;
            Ok(None)
        }
        Err(e) => Err(internal(e)),
    }
}
