//! Setting up municipalities: adding one with its house style, its areas, and the page staff
//! manage it from. Each use case checks its permission on the server.

use super::{role_holders, set_house_style};
use crate::domain::roles::{
    can_edit_house_style, can_grant_role, can_manage_municipalities, can_manage_trajectories, Role,
};
use crate::domain::tenancy::{colour_problem, HouseStyle, MunicipalityId, Slug, SlugError};
use crate::domain::validation::{Checks, Problem};
use crate::error::{AppError, AppResult};
use crate::model::admin::{ManagedMunicipality, MunicipalityForm};
use crate::model::tenancy::MunicipalitySummary;
use crate::server::context::{self, internal, SignedIn};
use crate::server::entities::municipality;
use crate::server::writes::begin_write;
use crate::server::{audit, tenancy};
use sea_orm::{EntityTrait, QueryOrder};

/// The municipalities this person works for as staff (all of them for a platform administrator).
pub async fn managed_municipalities(signed_in: &SignedIn) -> AppResult<Vec<MunicipalitySummary>> {
    let all = municipality::Entity::find()
        .order_by_asc(municipality::Column::Name)
        .all(&signed_in.state.db)
        .await
        .map_err(internal)?;
    Ok(all
        .into_iter()
        .filter(|m| signed_in.actor.is_staff_of(MunicipalityId(m.id)))
        .map(|m| MunicipalitySummary { slug: m.slug, name: m.name })
        .collect())
}

/// Adds a municipality (platform administrators); its slug, for the address of its pages.
#[tracing::instrument(skip_all)]
pub async fn create_municipality(signed_in: &SignedIn, form: &MunicipalityForm) -> AppResult<String> {
    if !can_manage_municipalities(&signed_in.actor) {
        return Err(AppError::Forbidden);
    }
    let mut checks = Checks::new();
    let slug = checks.field("slug", Slug::parse(&form.slug).map_err(slug_problem));
    let name = checks.field("name", municipality_name(&form.name));
    let style = house_style(&mut checks, &form.primary_colour, &form.accent_colour);
    let (Some(slug), Some(name), Some(style)) = (slug, name, style) else {
        return Err(AppError::validation_of(checks.into_errors(), form.typed()));
    };
    let txn = begin_write(&signed_in.state.db).await.map_err(internal)?;
    let Ok(id) = tenancy::create(&txn, &slug, &name, style, signed_in.state.clock.now()).await? else {
        return Err(AppError::refused("slug", Problem::SlugTaken).refilled(form.typed()));
    };
    let details = format!("{name} ({})", slug.as_str());
    audit::staff_did(&txn, id.0, signed_in.account.id, "create_municipality", details, signed_in.state.clock.now())
        .await?;
    txn.commit().await.map_err(internal)?;
    Ok(slug.as_str().to_owned())
}

/// Everything the management page of one municipality shows; every staff member of the
/// municipality works from it, each part shown as far as their role allows.
pub async fn managed_municipality(signed_in: &SignedIn, slug: &str) -> AppResult<ManagedMunicipality> {
    let (state, actor) = (&signed_in.state, &signed_in.actor);
    let detail = context::municipality_named(state, slug).await?;
    let id = MunicipalityId(detail.id);
    if !actor.is_staff_of(id) {
        return Err(AppError::Forbidden);
    }
    Ok(ManagedMunicipality {
        holders: role_holders(&state.db, id).await?,
        detail,
        may_add_areas: can_manage_municipalities(actor),
        may_run_trajectories: can_manage_trajectories(actor, id),
        may_edit_style: can_edit_house_style(actor, id),
        grantable: Role::ALL.into_iter().filter(|&r| can_grant_role(actor, id, r)).collect(),
    })
}

/// Adds an area to a municipality (platform administrators); the municipality's slug.
#[tracing::instrument(skip_all)]
pub async fn add_area(signed_in: &SignedIn, municipality: &str, slug: &str, name: &str) -> AppResult<String> {
    if !can_manage_municipalities(&signed_in.actor) {
        return Err(AppError::Forbidden);
    }
    let found = context::municipality_named(&signed_in.state, municipality).await?;
    let typed = || vec![("slug".to_owned(), slug.to_owned()), ("name".to_owned(), name.to_owned())];
    let mut checks = Checks::new();
    let parsed_slug = checks.field("slug", Slug::parse(slug).map_err(slug_problem));
    let parsed_name = checks.field("name", municipality_name(name));
    let (Some(parsed_slug), Some(parsed_name)) = (parsed_slug, parsed_name) else {
        return Err(AppError::validation_of(checks.into_errors(), typed()));
    };
    let txn = begin_write(&signed_in.state.db).await.map_err(internal)?;
    if tenancy::add_area(&txn, MunicipalityId(found.id), &parsed_slug, &parsed_name).await?.is_err() {
        return Err(AppError::refused("slug", Problem::SlugTaken).refilled(typed()));
    }
    let details = format!("area {parsed_name} added");
    audit::staff_did(&txn, found.id, signed_in.account.id, "add_area", details, signed_in.state.clock.now()).await?;
    txn.commit().await.map_err(internal)?;
    Ok(found.slug)
}

/// Sets the municipality's colours (its administrators); the municipality's slug.
#[tracing::instrument(skip_all)]
pub async fn update_house_style(
    signed_in: &SignedIn,
    municipality: &str,
    primary: &str,
    accent: &str,
) -> AppResult<String> {
    let found = context::municipality_named(&signed_in.state, municipality).await?;
    let id = MunicipalityId(found.id);
    if !can_edit_house_style(&signed_in.actor, id) {
        return Err(AppError::Forbidden);
    }
    let mut checks = Checks::new();
    let Some(style) = house_style(&mut checks, primary, accent) else {
        let typed =
            vec![("primary_colour".to_owned(), primary.to_owned()), ("accent_colour".to_owned(), accent.to_owned())];
        return Err(AppError::validation_of(checks.into_errors(), typed));
    };
    let txn = begin_write(&signed_in.state.db).await.map_err(internal)?;
    set_house_style(&txn, id, style).await?;
    let details = format!("house style {} / {}", style.primary, style.accent);
    audit::staff_did(&txn, id.0, signed_in.account.id, "update_house_style", details, signed_in.state.clock.now())
        .await?;
    txn.commit().await.map_err(internal)?;
    Ok(found.slug)
}

fn slug_problem(error: SlugError) -> Problem {
    match error {
        SlugError::Malformed => Problem::SlugInvalid,
        SlugError::Reserved => Problem::SlugReserved,
    }
}

fn municipality_name(input: &str) -> Result<String, Problem> {
    let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
    match name.chars().count() {
        0 => Err(Problem::Required),
        n if n > 120 => Err(Problem::TooLong { max: 120 }),
        _ => Ok(name),
    }
}

/// Both colours checked, each problem tied to its own field.
fn house_style(checks: &mut Checks, primary: &str, accent: &str) -> Option<HouseStyle> {
    let primary_ok = checks.field("primary_colour", colour_problem(primary));
    let accent_ok = checks.field("accent_colour", colour_problem(accent));
    primary_ok.zip(accent_ok).and_then(|_| HouseStyle::parse(primary, accent).ok())
}
