//! The council's view (everyone): every trajectory, the reports, the desk and the reach.

use super::*;
use crate::model::reports::*;

/// The council's page: every public trajectory with its level, stage, input, report and outcome;
/// the desk's service norm figures; the reach of participation per year by area and age band.
#[server(endpoint = "get_council")]
pub async fn get_council(municipality: String) -> Result<CouncilPage, AppError> {
    use crate::server::{context, reports::council};
    council::council_page(&context::reader(&municipality).await?).await
}
