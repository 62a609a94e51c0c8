//! Reading municipalities and their areas.

use crate::error::AppError;
use crate::model::tenancy::*;
use leptos::prelude::*;

#[server(endpoint = "list_municipalities")]
pub async fn list_municipalities() -> Result<Vec<MunicipalitySummary>, AppError> {
    use crate::server::{context, tenancy};
    let state = context::app_state()?;
    tenancy::list(&state.db).await
}

/// The municipality with this slug, with its areas; NotFound (and a 404 page) otherwise.
#[server(endpoint = "get_municipality")]
pub async fn get_municipality(slug: String) -> Result<MunicipalityDetail, AppError> {
    use crate::server::context;
    context::municipality_named(&context::app_state()?, &slug).await
}

/// The municipality whose header the page at `path` wears, or None for the platform's own (see
/// `navigation::header_owner`). A page of a municipality remembers it in a cookie that holds
/// nothing but its slug (functional, no consent needed), so that signing in, registering and the
/// account, which belong to no municipality, keep the header of the one the resident came from.
#[server(endpoint = "header_municipality")]
pub async fn header_municipality(path: String) -> Result<Option<MunicipalityDetail>, AppError> {
    use crate::domain::navigation::{header_owner, HeaderOwner};
    use crate::domain::tenancy::Slug;
    use crate::server::context;
    const COOKIE: &str = "gemeente";
    let state = context::app_state()?;
    let remembered = context::request_cookie(COOKIE);
    let slug = match header_owner(&path) {
        HeaderOwner::Municipality(slug) => slug.as_str().to_owned(),
        HeaderOwner::LastVisited => match remembered.as_deref().map(Slug::parse) {
            Some(Ok(slug)) => slug.as_str().to_owned(),
            _ => return Ok(None),
        },
        HeaderOwner::Platform => return Ok(None),
    };
    let found = context::municipality_by_slug(&state, &slug).await?;
    if found.is_some() && remembered.as_deref() != Some(slug.as_str()) {
        let secure = if state.settings.secure_cookies() { "; Secure" } else { "" };
        context::set_response_cookie(&format!(
            "{COOKIE}={slug}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly{secure}"
        ));
    }
    Ok(found)
}

/// Every area, grouped by municipality, for the "where do you live" choice.
#[server(endpoint = "list_areas")]
pub async fn list_areas() -> Result<Vec<AreasOfMunicipality>, AppError> {
    use crate::server::{context, tenancy};
    let state = context::app_state()?;
    tenancy::list_areas(&state.db).await
}
