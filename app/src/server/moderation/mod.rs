//! Database access for moderation: the queue of reported and waiting comments of a municipality,
//! settling reports, the house rules, and reading the audit log.

mod moderating;

pub use moderating::{
    audit_log, house_rules_page, moderate_comment, moderating, moderation_queue, save_house_rules_text, Moderating,
};

use super::accounts::display_names;
use super::context::internal;
use super::entities::{activity, audit_event, input, input_report, municipality};
use crate::domain::consultations::InputStatus;
use crate::domain::tenancy::MunicipalityId;
use crate::error::AppResult;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Set,
};
use std::collections::HashMap;

/// An input that needs a moderator: reported by someone, or waiting under pre-moderation.
pub struct QueueEntry {
    pub input: input::Model,
    pub author_name: Option<String>,
    pub activity_title: String,
    pub open_reports: Vec<input_report::Model>,
}

/// Everything waiting for a moderator in one municipality, oldest first.
pub async fn queue(db: &impl ConnectionTrait, municipality: MunicipalityId) -> AppResult<Vec<QueueEntry>> {
    let reports = input_report::Entity::find()
        .filter(input_report::Column::Status.eq("open"))
        .filter(
            input_report::Column::InputId.in_subquery(
                input::Entity::find()
                    .select_only()
                    .column(input::Column::Id)
                    .filter(input::Column::MunicipalityId.eq(municipality.0))
                    .into_query(),
            ),
        )
        .order_by_asc(input_report::Column::CreatedAt)
        .all(db)
        .await
        .map_err(internal)?;
    let mut by_input: HashMap<i32, Vec<input_report::Model>> = HashMap::new();
    for report in reports {
        by_input.entry(report.input_id).or_default().push(report);
    }
    let reported: Vec<i32> = by_input.keys().copied().collect();
    let inputs = input::Entity::find()
        .filter(input::Column::MunicipalityId.eq(municipality.0))
        .filter(
            Condition::any()
                .add(input::Column::Status.eq(InputStatus::Pending.as_str()))
                .add(input::Column::Id.is_in(reported)),
        )
        .order_by_asc(input::Column::CreatedAt)
        .limit(500)
        .all(db)
        .await
        .map_err(internal)?;
    let names = display_names(db, inputs.iter().filter_map(|i| i.author_id)).await?;
    let activity_ids: Vec<i32> = inputs.iter().filter_map(|i| i.activity_id).collect();
    let titles: HashMap<i32, String> = activity::Entity::find()
        .filter(activity::Column::Id.is_in(activity_ids))
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|a| (a.id, a.title))
        .collect();
    Ok(inputs
        .into_iter()
        .map(|input| QueueEntry {
            author_name: input.author_id.and_then(|a| names.get(&a).cloned()),
            activity_title: input.activity_id.and_then(|a| titles.get(&a).cloned()).unwrap_or_default(),
            open_reports: by_input.remove(&input.id).unwrap_or_default(),
            input,
        })
        .collect())
}

/// Closes the open reports on an input as `upheld` (it was hidden) or `unfounded`.
pub async fn settle_reports(
    db: &impl ConnectionTrait,
    input_id: i32,
    outcome: &str,
    moderator: i32,
    now: chrono::DateTime<Utc>,
) -> AppResult<u64> {
    let result = input_report::Entity::update_many()
        .col_expr(input_report::Column::Status, Expr::value(outcome))
        .col_expr(input_report::Column::HandledBy, Expr::value(moderator))
        .col_expr(input_report::Column::HandledAt, Expr::value(now))
        .filter(input_report::Column::InputId.eq(input_id))
        .filter(input_report::Column::Status.eq("open"))
        .exec(db)
        .await
        .map_err(internal)?;
    Ok(result.rows_affected)
}

pub async fn house_rules(db: &impl ConnectionTrait, municipality: MunicipalityId) -> AppResult<Option<String>> {
    Ok(municipality::Entity::find_by_id(municipality.0)
        .one(db)
        .await
        .map_err(internal)?
        .and_then(|m| m.house_rules)
        .filter(|r| !r.trim().is_empty()))
}

pub async fn save_house_rules(db: &impl ConnectionTrait, municipality: MunicipalityId, text: &str) -> AppResult<()> {
    municipality::ActiveModel {
        id: Set(municipality.0),
        house_rules: Set(Some(text.to_owned())),
        ..Default::default()
    }
    .update(db)
    .await
    .map_err(internal)?;
    Ok(())
}

pub const AUDIT_PAGE_SIZE: u64 = 50;

/// One page of a municipality's audit log, newest first, with the actors' display names.
pub async fn audit_page(
    db: &impl ConnectionTrait,
    municipality: MunicipalityId,
    page: u64,
) -> AppResult<(Vec<(audit_event::Model, Option<String>)>, u64)> {
    let query = audit_event::Entity::find().filter(audit_event::Column::MunicipalityId.eq(municipality.0));
    let total = query.clone().count(db).await.map_err(internal)?;
    let rows = query
        .order_by_desc(audit_event::Column::CreatedAt)
        .order_by_desc(audit_event::Column::Id)
        .offset(crate::domain::paging::offset(page, AUDIT_PAGE_SIZE))
        .limit(AUDIT_PAGE_SIZE)
        .all(db)
        .await
        .map_err(internal)?;
    let names = display_names(db, rows.iter().filter_map(|r| r.actor_user_id)).await?;
    Ok((
        rows.into_iter()
            .map(|r| {
                let name = r.actor_user_id.and_then(|a| names.get(&a).cloned());
                (r, name)
            })
            .collect(),
        total,
    ))
}
