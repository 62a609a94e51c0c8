//! Posting a comment on a plan or one of its sections, or a reply to a comment.

use super::{find_input, insert_comment, not_found, NewComment, Reading};
use crate::domain::consultations::{check_comment, status_of_new_text, Channel, InputStatus};
use crate::domain::validation::Problem;
use crate::error::{AppError, AppResult};
use crate::model::consultations::{CommentForm, MayComment};
use crate::server::audit::{self, AuditEntry};
use crate::server::context::internal;
use crate::server::entities::{input, user};
use crate::server::writes::begin_write;
use crate::server::{notifications, submission};

/// What became of a comment: stored now, or stored by the same form sent before.
pub struct Posted {
    pub comment: input::Model,
    pub new: bool,
}

/// Posts `author`'s comment in the consultation `reading` found. The same submission token and
/// target never make two comments; a retried request is never refused by the posting limit.
#[tracing::instrument(skip_all, fields(consultation = reading.found.activity.id))]
pub async fn post_comment(reading: &Reading, author: &user::Model, form: &CommentForm) -> AppResult<Posted> {
    let field = form.body_field();
    let refuse = |problem: Problem| AppError::refused(&field, problem);
    match reading.may_comment() {
        MayComment::Yes => {}
        MayComment::SignIn => return Err(AppError::Unauthenticated),
        MayComment::NotYetOpen(_) | MayComment::Closed(_) => return Err(refuse(Problem::ConsultationClosed)),
        MayComment::NotEligible(_) => return Err(AppError::Forbidden),
    }
    let state = &reading.state;
    let now = state.clock.now().timestamp();
    if !submission::verify(&state.settings.form_key, author.id, &form.submission_token, now) {
        return Err(refuse(Problem::FormExpired));
    }
    let text = check_comment(&form.body).map_err(refuse)?;
    let found = &reading.found;
    // A reply goes under a top-level comment of this consultation; replies to replies are
    // placed under the same top-level comment (one level of threading).
    let parent = match form.parent_id() {
        None => None,
        Some(id) => {
            let row = find_input(&state.db, reading.municipality_id, id)
                .await?
                .filter(|p| p.activity_id == Some(found.activity.id))
                .ok_or_else(not_found)?;
            Some(row.parent_id.unwrap_or(row.id))
        }
    };
    let section = match parent {
        Some(_) => None,
        None => found.section_named(&form.section).map_err(refuse)?,
    };
    let official = reading.is_staff();
    let status = status_of_new_text(found.activity.pre_moderation, official);
    let target = match (parent, section) {
        (Some(p), _) => format!("reply:{p}"),
        (None, Some(s)) => format!("section:{s}"),
        (None, None) => "plan".to_owned(),
    };
    let show_area = matches!(form.show_area.as_str(), "on" | "true" | "ja");
    let txn = begin_write(&state.db).await.map_err(internal)?;
    let comment = NewComment {
        section_id: section,
        parent_id: parent,
        author_id: Some(author.id),
        body: text,
        shown_area_id: if show_area { author.area_id } else { None },
        official,
        status,
        submission_key: submission::key(&form.submission_token, &target),
        ..NewComment::online(reading)
    };
    let (stored, new) = insert_comment(&txn, comment).await?;
    if new {
        // Only new comments count against the limit, so a retried request is never refused.
        state.throttle.check_posting(&txn, state.clock.now(), author.id).await?;
        if let (true, Some(parent)) = (official && status == InputStatus::Visible, parent) {
            let (slug, title) = (&reading.municipality.slug, &found.activity.title);
            notifications::tell_about_official_answer(&txn, &state.settings, slug, title, parent, &stored).await?;
        }
        if official {
            let details = format!("official comment {} on consultation {}", stored.id, found.activity.id);
            let entry = AuditEntry {
                municipality: Some(reading.municipality_id.0),
                actor: Some(author.id),
                action: "post_official_comment",
                details,
                at: state.clock.now(),
            };
            audit::record(&txn, entry).await?;
        }
    }
    txn.commit().await.map_err(internal)?;
    state.mail_queued.notify_one();
    Ok(Posted { comment: stored, new })
}

impl NewComment {
    /// A comment in the consultation `reading` found, as written online; the fields that tell one
    /// comment from another are filled in by the caller.
    pub fn online(reading: &Reading) -> NewComment {
        NewComment {
            municipality_id: reading.municipality_id.0,
            trajectory_id: reading.found.trajectory.row.id,
            activity_id: reading.found.activity.id,
            section_id: None,
            parent_id: None,
            channel: Channel::Online,
            author_id: None,
            on_behalf_name: None,
            contact_consent: false,
            contact: None,
            entered_by: None,
            received_on: None,
            meeting_id: None,
            body: String::new(),
            shown_area_id: None,
            official: false,
            status: InputStatus::Visible,
            submission_key: String::new(),
            created_at: reading.state.clock.now(),
        }
    }
}
