//! Consultations: reading the plan and its discussion, and what residents do there (comment on
//! a section or the whole plan, reply, support, report, edit or take back their own comment).
//! Who may comment is decided on the server at the moment of posting, from the rules of play.
// A server function behind a plain HTML form takes one argument per form field.
#![allow(clippy::too_many_arguments)]

use crate::domain::consultations::{Channel, InputStatus, SortOrder, Window};
use crate::domain::eligibility::NotEligible;
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionView {
    pub id: i32,
    pub title: String,
    pub body_html: String,
    /// The Markdown source, only for those who may edit it.
    pub body_markdown: Option<String>,
    pub comments: u64,
}

/// A file that goes with the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentView {
    pub id: i32,
    pub file_name: String,
    pub kind: crate::domain::attachments::FileKind,
    /// "1,2 MB".
    pub size: String,
    pub href: String,
}

/// Who wrote an input, as others may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Author {
    /// A resident or staff member by display name.
    Person(String),
    /// Input entered by staff for someone who gave their name.
    Named(String),
    /// Input entered by staff for someone who preferred not to be named.
    Anonymous,
    /// The account no longer exists; the input stays.
    Removed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: i32,
    pub author: Author,
    /// The area, only when the author chose to show it.
    pub area: Option<String>,
    pub created_at: DateTime<Utc>,
    /// The same moment on a Dutch clock.
    pub posted_local: chrono::NaiveDateTime,
    pub edited: bool,
    pub channel: Channel,
    /// For input entered by staff: the day it came in, and the meeting it came from.
    pub received_on: Option<NaiveDate>,
    pub meeting: Option<String>,
    pub official: bool,
    pub status: InputStatus,
    /// None when hidden or taken back: only the placeholder shows.
    pub body: Option<String>,
    /// The moderator's public reason for hiding it.
    pub hidden_reason: Option<String>,
    pub section: Option<String>,
    pub supports: u64,
    pub supported: bool,
    /// Written by the reader: may edit or take back, may not support.
    pub own: bool,
    pub replies: Vec<CommentView>,
}

