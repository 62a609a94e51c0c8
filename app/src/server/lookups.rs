//! Reading the rows a list of ids names, keyed for lookup: what every use case that shows
//! related records (the titles of activities, the names of panels) would otherwise repeat.

use super::context::internal;
use crate::error::AppResult;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::{BTreeSet, HashMap};
use std::hash::Hash;

/// The rows of `E` whose `column` is one of `ids` (asked once, without repeats; not at all for
/// none), keyed by `key`.
pub async fn keyed_by<E, K>(
    db: &impl ConnectionTrait,
    column: E::Column,
    ids: impl IntoIterator<Item = i32>,
    key: impl Fn(&E::Model) -> K,
) -> AppResult<HashMap<K, E::Model>>
where
    E: EntityTrait,
    K: Eq + Hash,
{
    let ids: BTreeSet<i32> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = E::find().filter(column.is_in(ids)).all(db).await.map_err(internal)?;
    Ok(rows.into_iter().map(|row| (key(&row), row)).collect())
}
