//! Administration: municipalities and their areas and house style (`municipalities`), roles
//! (`roles`), and the development outbox; the data they share is read and written here.

mod municipalities;
mod roles;

pub use municipalities::{
    add_area, create_municipality, managed_municipalities, managed_municipality, update_house_style,
};
pub use roles::{grant_role, revoke_role};

use super::context::internal;
use super::entities::{municipality, outbox_message, role_grant, user};
use crate::domain::roles::Role;
use crate::domain::tenancy::{HouseStyle, MunicipalityId};
use crate::error::AppResult;
use crate::model::admin::{OutboxEntry, RoleHolder};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

pub async fn role_holders(db: &impl ConnectionTrait, municipality: MunicipalityId) -> AppResult<Vec<RoleHolder>> {
    let rows = role_grant::Entity::find()
        .filter(role_grant::Column::MunicipalityId.eq(municipality.0))
        .order_by_asc(role_grant::Column::Role)
        .all(db)
        .await
        .map_err(internal)?;
    let ids: Vec<i32> = rows.iter().map(|g| g.user_id).collect();
    let people = user::Entity::find().filter(user::Column::Id.is_in(ids)).all(db).await.map_err(internal)?;
    Ok(rows
        .into_iter()
        .filter_map(|grant| {
            let person = people.iter().find(|p| p.id == grant.user_id)?;
            Some(RoleHolder {
                grant_id: grant.id,
                role: Role::parse(&grant.role)?,
                display_name: person.display_name.clone(),
                email: person.email.clone(),
            })
        })
        .collect())
}

pub async fn find_grant(
    db: &impl ConnectionTrait,
    municipality: MunicipalityId,
    grant_id: i32,
) -> AppResult<Option<role_grant::Model>> {
    // Scoped to the municipality: a grant id from another municipality is simply not found.
    role_grant::Entity::find_by_id(grant_id)
        .filter(role_grant::Column::MunicipalityId.eq(municipality.0))
        .one(db)
        .await
        .map_err(internal)
}

pub async fn delete_grant(db: &impl ConnectionTrait, grant_id: i32) -> AppResult<()> {
    role_grant::Entity::delete_by_id(grant_id).exec(db).await.map_err(internal)?;
    Ok(())
}

pub async fn set_house_style(
    db: &impl ConnectionTrait,
    municipality: MunicipalityId,
    style: HouseStyle,
) -> AppResult<()> {
    let Some(found) = municipality::Entity::find_by_id(municipality.0).one(db).await.map_err(internal)? else {
        return Ok(());
    };
    let mut row: municipality::ActiveModel = found.into();
    row.primary_colour = Set(style.primary.to_string());
    row.accent_colour = Set(style.accent.to_string());
    row.update(db).await.map_err(internal)?;
    Ok(())
}

pub async fn recent_outbox(db: &impl ConnectionTrait, limit: u64) -> AppResult<Vec<OutboxEntry>> {
    let rows = outbox_message::Entity::find()
        .order_by_desc(outbox_message::Column::Id)
        .limit(limit)
        .all(db)
        .await
        .map_err(internal)?;
    Ok(rows
        .into_iter()
        .map(|m| OutboxEntry {
            recipient: m.recipient,
            subject: m.subject,
            body: m.body_text,
            created_at: m.created_at.to_rfc3339(),
            sent: m.sent_at.is_some(),
            attempts: m.attempts,
        })
        .collect())
}