/// Whether the reader may comment now, and if not, why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MayComment {
    Yes,
    SignIn,
    NotYetOpen(NaiveDate),
    Closed(NaiveDate),
    NotEligible(NotEligible),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discussion {
    pub comments: Vec<CommentView>,
    /// Top-level comments in the current selection, placeholders included (for paging).
    pub total: u64,
    /// Of those, the ones that can be read: the number the heading and the trajectory page say.
    pub readable: u64,
    pub page: u64,
    pub pages: u64,
    pub sort: SortOrder,
    pub section: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationView {
    pub id: i32,
    pub municipality_slug: String,
    pub municipality_name: String,
    pub trajectory_id: i32,
    pub trajectory_title: String,
    pub title: String,
    pub intro_html: String,
    pub intro_markdown: Option<String>,
    pub phase_name: String,
    pub phase_index: usize,
    /// The names of the trajectory's phases, for those who may move the consultation.
    pub phase_names: Vec<String>,
    pub window: Window,
    pub pre_moderation: bool,
    pub sections: Vec<SectionView>,
    pub attachments: Vec<AttachmentView>,
    pub discussion: Discussion,
    pub may_comment: MayComment,
    /// Signs this page's forms; None for visitors.
    pub submission_token: Option<String>,
    /// The reader's own area, offered as "show my area with my comment".
    pub reader_area: Option<String>,
    pub can_manage: bool,
    pub can_moderate: bool,
    pub can_enter_for_others: bool,
    /// Signed in without a confirmed e-mail address: supports do not count yet, and the page
    /// says so where the button would be.
    pub must_confirm_email: bool,
}

#[cfg(feature = "ssr")]
pub mod support {
    use super::*;
    use crate::domain::consultations::window;
    use crate::domain::eligibility::{self, Participant};
    use crate::domain::roles::{can_enter_input_for_others, can_manage_trajectories, can_moderate, Actor};
    use crate::domain::rules_of_play::Eligibility;
    use crate::domain::tenancy::{AreaId, MunicipalityId};
    use crate::server::consultations::{self, Found, ListedComment};
    use crate::server::context;
    use crate::server::entities::user;
    use crate::server::state::AppState;

    /// A consultation as the reader may see it: drafts only for the municipality's staff.
    pub struct Reading {
        pub state: AppState,
        pub account: Option<user::Model>,
        pub actor: Option<Actor>,
        pub municipality: crate::api::tenancy::MunicipalityDetail,
        pub municipality_id: MunicipalityId,
        pub found: Found,
        /// The panels the reader is a member of today, when the rules of play ask for one.
        pub reader_panels: Vec<String>,
    }

    pub async fn reading(municipality: &str, id: i32) -> Result<Reading, AppError> {
        let context::Reader { state, account, actor, municipality: found_municipality, municipality_id } =
            context::reader(municipality).await?;
        let found = consultations::find(&state.db, municipality_id, id).await?.ok_or_else(consultations::not_found)?;
        let is_staff = actor.as_ref().is_some_and(|a| a.is_staff_of(municipality_id));
        if !found.trajectory.status.is_public() && !is_staff {
            return Err(consultations::not_found());
        }
        let reader_panels = panels_if_asked(&state, municipality_id, &found.trajectory, account.as_ref()).await?;
        Ok(Reading { state, account, actor, municipality: found_municipality, municipality_id, found, reader_panels })
    }

    /// The panels the reader is a member of today, when the trajectory's rules of play ask for
    /// one (otherwise there is nothing to look up).
    pub async fn panels_if_asked(
        state: &AppState,
        municipality: MunicipalityId,
        trajectory: &crate::server::trajectories::Loaded,
        account: Option<&user::Model>,
    ) -> Result<Vec<String>, AppError> {
        let asks_panel =
            trajectory.current_rules().is_some_and(|r| matches!(r.rules.eligibility, Some(Eligibility::Panel(_))));
        match (account, asks_panel) {
            (Some(account), true) => {
                crate::server::panels::panel_names_on(
                    &state.db,
                    municipality,
                    account.id,
                    crate::server::clock::today(),
                )
                .await
            }
            _ => Ok(Vec::new()),
        }
    }

    /// May the reader take part in an activity today (comment on a plan, bring in an idea)? Staff
    /// of the municipality answer as the municipality, whoever the rules of play invite; for
    /// everyone else the rules in force decide.
    pub fn may_take_part(
        window: Window,
        account: Option<&user::Model>,
        is_staff: bool,
        trajectory: &crate::server::trajectories::Loaded,
        panels: &[String],
        public_at_once: bool,
    ) -> MayComment {
        match window {
            Window::NotYetOpen { opens_on } => return MayComment::NotYetOpen(opens_on),
            Window::Closed { closed_on } => return MayComment::Closed(closed_on),
            Window::Open { .. } => {}
        }
        let Some(account) = account else {
            return MayComment::SignIn;
        };
        if is_staff {
            return MayComment::Yes;
        }
        if let (true, Err(reason)) = (public_at_once, eligibility::has_confirmed_email(account.email_confirmed())) {
            return MayComment::NotEligible(reason);
        }
        let rule =
            trajectory.current_rules().and_then(|r| r.rules.eligibility.clone()).unwrap_or(Eligibility::Everyone);
        let person =
            Participant { area: account.area_id.map(AreaId), birth_date: account.birth_date, panels: panels.to_vec() };
        match eligibility::check(&rule, &person, crate::server::clock::today()) {
            Ok(()) => MayComment::Yes,
            Err(reason) => MayComment::NotEligible(reason),
        }
    }

    impl Reading {
        pub fn window(&self) -> Window {
            window(
                self.found.trajectory.status,
                self.found.phase.starts_on,
                self.found.phase.ends_on,
                crate::server::clock::today(),
            )
        }

        pub fn is_staff(&self) -> bool {
            self.actor.as_ref().is_some_and(|a| a.is_staff_of(self.municipality_id))
        }

        pub fn can_moderate(&self) -> bool {
            self.actor.as_ref().is_some_and(|a| can_moderate(a, self.municipality_id))
        }

        pub fn can_manage(&self) -> bool {
            self.actor.as_ref().is_some_and(|a| can_manage_trajectories(a, self.municipality_id))
        }

        pub fn can_enter_for_others(&self) -> bool {
            self.actor.as_ref().is_some_and(|a| can_enter_input_for_others(a, self.municipality_id))
        }

        /// May the reader comment today? Staff of the municipality answer as the municipality,
        /// whoever the rules of play invite; for everyone else the rules decide.
        pub fn may_comment(&self) -> MayComment {
            may_take_part(
                self.window(),
                self.account.as_ref(),
                self.is_staff(),
                &self.found.trajectory,
                &self.reader_panels,
                // A comment that waits for a moderator does not count until a person read it.
                !self.found.activity.pre_moderation,
            )
        }

        pub fn page_path(&self) -> String {
            format!("/{}/raadplegingen/{}", self.municipality.slug, self.found.activity.id)
        }

        /// Back to the comment acted on, in the view of the discussion the person was in, saying
        /// what was done (`done`, shown beside the comment).
        pub fn back_to_comment(&self, done: Option<&str>, comment: i32) -> String {
            crate::domain::navigation::back_to(
                crate::server::context::referer().as_deref(),
                &self.page_path(),
                done.map(|what| (what, comment)),
                &format!("reactie-{comment}"),
            )
        }

        pub fn reader_id(&self) -> Option<i32> {
            self.account.as_ref().map(|a| a.id)
        }
    }

    pub fn comment_view(listed: ListedComment, reader: Option<i32>, sections: &[(i32, String)]) -> CommentView {
        let input = listed.input;
        let status = InputStatus::parse(&input.status).unwrap_or(InputStatus::Hidden);
        let channel = Channel::parse(&input.channel).unwrap_or(Channel::Online);
        let author = match (channel, listed.author_name, input.on_behalf_name) {
            (Channel::Online, Some(name), _) => Author::Person(name),
            (Channel::Online, None, _) => Author::Removed,
            (_, _, Some(name)) => Author::Named(name),
            (_, _, None) => Author::Anonymous,
        };
        let readable = matches!(status, InputStatus::Visible | InputStatus::Pending);
        CommentView {
            id: input.id,
            author,
            area: listed.area_name,
            created_at: input.created_at,
            posted_local: crate::server::clock::local_time(input.created_at),
            edited: input.edited_at.is_some(),
            channel,
            received_on: input.received_on,
            meeting: listed.meeting_title,
            official: input.official,
            status,
            body: readable.then_some(input.body),
            hidden_reason: (status == InputStatus::Hidden).then_some(input.moderation_reason).flatten(),
            section: input.section_id.and_then(|id| sections.iter().find(|(s, _)| *s == id).map(|(_, t)| t.clone())),
            supports: listed.supports,
            supported: listed.supported_by_reader,
            own: reader.is_some() && input.author_id == reader,
            replies: listed.replies.into_iter().map(|r| comment_view(r, reader, sections)).collect(),
        }
    }
}

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
    use crate::domain::consultations::{page_count, PAGE_SIZE};
    use crate::server::consultations::{self, DiscussionQuery};
    use crate::server::{markdown, submission};

    let reading = support::reading(&municipality, id).await?;
    let db = &reading.state.db;
    let found = &reading.found;
    let sort = SortOrder::parse(&sort);
    let page = crate::domain::paging::page_number(&page);
    let section = section.parse::<i32>().ok().filter(|s| found.sections.iter().any(|f| f.id == *s));
    let query = DiscussionQuery {
        activity_id: found.activity.id,
        section,
        sort,
        page,
        page_size: PAGE_SIZE,
        reader: reading.reader_id(),
        moderator: reading.can_moderate(),
    };
    let (listed, total, readable) = consultations::discussion(db, &query).await?;
    let titles: Vec<(i32, String)> = found.sections.iter().map(|s| (s.id, s.title.clone())).collect();
    let counts = consultations::counts_per_section(db, found.activity.id).await?;
    let can_manage = reading.can_manage();
    // Phases are stored in the order the editor lists them, so the position is the index.
    let phase_index = usize::try_from(found.phase.position).unwrap_or_default();
    let reader_area = reading
        .account
        .as_ref()
        .and_then(|a| a.area_id)
        .and_then(|id| reading.municipality.areas.iter().find(|a| a.id == id).map(|a| a.name.clone()));
    let attachments = crate::server::attachments::list(db, found.activity.id)
        .await?
        .into_iter()
        .map(|a| AttachmentView {
            href: format!(
                "/{}/bijlagen/{}/{}",
                reading.municipality.slug,
                a.id,
                crate::domain::attachments::name_in_path(&a.file_name)
            ),
            size: crate::domain::attachments::readable_size(u64::try_from(a.size_bytes).unwrap_or_default()),
            id: a.id,
            file_name: a.file_name,
            kind: a.kind,
        })
        .collect();
    let may_comment = reading.may_comment();
    let submission_token = reading
        .account
        .as_ref()
        .filter(|_| may_comment == MayComment::Yes)
        .map(|a| submission::issue(&reading.state.settings.form_key, a.id, Utc::now().timestamp()));
    Ok(ConsultationView {
        id: found.activity.id,
        municipality_slug: reading.municipality.slug.clone(),
        municipality_name: reading.municipality.name.clone(),
        trajectory_id: found.trajectory.row.id,
        trajectory_title: found.trajectory.row.title.clone(),
        title: found.activity.title.clone(),
        intro_html: markdown::to_safe_html(&found.activity.intro),
        intro_markdown: can_manage.then(|| found.activity.intro.clone()),
        phase_name: found.phase.name.clone(),
        phase_index,
        phase_names: if can_manage {
            found.trajectory.phases.iter().map(|p| p.name.clone()).collect()
        } else {
            Vec::new()
        },
        window: reading.window(),
        pre_moderation: found.activity.pre_moderation,
        sections: found
            .sections
            .iter()
            .map(|s| SectionView {
                id: s.id,
                title: s.title.clone(),
                body_html: markdown::to_safe_html(&s.body),
                body_markdown: can_manage.then(|| s.body.clone()),
                comments: counts.get(&s.id).copied().unwrap_or(0),
            })
            .collect(),
        attachments,
        discussion: Discussion {
            comments: listed.into_iter().map(|c| support::comment_view(c, reading.reader_id(), &titles)).collect(),
            total,
            readable,
            page,
            pages: page_count(total, PAGE_SIZE),
            sort,
            section,
        },
        may_comment,
        submission_token,
        reader_area,
        can_manage,
        can_moderate: reading.can_moderate(),
        must_confirm_email: reading.account.as_ref().is_some_and(|a| !a.email_confirmed()),
        can_enter_for_others: reading.can_enter_for_others(),
    })
}

