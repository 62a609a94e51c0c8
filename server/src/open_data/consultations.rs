//! Open data about consultations: `GET /api/v1/{municipality}/consultations/{id}/comments`,
//! which pages through the discussion. Only what the page shows everyone: display names, never
//! e-mail addresses or anything staff keep about a person; hidden comments stay in the list as
//! placeholders.

use super::{answer, municipality, not_found, site_url};
use app::domain::consultations::{InputStatus, SortOrder, PAGE_SIZE};
use app::domain::paging::page_number;
use app::domain::tenancy::MunicipalityId;
use app::model::consultations::{Author, CommentView};
use app::server::consultations::comment_view;
use app::server::consultations::{self, DiscussionQuery};
use app::server::state::AppState;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

#[derive(Serialize)]
struct Comments {
    consultation: i32,
    title: String,
    url: String,
    sort: &'static str,
    page: u64,
    pages: u64,
    total: u64,
    comments: Vec<Comment>,
}

#[derive(Serialize)]
struct Comment {
    id: i32,
    created_at: DateTime<Utc>,
    section: Option<String>,
    status: &'static str,
    replies: Vec<Comment>,
    /// What a visible comment shows, or why a hidden one is hidden; nothing of one taken back.
    #[serde(flatten)]
    shown: Option<Shown>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Shown {
    Visible {
        author: String,
        area: Option<String>,
        channel: &'static str,
        received_on: Option<NaiveDate>,
        meeting: Option<String>,
        official: bool,
        edited: bool,
        supports: u64,
        text: Option<String>,
    },
    Hidden {
        hidden_reason: Option<String>,
    },
}

impl Comment {
    fn of(c: CommentView) -> Self {
        let shown = match c.status {
            InputStatus::Visible => Some(Shown::Visible {
                author: match c.author {
                    Author::Person(name) | Author::Named(name) => name,
                    Author::Anonymous => "anoniem".to_owned(),
                    Author::Removed => "inwoner".to_owned(),
                },
                area: c.area,
                channel: c.channel.as_str(),
                received_on: c.received_on,
                meeting: c.meeting,
                official: c.official,
                edited: c.edited,
                supports: c.supports,
                text: c.body,
            }),
            InputStatus::Hidden => Some(Shown::Hidden { hidden_reason: c.hidden_reason }),
            InputStatus::Withdrawn | InputStatus::Pending => None,
        };
        Self {
            id: c.id,
            created_at: c.created_at,
            section: c.section,
            status: c.status.as_str(),
            replies: c.replies.into_iter().map(Comment::of).collect(),
            shown,
        }
    }
}

#[derive(serde::Deserialize, Default)]
pub struct CommentsQuery {
    /// Read like a page in an address: anything that is not a page number is the first page.
    page: Option<String>,
    sort: Option<String>,
    section: Option<i32>,
}

/// `GET /api/v1/{municipality}/consultations/{id}/comments?page=&sort=&section=`: 20 top-level
/// comments a page, each with its replies.
pub async fn comments(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, i32)>,
    Query(query): Query<CommentsQuery>,
) -> Response {
    let m = match municipality(&state, &slug).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let found = match consultations::find(&state.db, MunicipalityId(m.id), id).await {
        Ok(Some(found)) if found.trajectory.status.is_public() => found,
        Ok(_) => return not_found(),
        Err(error) => return answer(error),
    };
    let page = page_number(query.page.as_deref().unwrap_or_default());
    let sort = SortOrder::parse(query.sort.as_deref().unwrap_or_default());
    let section = query.section.filter(|s| found.sections.iter().any(|f| f.id == *s));
    let discussion = DiscussionQuery {
        activity_id: found.activity.id,
        section,
        sort,
        page,
        page_size: PAGE_SIZE,
        reader: None,
        moderator: false,
    };
    let (listed, total, _) = match consultations::discussion(&state.db, &discussion).await {
        Ok(found) => found,
        Err(error) => return answer(error),
    };
    let titles: Vec<(i32, String)> = found.sections.iter().map(|s| (s.id, s.title.clone())).collect();
    let id = found.activity.id;
    Json(Comments {
        consultation: id,
        title: found.activity.title,
        url: site_url(&state, &format!("/{}/raadplegingen/{id}", m.slug)),
        sort: sort.as_str(),
        page,
        pages: app::domain::consultations::page_count(total, PAGE_SIZE),
        total,
        comments: listed.into_iter().map(|c| Comment::of(comment_view(c, None, &titles))).collect(),
    })
    .into_response()
}
