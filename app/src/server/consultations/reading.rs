//! What every consultation use case starts from: the consultation as the reader finds it, and
//! who may comment.

use super::{find, not_found, Found};
use crate::domain::consultations::window;
use crate::domain::consultations::Window;
use crate::domain::eligibility::{self, Participant};
use crate::domain::roles::{can_enter_input_for_others, can_manage_trajectories, can_moderate, Actor};
use crate::domain::rules_of_play::Eligibility;
use crate::domain::tenancy::{AreaId, MunicipalityId};
use crate::error::AppError;
use crate::model::consultations::MayComment;
use crate::model::tenancy::MunicipalityDetail;
use crate::server::context;
use crate::server::entities::user;
use crate::server::state::AppState;

/// A consultation as the reader may see it: drafts only for the municipality's staff.
pub struct Reading {
    pub state: AppState,
    pub account: Option<user::Model>,
    pub actor: Option<Actor>,
    pub municipality: MunicipalityDetail,
    pub municipality_id: MunicipalityId,
    pub found: Found,
    /// The panels the reader is a member of today, when the rules of play ask for one.
    pub reader_panels: Vec<String>,
}

pub async fn reading(municipality: &str, id: i32) -> Result<Reading, AppError> {
    let reader = context::reader(municipality).await?;
    let found = find(&reader.state.db, reader.municipality_id, id).await?;
    let found = found.filter(|f| reader.may_see(&f.trajectory)).ok_or_else(not_found)?;
    let context::Reader { state, account, actor, municipality: found_municipality, municipality_id } = reader;
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
            crate::server::panels::panel_names_on(&state.db, municipality, account.id, state.clock.today()).await
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
    today: chrono::NaiveDate,
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
    let rule = trajectory.current_rules().and_then(|r| r.rules.eligibility.clone()).unwrap_or(Eligibility::Everyone);
    let person =
        Participant { area: account.area_id.map(AreaId), birth_date: account.birth_date, panels: panels.to_vec() };
    match eligibility::check(&rule, &person, today) {
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
            self.state.clock.today(),
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
            self.state.clock.today(),
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
