//! Reading a published version of the report (everyone): its lines, answers and figures.

use super::*;
use crate::model::reports::*;

/// A published report: the newest version, or the one asked for; a page of its lines (or all of
/// them with `page = "alle"`), filtered by activity and disposition; and the answer to one input
/// first when a mail's link names it.
#[server(endpoint = "get_report")]
pub async fn get_report(
    municipality: String,
    trajectory: i32,
    #[server(default)] version: String,
    #[server(default)] activity: String,
    #[server(default)] disposition: String,
    #[server(default)] page: String,
    #[server(default)] input: String,
) -> Result<ReportPage, AppError> {
    use crate::domain::reports::{Disposition, InputRef};
    use crate::server::{context, reports};
    let reader = context::reader(&municipality).await?;
    let asked = reports::ReportAsked {
        trajectory,
        version: version.trim().parse().ok(),
        activity: activity.trim().parse().ok(),
        disposition: Disposition::parse(disposition.trim()),
        // "alle": every line on one page, for printing.
        page: (page.trim() != "alle").then(|| crate::domain::paging::page_number(&page)),
        input: InputRef::parse(&input),
    };
    reports::report_page(&reader, &asked).await.map_err(context::answer_with)
}
