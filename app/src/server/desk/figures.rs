//! The desk's published figures: per quarter, the share of cases acknowledged and answered
//! within the norm.

use crate::domain::desk::{figures_per_quarter, CaseDates, QuarterFigures};
use crate::error::AppResult;
use crate::server::context::internal;
use crate::server::entities::desk_case;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

pub async fn per_quarter(
    db: &impl ConnectionTrait,
    municipality: i32,
    today: NaiveDate,
) -> AppResult<Vec<QuarterFigures>> {
    // Only the five dates per case: a desk with years of cases stays a small read.
    type Dates = (NaiveDate, Option<NaiveDate>, NaiveDate, Option<NaiveDate>, Option<NaiveDate>);
    let rows: Vec<Dates> = desk_case::Entity::find()
        .select_only()
        .column(desk_case::Column::ReceivedOn)
        .column(desk_case::Column::AcknowledgedOn)
        .column(desk_case::Column::AcknowledgeBy)
        .column(desk_case::Column::AnsweredOn)
        .column(desk_case::Column::AnswerBy)
        .filter(desk_case::Column::MunicipalityId.eq(municipality))
        .into_tuple()
        .all(db)
        .await
        .map_err(internal)?;
    let cases: Vec<CaseDates> = rows
        .into_iter()
        .map(|(received_on, acknowledged_on, acknowledge_by, answered_on, answer_by)| CaseDates {
            received_on,
            acknowledged_on,
            acknowledge_by,
            answered_on,
            answer_by,
        })
        .collect();
    Ok(figures_per_quarter(&cases, today))
}
