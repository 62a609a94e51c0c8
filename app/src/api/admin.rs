//! Administration: municipalities, areas, house style, roles, and the development outbox.
//! Each function checks its permission predicate on the server; the access table only sets the
//! minimum (staff, platform administrator).

#[cfg(feature = "ssr")]
use crate::domain::roles::Role;
use crate::error::AppError;
pub use crate::model::admin::*;
use leptos::prelude::*;

/// The municipalities this person works for as staff (all of them for a platform administrator).
#[server(endpoint = "list_managed_municipalities")]
pub async fn list_managed_municipalities() -> Result<Vec<crate::api::tenancy::MunicipalitySummary>, AppError> {
    use crate::server::{context, entities::municipality};
    use sea_orm::{EntityTrait, QueryOrder};

    let context::SignedIn { state, actor, .. } = context::signed_in().await?;
    let all = municipality::Entity::find()
        .order_by_asc(municipality::Column::Name)
        .all(&state.db)
        .await
        .map_err(context::internal)?;
    Ok(all
        .into_iter()
        .filter(|m| actor.is_staff_of(crate::domain::tenancy::MunicipalityId(m.id)))
        .map(|m| crate::api::tenancy::MunicipalitySummary { slug: m.slug, name: m.name })
        .collect())
}

#[server(endpoint = "create_municipality")]
pub async fn create_municipality(
    slug: String,
    name: String,
    primary_colour: String,
    accent_colour: String,
) -> Result<(), AppError> {
    use crate::domain::roles::can_manage_municipalities;
    use crate::domain::tenancy::Slug;
    use crate::domain::validation::{Checks, Problem};
    use crate::server::audit::{self, AuditEntry};
    use crate::server::{context, tenancy};

    let context::SignedIn { state, account, actor, .. } = context::signed_in().await?;
    if !can_manage_municipalities(&actor) {
        return Err(context::answer_with(AppError::Forbidden));
    }
    let typed = [
        ("slug", slug.as_str()),
        ("name", &name),
        ("primary_colour", &primary_colour),
        ("accent_colour", &accent_colour),
    ];
    let mut checks = Checks::new();
    let parsed_slug = checks.field("slug", Slug::parse(&slug).map_err(slug_problem));
    let parsed_name = checks.field("name", municipality_name(&name));
    let style = house_style(&mut checks, &primary_colour, &accent_colour);
    let (Some(parsed_slug), Some(parsed_name), Some(style)) = (parsed_slug, parsed_name, style) else {
        return Err(context::answer_with(AppError::validation(checks.into_errors(), &typed)));
    };
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    let Ok(id) = tenancy::create(&txn, &parsed_slug, &parsed_name, style).await? else {
        return Err(context::answer_with(AppError::validation(
            vec![crate::domain::validation::FieldError::new("slug", Problem::SlugTaken)],
            &typed,
        )));
    };
    audit::record(
        &txn,
        AuditEntry {
            municipality: Some(id.0),
            actor: Some(account.id),
            action: "create_municipality",
            details: format!("{parsed_name} ({})", parsed_slug.as_str()),
        },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
    leptos_axum::redirect(&format!("/beheer/{}", parsed_slug.as_str()));
    Ok(())
}

/// Everything the management page of one municipality shows, if this person manages it.
#[server(endpoint = "get_managed_municipality")]
pub async fn get_managed_municipality(slug: String) -> Result<ManagedMunicipality, AppError> {
    use crate::domain::roles::{can_edit_house_style, can_grant_role, can_manage_municipalities};
    use crate::domain::tenancy::MunicipalityId;
    use crate::server::{admin, context};

    let context::SignedIn { state, actor, .. } = context::signed_in().await?;
    let detail = context::municipality_named(&state, &slug).await?;
    let id = MunicipalityId(detail.id);
    let grantable: Vec<Role> = Role::ALL.into_iter().filter(|&r| can_grant_role(&actor, id, r)).collect();
    let may_edit_style = can_edit_house_style(&actor, id);
    // Every staff member of the municipality works from this page; each part shows as far as
    // their role allows.
    if !actor.is_staff_of(id) {
        return Err(context::answer_with(AppError::Forbidden));
    }
    let holders = admin::role_holders(&state.db, id).await?;
    Ok(ManagedMunicipality {
        detail,
        holders,
        may_add_areas: can_manage_municipalities(&actor),
        may_run_trajectories: crate::domain::roles::can_manage_trajectories(&actor, id),
        may_edit_style,
        grantable,
    })
}

#[server(endpoint = "add_area")]
pub async fn add_area(municipality: String, slug: String, name: String) -> Result<(), AppError> {
    use crate::domain::roles::can_manage_municipalities;
    use crate::domain::tenancy::{MunicipalityId, Slug};
    use crate::domain::validation::{Checks, FieldError, Problem};
    use crate::server::audit::{self, AuditEntry};
    use crate::server::{context, tenancy};

    let context::SignedIn { state, account, actor, .. } = context::signed_in().await?;
    if !can_manage_municipalities(&actor) {
        return Err(context::answer_with(AppError::Forbidden));
    }
    let found = context::municipality_named(&state, &municipality).await?;
    let typed = [("slug", slug.as_str()), ("name", name.as_str())];
    let mut checks = Checks::new();
    let parsed_slug = checks.field("slug", Slug::parse(&slug).map_err(slug_problem));
    let parsed_name = checks.field("name", municipality_name(&name));
    let (Some(parsed_slug), Some(parsed_name)) = (parsed_slug, parsed_name) else {
        return Err(context::answer_with(AppError::validation(checks.into_errors(), &typed)));
    };
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    if tenancy::add_area(&txn, MunicipalityId(found.id), &parsed_slug, &parsed_name).await?.is_err() {
        return Err(context::answer_with(AppError::validation(
            vec![FieldError::new("slug", Problem::SlugTaken)],
            &typed,
        )));
    }
    let details = format!("area {parsed_name} added");
    audit::record(
        &txn,
        AuditEntry { municipality: Some(found.id), actor: Some(account.id), action: "add_area", details },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
    leptos_axum::redirect(&format!("/beheer/{}?gewijzigd=gebied", found.slug));
    Ok(())
}

#[server(endpoint = "update_house_style")]
pub async fn update_house_style(
    municipality: String,
    primary_colour: String,
    accent_colour: String,
) -> Result<(), AppError> {
    use crate::domain::roles::can_edit_house_style;
    use crate::domain::tenancy::MunicipalityId;
    use crate::domain::validation::Checks;
    use crate::server::audit::{self, AuditEntry};
    use crate::server::{admin, context};

    let context::SignedIn { state, account, actor, .. } = context::signed_in().await?;
    let found = context::municipality_named(&state, &municipality).await?;
    let id = MunicipalityId(found.id);
    if !can_edit_house_style(&actor, id) {
        return Err(context::answer_with(AppError::Forbidden));
    }
    let mut checks = Checks::new();
    let Some(style) = house_style(&mut checks, &primary_colour, &accent_colour) else {
        let typed = [("primary_colour", primary_colour.as_str()), ("accent_colour", accent_colour.as_str())];
        return Err(context::answer_with(AppError::validation(checks.into_errors(), &typed)));
    };
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    admin::set_house_style(&txn, id, style).await?;
    let details = format!("house style {} / {}", style.primary, style.accent);
    audit::record(
        &txn,
        AuditEntry { municipality: Some(id.0), actor: Some(account.id), action: "update_house_style", details },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
    leptos_axum::redirect(&format!("/beheer/{}?gewijzigd=huisstijl", found.slug));
    Ok(())
}

/// Grants a role to the account with this e-mail address. The address must have an account:
/// staff are told so, since role management is not open to strangers.
#[server(endpoint = "grant_role")]
pub async fn grant_role(municipality: String, email: String, role: String) -> Result<(), AppError> {
    use crate::domain::accounts::Email;
    use crate::domain::roles::can_grant_role;
    use crate::domain::tenancy::MunicipalityId;
    use crate::domain::validation::{FieldError, Problem};
    use crate::server::audit::{self, AuditEntry};
    use crate::server::{accounts, context};

    let context::SignedIn { state, account, actor, .. } = context::signed_in().await?;
    let found = context::municipality_named(&state, &municipality).await?;
    let id = MunicipalityId(found.id);
    let Some(role) = Role::parse(&role) else {
        return Err(context::answer_with(AppError::Request));
    };
    if !can_grant_role(&actor, id, role) {
        return Err(context::answer_with(AppError::Forbidden));
    }
    let typed = [("email", email.as_str())];
    let invalid = |problem| context::answer_with(AppError::validation(vec![FieldError::new("email", problem)], &typed));
    let parsed = Email::parse(&email).map_err(invalid)?;
    let Some(grantee) = accounts::find_by_email(&state.db, &parsed).await? else {
        return Err(invalid(Problem::UnknownAccount));
    };
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    accounts::grant_role(&txn, grantee.id, id, role, Some(account.id)).await?;
    let details = format!("{} granted to user {}", role.as_str(), grantee.id);
    audit::record(
        &txn,
        AuditEntry { municipality: Some(id.0), actor: Some(account.id), action: "grant_role", details },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
    leptos_axum::redirect(&format!("/beheer/{}?gewijzigd=rol", found.slug));
    Ok(())
}

#[server(endpoint = "revoke_role")]
pub async fn revoke_role(municipality: String, grant_id: i32) -> Result<(), AppError> {
    use crate::domain::roles::can_grant_role;
    use crate::domain::tenancy::MunicipalityId;
    use crate::server::audit::{self, AuditEntry};
    use crate::server::{admin, context};

    let context::SignedIn { state, account, actor, .. } = context::signed_in().await?;
    let found = context::municipality_named(&state, &municipality).await?;
    let id = MunicipalityId(found.id);
    let grant =
        admin::find_grant(&state.db, id, grant_id).await?.ok_or_else(|| context::answer_with(AppError::NotFound))?;
    let role = Role::parse(&grant.role).ok_or_else(|| context::answer_with(AppError::NotFound))?;
    if !can_grant_role(&actor, id, role) {
        return Err(context::answer_with(AppError::Forbidden));
    }
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    admin::delete_grant(&txn, grant.id).await?;
    let details = format!("{} taken from user {}", role.as_str(), grant.user_id);
    audit::record(
        &txn,
        AuditEntry { municipality: Some(id.0), actor: Some(account.id), action: "revoke_role", details },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
    leptos_axum::redirect(&format!("/beheer/{}?gewijzigd=rol", found.slug));
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

#[cfg(feature = "ssr")]
fn slug_problem(error: crate::domain::tenancy::SlugError) -> crate::domain::validation::Problem {
    use crate::domain::tenancy::SlugError;
    use crate::domain::validation::Problem;
    match error {
        SlugError::Malformed => Problem::SlugInvalid,
        SlugError::Reserved => Problem::SlugReserved,
    }
}

#[cfg(feature = "ssr")]
fn municipality_name(input: &str) -> Result<String, crate::domain::validation::Problem> {
    use crate::domain::validation::Problem;
    let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
    match name.chars().count() {
        0 => Err(Problem::Required),
        n if n > 120 => Err(Problem::TooLong { max: 120 }),
        _ => Ok(name),
    }
}

/// Both colours checked, each problem tied to its own field.
#[cfg(feature = "ssr")]
fn house_style(
    checks: &mut crate::domain::validation::Checks,
    primary: &str,
    accent: &str,
) -> Option<crate::domain::tenancy::HouseStyle> {
    use crate::domain::tenancy::{colour_problem, HouseStyle};
    let primary_ok = checks.field("primary_colour", colour_problem(primary));
    let accent_ok = checks.field("accent_colour", colour_problem(accent));
    primary_ok.zip(accent_ok).and_then(|_| HouseStyle::parse(primary, accent).ok())
}
