//! Publishing a version of the report (project leads): what blocks it, and the decision.

use super::*;
use crate::domain::reports::PublicationForm;
use crate::model::reports::*;

#[server(endpoint = "get_publication")]
pub async fn get_publication(municipality: String, trajectory: i32) -> Result<PublicationPage, AppError> {
    use crate::server::reports;
    reports::publication_page(&reports::leading(&municipality, trajectory).await?).await
}

/// Publishes the next version of the report: refused while participation runs, while inputs wait
/// for a moderator or for an answer; a later version needs the reason for the correction.
#[server(endpoint = "publish_report")]
pub async fn publish_report(
    municipality: String,
    trajectory: i32,
    #[server(flatten)] form: PublicationForm,
) -> Result<(), AppError> {
    use crate::server::{context, reports};
    let leading = reports::leading(&municipality, trajectory).await?;
    reports::publish_report(&leading, &form).await.map_err(context::answer_with)?;
    leptos_axum::redirect(&leading.path("verslag"));
    Ok(())
}
