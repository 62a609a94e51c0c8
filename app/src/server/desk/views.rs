//! The views of desk cases that the initiator, the desk and the register read.

use super::{cases, conversation};
use crate::domain::desk::CaseStatus;
use crate::domain::desk::ServiceNorm;
use crate::domain::initiatives::SupportKind;
use crate::error::AppResult;
use crate::model::initiatives::{CaseView, MessageView, NormView, RegisterItem, StepView};
use crate::model::tenancy::MunicipalityDetail;
use crate::server::context::internal;
use crate::server::entities::{activity, desk_case, trajectory};
use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, EntityTrait};

pub fn norm_view(norm: ServiceNorm) -> NormView {
    NormView { acknowledge_within: norm.acknowledge_within, answer_within: norm.answer_within }
}

pub fn area_name(m: &MunicipalityDetail, area: Option<i32>) -> Option<String> {
    area.and_then(|id| m.areas.iter().find(|a| a.id == id)).map(|a| a.name.clone())
}

pub fn register_item(m: &MunicipalityDetail, row: &desk_case::Model) -> RegisterItem {
    RegisterItem {
        id: row.id,
        number: row.number.clone(),
        kind: row.kind.clone(),
        title: row.title.clone(),
        area_name: area_name(m, row.area_id),
        status: cases::status_of(row),
        supports: u32::try_from(row.supports).unwrap_or(0),
        received_on: row.received_on,
        council_listed_on: row.council_listed_on,
    }
}

/// The case with its steps and messages; what both the initiator and the desk read.
pub async fn case_view(
    db: &impl ConnectionTrait,
    m: &MunicipalityDetail,
    row: &desk_case::Model,
    today: NaiveDate,
    submission_token: Option<String>,
) -> AppResult<CaseView> {
    let steps = cases::steps(db, row.id).await?;
    let clock = cases::clock_of(row, &steps);
    let messages = conversation::messages(db, row.id).await?;
    let forwarded_to = match row.forwarded_to {
        Some(id) => trajectory::Entity::find_by_id(id).one(db).await.map_err(internal)?.map(|t| (t.id, t.title)),
        None => None,
    };
    let brought_in_at = match row.activity_id {
        Some(id) => activity::Entity::find_by_id(id)
            .find_also_related(trajectory::Entity)
            .one(db)
            .await
            .map_err(internal)?
            .map(|(a, t)| (a.id, a.title, t.map(|t| t.title).unwrap_or_default())),
        None => None,
    };
    Ok(CaseView {
        id: row.id,
        number: row.number.clone(),
        municipality_slug: m.slug.clone(),
        municipality_name: m.name.clone(),
        kind: row.kind.clone(),
        title: row.title.clone(),
        description: row.description.clone(),
        area_name: area_name(m, row.area_id),
        support_asked: SupportKind::split(&row.support_asked).iter().map(|k| k.as_str().to_owned()).collect(),
        public: row.public,
        status: cases::status_of(row),
        received_on: row.received_on,
        acknowledge_by: clock.acknowledge_by,
        acknowledged_on: clock.acknowledged_on,
        answer_by: clock.answer_by,
        answered_on: clock.answered_on,
        overdue: !cases::status_of(row).is_finished() && clock.overdue(today),
        supports: u32::try_from(row.supports).unwrap_or(0),
        council_listed_on: row.council_listed_on,
        forwarded_to,
        brought_in_at,
        steps: steps
            .iter()
            .filter_map(|s| CaseStatus::parse(&s.status).map(|status| StepView { status, on: s.taken_on }))
            .collect(),
        messages: messages
            .into_iter()
            .map(|m| MessageView {
                from_desk: m.row.from_desk,
                author: if m.row.from_desk { String::new() } else { m.author_name.unwrap_or_default() },
                body: m.row.body,
                at: m.row.created_at,
                at_local: crate::server::clock::local_time(m.row.created_at),
            })
            .collect(),
        norm: norm_view(cases::norm_of(row)),
        submission_token,
    })
}

/// The link to a case for its initiator.
pub fn case_link(public_url: &str, case: i32) -> String {
    format!("{public_url}/account/zaken/{case}")
}