/// Posts a comment on the plan (`section` empty) or on one section, or a reply to a comment
/// (`parent`). The same `submission_token` and target never make two comments.
#[server(endpoint = "post_comment")]
pub async fn post_comment(
    municipality: String,
    consultation: i32,
    submission_token: String,
    body: String,
    #[server(default)] section: String,
    #[server(default)] parent: String,
    #[server(default)] show_area: String,
) -> Result<i32, AppError> {
    use crate::domain::consultations::check_comment;
    use crate::domain::validation::{FieldError, Problem};
    use crate::server::audit::{self, AuditEntry};
    use crate::server::consultations::{self, NewComment};
    use crate::server::{context, submission};
    use sea_orm::TransactionTrait;

    let reading = support::reading(&municipality, consultation).await?;
    let account = reading.account.clone().ok_or_else(|| context::answer_with(AppError::Unauthenticated))?;
    let parent_id = parent.trim().parse::<i32>().ok();
    let field = if parent_id.is_some() { format!("reply_body[{}]", parent.trim()) } else { "body".to_owned() };
    let typed = vec![(field.clone(), body.clone()), ("section".to_owned(), section.clone())];
    let refuse = |problem: Problem| {
        context::answer_with(AppError::validation_of(vec![FieldError::new(&field, problem)], typed.clone()))
    };
    match reading.may_comment() {
        MayComment::Yes => {}
        MayComment::SignIn => return Err(context::answer_with(AppError::Unauthenticated)),
        MayComment::NotYetOpen(_) | MayComment::Closed(_) => return Err(refuse(Problem::ConsultationClosed)),
        MayComment::NotEligible(_) => return Err(context::answer_with(AppError::Forbidden)),
    }
    let now = Utc::now().timestamp();
    if !submission::verify(&reading.state.settings.form_key, account.id, &submission_token, now) {
        return Err(refuse(Problem::FormExpired));
    }
    let text = check_comment(&body).map_err(refuse)?;
    let found = &reading.found;
    // A reply goes under a top-level comment of this consultation; replies to replies are
    // placed under the same top-level comment (one level of threading).
    let parent_row = match parent_id {
        None => None,
        Some(id) => {
            let row = consultations::find_input(&reading.state.db, reading.municipality_id, id)
                .await?
                .filter(|p| p.activity_id == Some(found.activity.id))
                .ok_or_else(consultations::not_found)?;
            Some(match row.parent_id {
                Some(top) => top,
                None => row.id,
            })
        }
    };
    let section_id = match parent_row {
        Some(_) => None,
        None => match section.trim() {
            "" => None,
            raw => Some(
                raw.parse::<i32>()
                    .ok()
                    .filter(|s| found.sections.iter().any(|f| f.id == *s))
                    .ok_or_else(|| refuse(Problem::ChoiceInvalid))?,
            ),
        },
    };
    let official = reading.is_staff();
    let status = crate::domain::consultations::status_of_new_text(found.activity.pre_moderation, official);
    let target = match (parent_row, section_id) {
        (Some(p), _) => format!("reply:{p}"),
        (None, Some(s)) => format!("section:{s}"),
        (None, None) => "plan".to_owned(),
    };
    let show_area = matches!(show_area.as_str(), "on" | "true" | "ja");
    let state = &reading.state;
    let txn = state.db.begin().await.map_err(context::internal)?;
    let (stored, new) = consultations::insert_comment(
        &txn,
        NewComment {
            municipality_id: reading.municipality_id.0,
            trajectory_id: found.trajectory.row.id,
            activity_id: found.activity.id,
            section_id,
            parent_id: parent_row,
            channel: Channel::Online,
            author_id: Some(account.id),
            on_behalf_name: None,
            contact_consent: false,
            contact: None,
            entered_by: None,
            received_on: None,
            meeting_id: None,
            body: text,
            shown_area_id: if show_area { account.area_id } else { None },
            official,
            status,
            submission_key: submission::key(&submission_token, &target),
        },
    )
    .await?;
    if new {
        // Only new comments count against the limit, so a retried request is never refused.
        if let Err(wait) = state.throttle.check_posting(account.id) {
            txn.rollback().await.map_err(context::internal)?;
            return Err(context::answer_with(AppError::RateLimited { retry_after_secs: wait.as_secs().max(1) }));
        }
        if let (true, Some(parent)) = (official && status == InputStatus::Visible, parent_row) {
            crate::server::notifications::tell_about_official_answer(
                &txn,
                &state.settings,
                &reading.municipality.slug,
                &found.activity.title,
                parent,
                &stored,
            )
            .await?;
        }
        if official {
            audit::record(
                &txn,
                AuditEntry {
                    municipality: Some(reading.municipality_id.0),
                    actor: Some(account.id),
                    action: "post_official_comment",
                    details: format!("official comment {} on consultation {}", stored.id, found.activity.id),
                },
            )
            .await?;
        }
    }
    txn.commit().await.map_err(context::internal)?;
    state.mail_queued.notify_one();
    // A reply shows under its comment, in the view the person replied in; a new comment shows
    // first in the discussion's usual order (newest first, on its first page).
    let landing = if parent_id.is_some() {
        reading.back_to_comment(Some("geplaatst"), stored.id)
    } else {
        format!("{}?geplaatst={}#reactie-{}", reading.page_path(), stored.id, stored.id)
    };
    leptos_axum::redirect(&landing);
    Ok(stored.id)
}

