//! Database access for the participation desk: the municipality's norms, cases and their steps,
//! the conversation with the initiator (and the desk's internal notes, kept apart), supports and
//! the public register, the queue, the published figures and the reminders about deadlines.
//! Lookups go through the municipality, so another municipality's case is simply not found.

pub mod cases;
pub mod conversation;
pub mod figures;
pub mod ideas;
mod ideas_page;
mod initiator;
mod pages;
pub mod queue;
pub mod register;
mod register_pages;
pub mod reminders;
pub mod settings;
mod steps;
mod submit;
mod supporting;
pub mod views;
mod working;

pub use ideas_page::{create_ideas_activity, ideas_page};
pub use initiator::{initiative_form, my_case, my_cases, reply_to_desk};
pub use pages::{desk_case_page, queue_page};
pub use register_pages::{public_initiative, register_page};
pub use settings::{save_settings, settings_page};
pub use steps::{add_note, assign_case, message_initiator, move_case, DeskMessage};
pub use submit::{submit_initiative, Submitted};
pub use supporting::support_initiative;
pub use working::*;

use crate::error::AppError;

pub fn not_found() -> AppError {
    super::context::answer_with(AppError::NotFound)
}

/// The people who work the municipality's desk (desk officers and administrators), by display
/// name: whom a case can be given to. One query, as it runs on every view of the queue.
pub async fn officers(
    db: &impl sea_orm::ConnectionTrait,
    municipality: i32,
) -> crate::error::AppResult<Vec<(i32, String)>> {
    use super::entities::{role_grant, user};
    use sea_orm::sea_query::Query;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
    let desk_grants = Query::select()
        .column(role_grant::Column::UserId)
        .from(role_grant::Entity)
        .and_where(role_grant::Column::MunicipalityId.eq(municipality))
        .and_where(role_grant::Column::Role.is_in(["desk_officer", "administrator"]))
        .to_owned();
    user::Entity::find()
        .select_only()
        .columns([user::Column::Id, user::Column::DisplayName])
        .filter(user::Column::Id.in_subquery(desk_grants))
        .order_by_asc(user::Column::DisplayName)
        .into_tuple()
        .all(db)
        .await
        .map_err(super::context::internal)
}
