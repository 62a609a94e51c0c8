//! Administration: municipalities, areas, house style, roles, and the development outbox.
//! Each use case checks its permission predicate on the server; the access table only sets the
//! minimum (staff, platform administrator).

use crate::error::AppError;
use crate::model::admin::*;
use crate::model::tenancy::MunicipalitySummary;
use leptos::prelude::*;

/// The municipalities this person works for as staff (all of them for a platform administrator).
#[server(endpoint = "list_managed_municipalities")]
pub async fn list_managed_municipalities() -> Result<Vec<MunicipalitySummary>, AppError> {
    use crate::server::{admin, context};
    admin::managed_municipalities(&context::signed_in().await?).await
}

#[server(endpoint = "create_municipality")]
pub async fn create_municipality(#[server(flatten)] form: MunicipalityForm) -> Result<(), AppError> {
    use crate::server::{admin, context};
    let slug = admin::create_municipality(&context::signed_in().await?, &form).await.map_err(context::answer_with)?;
    leptos_axum::redirect(&format!("/beheer/{slug}"));
    Ok(())
}

/// Everything the management page of one municipality shows, if this person manages it.
#[server(endpoint = "get_managed_municipality")]
pub async fn get_managed_municipality(slug: String) -> Result<ManagedMunicipality, AppError> {
    use crate::server::{admin, context};
    admin::managed_municipality(&context::signed_in().await?, &slug).await.map_err(context::answer_with)
}

#[server(endpoint = "add_area")]
pub async fn add_area(municipality: String, slug: String, name: String) -> Result<(), AppError> {
    use crate::server::{admin, context};
    let signed_in = context::signed_in().await?;
    let slug = admin::add_area(&signed_in, &municipality, &slug, &name).await.map_err(context::answer_with)?;
    leptos_axum::redirect(&format!("/beheer/{slug}?gewijzigd=gebied"));
    Ok(())
}

#[server(endpoint = "update_house_style")]
pub async fn update_house_style(
    municipality: String,
    primary_colour: String,
    accent_colour: String,
) -> Result<(), AppError> {
    use crate::server::{admin, context};
    let signed_in = context::signed_in().await?;
    let slug = admin::update_house_style(&signed_in, &municipality, &primary_colour, &accent_colour)
        .await
        .map_err(context::answer_with)?;
    leptos_axum::redirect(&format!("/beheer/{slug}?gewijzigd=huisstijl"));
    Ok(())
}

/// Grants a role to the account with this e-mail address. The address must have an account:
/// staff are told so, since role management is not open to strangers.
#[server(endpoint = "grant_role")]
pub async fn grant_role(municipality: String, email: String, role: String) -> Result<(), AppError> {
    use crate::server::{admin, context};
    let signed_in = context::signed_in().await?;
    let slug = admin::grant_role(&signed_in, &municipality, &email, &role).await.map_err(context::answer_with)?;
    leptos_axum::redirect(&format!("/beheer/{slug}?gewijzigd=rol"));
    Ok(())
}

#[server(endpoint = "revoke_role")]
pub async fn revoke_role(municipality: String, grant_id: i32) -> Result<(), AppError> {
    use crate::server::{admin, context};
    let signed_in = context::signed_in().await?;
    let slug = admin::revoke_role(&signed_in, &municipality, grant_id).await.map_err(context::answer_with)?;
    leptos_axum::redirect(&format!("/beheer/{slug}?gewijzigd=rol"));
    Ok(())
}

/// The latest mail in the outbox, for development without SMTP. Platform administrators only:
/// it shows other people's mail, reset links included.
#[server(endpoint = "list_outbox")]
pub async fn list_outbox() -> Result<Vec<OutboxEntry>, AppError> {
    use crate::domain::roles::can_read_outbox;
    use crate::server::{admin, context};
    let context::SignedIn { state, actor, .. } = context::signed_in().await?;
    if !can_read_outbox(&actor) || state.settings.production {
        return Err(context::answer_with(AppError::Forbidden));
    }
    admin::recent_outbox(&state.db, 100).await
}