/// A comment of this consultation (NotFound for one of another consultation or municipality),
/// and the signed-in reader (Unauthenticated without one).
#[cfg(feature = "ssr")]
async fn comment_here(
    reading: &support::Reading,
    comment: i32,
) -> Result<(crate::server::entities::input::Model, &crate::server::entities::user::Model), AppError> {
    use crate::server::{consultations, context};
    let account = reading.account.as_ref().ok_or_else(|| context::answer_with(AppError::Unauthenticated))?;
    let row = consultations::find_input(&reading.state.db, reading.municipality_id, comment)
        .await?
        .filter(|c| c.activity_id == Some(reading.found.activity.id))
        .ok_or_else(consultations::not_found)?;
    Ok((row, account))
}

/// The reader's own comment, for editing or taking back while the consultation is open.
#[cfg(feature = "ssr")]
async fn own_comment(
    reading: &support::Reading,
    comment: i32,
) -> Result<crate::server::entities::input::Model, AppError> {
    use crate::server::context;
    let (row, account) = comment_here(reading, comment).await?;
    if row.author_id != Some(account.id) || row.channel != Channel::Online.as_str() {
        return Err(context::answer_with(AppError::Forbidden));
    }
    if !matches!(reading.window(), Window::Open { .. }) {
        return Err(context::answer_with(AppError::Conflict));
    }
    if !matches!(InputStatus::parse(&row.status), Some(InputStatus::Visible | InputStatus::Pending)) {
        return Err(context::answer_with(AppError::Conflict));
    }
    Ok(row)
}

