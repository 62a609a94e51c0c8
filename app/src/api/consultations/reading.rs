//! Reading a consultation: the plan in sections and one page of its discussion.

use super::*;

/// A consultation: the plan in sections, and one page of its discussion. `sort` is nieuwste,
/// oudste or meeste-steun; `section` narrows the discussion to comments on one section.
#[server(endpoint = "get_consultation")]
pub async fn get_consultation(
    municipality: String,
    id: i32,
    #[server(default)] sort: String,
    #[server(default)] page: String,
    #[server(default)] section: String,
) -> Result<ConsultationView, AppError> {
    use crate::server::consultations::{self, DiscussionAsked};
    let reading = consultations::reading(&municipality, id).await?;
    let asked = DiscussionAsked {
        sort: SortOrder::parse(&sort),
        page: crate::domain::paging::page_number(&page),
        section: section.parse().ok(),
    };
    consultations::consultation_view(&reading, &asked).await
}
