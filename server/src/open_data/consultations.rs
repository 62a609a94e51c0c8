//! Open data about consultations: the activities of a trajectory (inside the trajectory's JSON)
//! and `GET /api/v1/{municipality}/consultations/{id}/comments`, which pages through the
//! discussion. Only what the page shows everyone: display names, never e-mail addresses or
//! anything staff keep about a person; hidden comments stay in the list as placeholders.

use super::{answer, municipality, not_found};
use app::domain::consultations::{window, InputStatus, SortOrder, Window, PAGE_SIZE};
use app::domain::paging::page_number;
use app::domain::tenancy::MunicipalityId;
use app::domain::trajectories::Status;
use app::model::consultations::{Author, CommentView};
use app::server::consultations::comment_view;
use app::server::consultations::{self, DiscussionQuery};
use app::server::state::AppState;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

pub fn consultation_url(state: &AppState, slug: &str, id: i32) -> String {
    format!("{}/{slug}/raadplegingen/{id}", state.settings.public_url)
}

fn window_json(window: Window) -> Value {
    match window {
        Window::NotYetOpen { opens_on } => json!({"state": "upcoming", "opens_on": opens_on}),
        Window::Open { closes_on } => json!({"state": "open", "closes_on": closes_on}),
        Window::Closed { closed_on } => json!({"state": "closed", "closed_on": closed_on}),
    }
}

/// The activities of a public trajectory, for its JSON.
pub async fn activities_json(
    state: &AppState,
    slug: &str,
    trajectory_id: i32,
    status: Status,
) -> Result<Value, Response> {
    let listed = consultations::for_trajectory(&state.db, trajectory_id).await.map_err(answer)?;
    let ids: Vec<i32> = listed.iter().map(|l| l.activity.id).collect();
    let polls = app::server::polls::of_trajectory(&state.db, &ids).await.map_err(answer)?;
    let ideas = app::server::desk::ideas::counts(&state.db, &ids).await.map_err(answer)?;
    let today = state.clock.today();
    let now = state.clock.now();
    Ok(Value::Array(
        listed
            .into_iter()
            .map(|l| match polls.get(&l.activity.id) {
                Some((poll, ballots)) => {
                    let poll_window = app::server::polls::window_of(status, poll, now);
                    json!({
                        "id": l.activity.id,
                        "kind": l.activity.kind,
                        "title": l.activity.title,
                        "phase": l.phase.name,
                        "opens_at": poll.opens_at,
                        "closes_at": poll.closes_at,
                        "window": window_json(app::server::polls::window_in_days(poll_window, poll)),
                        "url": super::polls::poll_url(state, slug, l.activity.id),
                        "results_url": format!("{}/api/v1/{slug}/polls/{}/results", state.settings.public_url, l.activity.id),
                        "ballots_online": ballots,
                    })
                }
                None if l.activity.kind == app::server::desk::ideas::KIND => json!({
                    "id": l.activity.id,
                    "kind": l.activity.kind,
                    "title": l.activity.title,
                    "phase": l.phase.name,
                    "starts_on": l.phase.starts_on,
                    "ends_on": l.phase.ends_on,
                    "window": window_json(window(status, l.phase.starts_on, l.phase.ends_on, today)),
                    "url": format!("{}/{slug}/ideeen/{}", state.settings.public_url, l.activity.id),
                    "ideas": ideas.get(&l.activity.id).copied().unwrap_or(0),
                }),
                None => json!({
                    "id": l.activity.id,
                    "kind": l.activity.kind,
                    "title": l.activity.title,
                    "phase": l.phase.name,
                    "starts_on": l.phase.starts_on,
                    "ends_on": l.phase.ends_on,
                    "window": window_json(window(status, l.phase.starts_on, l.phase.ends_on, today)),
                    "url": consultation_url(state, slug, l.activity.id),
                    "comments_url": format!("{}/api/v1/{slug}/consultations/{}/comments", state.settings.public_url, l.activity.id),
                    "visible_comments": l.visible_comments,
                }),
            })
            .collect(),
    ))
}

fn comment_json(c: &CommentView) -> Value {
    let author = match &c.author {
        Author::Person(name) | Author::Named(name) => json!(name),
        Author::Anonymous => json!("anoniem"),
        Author::Removed => json!("inwoner"),
    };
    let base = json!({
        "id": c.id,
        "created_at": c.created_at,
        "section": c.section,
        "status": c.status.as_str(),
        "replies": c.replies.iter().map(comment_json).collect::<Vec<_>>(),
    });
    let mut object = base.as_object().cloned().unwrap_or_default();
    match c.status {
        InputStatus::Visible => {
            object.insert("author".into(), author);
            object.insert("area".into(), json!(c.area));
            object.insert("channel".into(), json!(c.channel.as_str()));
            object.insert("received_on".into(), json!(c.received_on));
            object.insert("meeting".into(), json!(c.meeting));
            object.insert("official".into(), json!(c.official));
            object.insert("edited".into(), json!(c.edited));
            object.insert("supports".into(), json!(c.supports));
            object.insert("text".into(), json!(c.body));
        }
        InputStatus::Hidden => {
            object.insert("hidden_reason".into(), json!(c.hidden_reason));
        }
        InputStatus::Withdrawn | InputStatus::Pending => {}
    }
    Value::Object(object)
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
    let comments: Vec<Value> = listed.into_iter().map(|c| comment_json(&comment_view(c, None, &titles))).collect();
    Json(json!({
        "consultation": found.activity.id,
        "title": found.activity.title,
        "url": consultation_url(&state, &m.slug, found.activity.id),
        "sort": sort.as_str(),
        "page": page,
        "pages": app::domain::consultations::page_count(total, PAGE_SIZE),
        "total": total,
        "comments": comments,
    }))
    .into_response()
}