/// Changes the text of one's own comment while the consultation is open; the page says
/// "bewerkt" from then on. In a pre-moderated consultation the new text waits for a moderator.
#[server(endpoint = "edit_comment")]
pub async fn edit_comment(municipality: String, consultation: i32, comment: i32, body: String) -> Result<(), AppError> {
    use crate::domain::consultations::check_comment;
    use crate::domain::validation::FieldError;
    use crate::server::{consultations, context};

    let reading = support::reading(&municipality, consultation).await?;
    let row = own_comment(&reading, comment).await?;
    let field = format!("edit_body[{comment}]");
    let text = check_comment(&body).map_err(|problem| {
        context::answer_with(AppError::validation_of(
            vec![FieldError::new(&field, problem)],
            vec![(field.clone(), body.clone())],
        ))
    })?;
    let status = crate::domain::consultations::status_of_new_text(reading.found.activity.pre_moderation, row.official);
    consultations::edit_body(&reading.state.db, row.id, &text, status).await?;
    leptos_axum::redirect(&reading.back_to_comment(Some("bewerkt"), row.id));
    Ok(())
}

/// Takes back one's own comment: a placeholder stays, so replies keep their place.
#[server(endpoint = "withdraw_comment")]
pub async fn withdraw_comment(municipality: String, consultation: i32, comment: i32) -> Result<(), AppError> {
    use crate::server::consultations;

    let reading = support::reading(&municipality, consultation).await?;
    let row = own_comment(&reading, comment).await?;
    consultations::set_status(&reading.state.db, row.id, InputStatus::Withdrawn, None, None).await?;
    leptos_axum::redirect(&reading.back_to_comment(Some("ingetrokken"), row.id));
    Ok(())
}

