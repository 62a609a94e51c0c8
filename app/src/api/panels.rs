//! Panels: the municipality's administrators create them (a youth panel with an age band and a
//! term), hand out single-use invitation codes (printed, or by e-mail), add or remove members;
//! residents join with a code and can leave at any time. Members are shown to staff by display
//! name only: a panel keeps no e-mail or real name in view.

use crate::error::AppError;
use crate::model::panels::*;
use leptos::prelude::*;

#[server(endpoint = "list_panels")]
pub async fn list_panels(municipality: String) -> Result<PanelsPage, AppError> {
    use crate::server::panels;
    panels::panels_page(&panels::managing(&municipality).await?).await
}

#[server(endpoint = "get_panel")]
pub async fn get_panel(municipality: String, id: i32) -> Result<PanelDetail, AppError> {
    use crate::server::{context, panels};
    panels::panel_detail(&panels::managing(&municipality).await?, id).await.map_err(context::answer_with)
}

/// Creates a panel (`id` empty) or changes one.
#[server(endpoint = "save_panel")]
pub async fn save_panel(municipality: String, #[server(flatten)] form: PanelForm) -> Result<i32, AppError> {
    use crate::server::{context, panels};
    let managing = panels::managing(&municipality).await?;
    let saved = panels::save_panel(&managing, &form).await.map_err(context::answer_with)?;
    leptos_axum::redirect(&managing.panel_path(saved));
    Ok(saved)
}

/// Makes single-use codes to print and hand out; they are shown this once and stored only as a
/// hash. Sending the form twice makes one set (the repeat answers with none: the first set is
/// the one on the page).
#[server(endpoint = "make_panel_codes")]
pub async fn make_panel_codes(
    municipality: String,
    panel: i32,
    count: String,
    #[server(default)] submission_token: String,
) -> Result<Vec<String>, AppError> {
    use crate::server::{context, panels};
    let managing = panels::managing(&municipality).await?;
    let codes =
        panels::make_panel_codes(&managing, panel, &count, &submission_token).await.map_err(context::answer_with)?;
    leptos_axum::redirect(&format!("{}?codes=1#codes", managing.panel_path(panel)));
    Ok(codes)
}

/// Sends a personal invitation with a code to an e-mail address (account or not yet).
/// Sending the form twice sends one invitation.
#[server(endpoint = "invite_to_panel")]
pub async fn invite_to_panel(
    municipality: String,
    panel: i32,
    email: String,
    #[server(default)] submission_token: String,
) -> Result<(), AppError> {
    use crate::server::{context, panels};
    let managing = panels::managing(&municipality).await?;
    panels::invite_to_panel(&managing, panel, &email, &submission_token).await.map_err(context::answer_with)?;
    leptos_axum::redirect(&format!("{}?uitgenodigd=1", managing.panel_path(panel)));
    Ok(())
}

/// Adds someone who already has an account, by their e-mail address.
#[server(endpoint = "add_panel_member")]
pub async fn add_panel_member(municipality: String, panel: i32, email: String) -> Result<(), AppError> {
    use crate::server::{context, panels};
    let managing = panels::managing(&municipality).await?;
    panels::add_panel_member(&managing, panel, &email).await.map_err(context::answer_with)?;
    leptos_axum::redirect(&managing.panel_path(panel));
    Ok(())
}

/// Ends a member's running membership; yesterday was its last day.
#[server(endpoint = "end_panel_membership")]
pub async fn end_panel_membership(municipality: String, panel: i32, member: i32) -> Result<(), AppError> {
    use crate::server::{context, panels};
    let managing = panels::managing(&municipality).await?;
    panels::end_panel_membership(&managing, panel, member).await.map_err(context::answer_with)?;
    leptos_axum::redirect(&managing.panel_path(panel));
    Ok(())
}

/// Joins a panel of the municipality with an invitation code.
#[server(endpoint = "join_panel")]
pub async fn join_panel(municipality: String, code: String) -> Result<String, AppError> {
    use crate::domain::tenancy::MunicipalityId;
    use crate::server::{context, panels};
    let signed_in = context::signed_in().await?;
    let found = context::municipality_named(&signed_in.state, &municipality).await?;
    let panel = panels::join_panel(&signed_in, MunicipalityId(found.id), &code).await.map_err(context::answer_with)?;
    leptos_axum::redirect(&format!("/{}/panel-aanmelden?lid={}", found.slug, panel.id));
    Ok(panel.name)
}

/// The welcome after joining: the panel's name and its members' open polls. Only for a member
/// (so it says nothing about panels one is not in).
#[server(endpoint = "panel_welcome")]
pub async fn panel_welcome(municipality: String, panel: i32) -> Result<Welcome, AppError> {
    use crate::domain::tenancy::MunicipalityId;
    use crate::server::{context, panels};
    let signed_in = context::signed_in().await?;
    let found = context::municipality_named(&signed_in.state, &municipality).await?;
    panels::panel_welcome(&signed_in, MunicipalityId(found.id), panel).await
}

/// The panels the reader is a member of now.
#[server(endpoint = "list_my_panels")]
pub async fn list_my_panels() -> Result<Vec<MyPanel>, AppError> {
    use crate::server::{context, panels};
    panels::my_panels(&context::signed_in().await?).await
}

/// Leaves a panel; from today on the reader no longer votes as its member.
#[server(endpoint = "leave_panel")]
pub async fn leave_panel(panel: i32) -> Result<(), AppError> {
    use crate::server::{context, panels};
    panels::leave_panel(&context::signed_in().await?, panel).await.map_err(context::answer_with)?;
    leptos_axum::redirect("/account?panel-verlaten=1#panels");
    Ok(())
}
