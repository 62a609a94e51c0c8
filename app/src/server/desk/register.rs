//! The public register of initiatives, supports, and the council's list: a public initiative
//! that reaches the municipality's threshold goes on it, once and for good.

use crate::domain::initiatives::PAGE_SIZE;
use crate::error::AppResult;
use crate::server::context::internal;
use crate::server::entities::{desk_case, desk_case_support};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Set, SqlErr,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RegisterOrder {
    #[default]
    Newest,
    MostSupported,
}

/// One page of the register and the number of public initiatives.
pub async fn page(
    db: &impl ConnectionTrait,
    municipality: i32,
    order: RegisterOrder,
    page: u64,
) -> AppResult<(Vec<desk_case::Model>, u64)> {
    let query = desk_case::Entity::find()
        .filter(desk_case::Column::MunicipalityId.eq(municipality))
        .filter(desk_case::Column::Public.eq(true));
    let total = query.clone().count(db).await.map_err(internal)?;
    let query = match order {
        RegisterOrder::Newest => query.order_by_desc(desk_case::Column::ReceivedAt),
        RegisterOrder::MostSupported => {
            query.order_by_desc(desk_case::Column::Supports).order_by_desc(desk_case::Column::ReceivedAt)
        }
    };
    let rows = query
        .order_by_desc(desk_case::Column::Id)
        .offset(crate::domain::paging::offset(page, PAGE_SIZE))
        .limit(PAGE_SIZE)
        .all(db)
        .await
        .map_err(internal)?;
    Ok((rows, total))
}

/// The initiatives on the council's list, the latest first.
pub async fn council_list(db: &impl ConnectionTrait, municipality: i32) -> AppResult<Vec<desk_case::Model>> {
    desk_case::Entity::find()
        .filter(desk_case::Column::MunicipalityId.eq(municipality))
        .filter(desk_case::Column::Public.eq(true))
        .filter(desk_case::Column::CouncilListedOn.is_not_null())
        .order_by_desc(desk_case::Column::CouncilListedOn)
        .all(db)
        .await
        .map_err(internal)
}

pub async fn supported_by(db: &impl ConnectionTrait, case: i32, user: i32) -> AppResult<bool> {
    Ok(desk_case_support::Entity::find_by_id((case, user)).one(db).await.map_err(internal)?.is_some())
}

/// Adds one person's support (the primary key allows one) and counts it; when the count reaches
/// the threshold, the initiative goes on the council's list on `today`. The insert is the
/// transaction's first write. Ok(false) when this person supported it already.
pub async fn support(
    db: &impl ConnectionTrait,
    case: i32,
    user: i32,
    threshold: Option<u32>,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    let row = desk_case_support::ActiveModel { case_id: Set(case), user_id: Set(user), created_at: Set(now) };
    match row.insert(db).await {
        Ok(_) => {}
        // On PostgreSQL the failed insert spoils the transaction: the caller rolls back.
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => return Ok(false),
        Err(e) => return Err(internal(e)),
    }
    add_to_count(db, case, 1).await?;
    if let Some(threshold) = threshold {
        desk_case::Entity::update_many()
            .col_expr(desk_case::Column::CouncilListedOn, Expr::value(today))
            .filter(desk_case::Column::Id.eq(case))
            .filter(desk_case::Column::CouncilListedOn.is_null())
            .filter(desk_case::Column::Supports.gte(threshold as i32))
            .exec(db)
            .await
            .map_err(internal)?;
    }
    Ok(true)
}

/// Takes a support back; an initiative already on the council's list stays there.
pub async fn withdraw_support(db: &impl ConnectionTrait, case: i32, user: i32) -> AppResult<bool> {
    let deleted = desk_case_support::Entity::delete_by_id((case, user)).exec(db).await.map_err(internal)?;
    if deleted.rows_affected == 0 {
        return Ok(false);
    }
    add_to_count(db, case, -1).await?;
    Ok(true)
}

async fn add_to_count(db: &impl ConnectionTrait, case: i32, by: i32) -> AppResult<()> {
    desk_case::Entity::update_many()
        .col_expr(desk_case::Column::Supports, Expr::col(desk_case::Column::Supports).add(by))
        .filter(desk_case::Column::Id.eq(case))
        .exec(db)
        .await
        .map_err(internal)?;
    Ok(())
}