/// Supports a comment, or takes the support back. One support per person; not on one's own.
#[server(endpoint = "support_comment")]
pub async fn support_comment(
    municipality: String,
    consultation: i32,
    comment: i32,
    support: bool,
) -> Result<(), AppError> {
    use crate::server::{consultations, context};

    let reading = support::reading(&municipality, consultation).await?;
    let (row, account) = comment_here(&reading, comment).await?;
    if row.status != InputStatus::Visible.as_str() {
        return Err(consultations::not_found());
    }
    if row.author_id == Some(account.id) || !account.email_confirmed() {
        return Err(context::answer_with(AppError::Forbidden));
    }
    consultations::set_support(&reading.state.db, row.id, account.id, support).await?;
    leptos_axum::redirect(
        &reading.back_to_comment(Some(if support { "gesteund" } else { "steun-ingetrokken" }), row.id),
    );
    Ok(())
}

/// Tells the moderators a comment breaks the house rules, with a reason.
#[server(endpoint = "report_comment")]
pub async fn report_comment(
    municipality: String,
    consultation: i32,
    comment: i32,
    reason: String,
) -> Result<(), AppError> {
    use crate::domain::consultations::check_reason;
    use crate::domain::validation::FieldError;
    use crate::server::{consultations, context};
    use sea_orm::TransactionTrait;

    let reading = support::reading(&municipality, consultation).await?;
    let (row, account) = comment_here(&reading, comment).await?;
    let field = format!("report_reason[{comment}]");
    let reason = check_reason(&reason).map_err(|problem| {
        context::answer_with(AppError::validation_of(
            vec![FieldError::new(&field, problem)],
            vec![(field.clone(), reason.clone())],
        ))
    })?;
    let txn = reading.state.db.begin().await.map_err(context::internal)?;
    if consultations::report(&txn, row.id, account.id, &reason).await? {
        crate::server::notifications::tell_moderators_about_report(
            &txn,
            &reading.state.settings,
            reading.municipality_id.0,
            &reading.municipality.slug,
            &row,
        )
        .await?;
    }
    txn.commit().await.map_err(context::internal)?;
    reading.state.mail_queued.notify_one();
    leptos_axum::redirect(&reading.back_to_comment(Some("gemeld"), row.id));
    Ok(())
}
