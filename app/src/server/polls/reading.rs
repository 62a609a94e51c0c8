//! A poll as its reader finds it, and what every poll use case asks of it: who may vote, the
//! day ages are judged on, the questions as the page shows them.

use super::Found;
use crate::domain::eligibility::{self, NotEligible, Participant};
use crate::domain::polls::PollWindow;
use crate::domain::roles::{can_enter_input_for_others, Actor};
use crate::domain::rules_of_play::Eligibility;
use crate::domain::tenancy::{AreaId, MunicipalityId};
use crate::error::AppError;
use crate::model::polls::{OptionView, QuestionView, WhoMayVote};
use crate::model::tenancy::{AreaSummary, MunicipalityDetail};
use crate::server::entities::user;
use crate::server::state::AppState;
use crate::server::{clock, context, panels};
use chrono::NaiveDate;
use sea_orm::ConnectionTrait;

/// A poll as the reader may see it: one in a draft trajectory only for the municipality's staff.
pub struct Reading {
    pub state: AppState,
    pub account: Option<user::Model>,
    pub actor: Option<Actor>,
    pub municipality: MunicipalityDetail,
    pub municipality_id: MunicipalityId,
    pub found: Found,
}

pub async fn reading(municipality: &str, id: i32) -> Result<Reading, AppError> {
    let reader = context::reader(municipality).await?;
    let found = super::find(&reader.state.db, reader.municipality_id, id).await?;
    let found = found.filter(|f| reader.may_see(&f.trajectory)).ok_or_else(super::not_found)?;
    let context::Reader { state, account, actor, municipality: found_municipality, municipality_id } = reader;
    Ok(Reading { state, account, actor, municipality: found_municipality, municipality_id, found })
}

impl Reading {
    pub fn window(&self) -> PollWindow {
        self.found.window(self.state.clock.now())
    }

    pub fn is_staff(&self) -> bool {
        self.actor.as_ref().is_some_and(|a| a.is_staff_of(self.municipality_id))
    }

    pub fn can_manage(&self) -> bool {
        self.actor.as_ref().is_some_and(|a| crate::domain::roles::can_manage_trajectories(a, self.municipality_id))
    }

    pub fn can_enter_paper(&self) -> bool {
        self.actor.as_ref().is_some_and(|a| can_enter_input_for_others(a, self.municipality_id))
    }

    pub fn page_path(&self) -> String {
        format!("/{}/peilingen/{}", self.municipality.slug, self.found.activity.id)
    }
}

/// The day ages are judged on: the poll's closing day, the same for everyone who votes.
pub fn age_day(found: &Found) -> NaiveDate {
    clock::dutch_day(found.poll.closes_at - chrono::Duration::seconds(1))
}

/// Checks a person against the rules of play and the poll's narrowing, reading what they told
/// us and their panel memberships through `db` (inside the vote's transaction when voting).
pub async fn eligibility_of(
    db: &impl ConnectionTrait,
    municipality: MunicipalityId,
    found: &Found,
    person: &user::Model,
    today: NaiveDate,
) -> Result<Result<(), NotEligible>, AppError> {
    let rules = found.rules();
    let panels = if rules.iter().any(|r| matches!(r, Eligibility::Panel(_))) {
        panels::panel_names_on(db, municipality, person.id, today).await?
    } else {
        Vec::new()
    };
    let participant = Participant { area: person.area_id.map(AreaId), birth_date: person.birth_date, panels };
    let day = age_day(found);
    Ok(eligibility::has_confirmed_email(person.email_confirmed())
        .and_then(|()| eligibility::check_all(&rules, &participant, day)))
}

pub fn who_may_vote(found: &Found, areas: &[AreaSummary]) -> Vec<WhoMayVote> {
    let rules = found.rules();
    if rules.is_empty() {
        return vec![WhoMayVote::Everyone];
    }
    rules
        .into_iter()
        .map(|rule| match rule {
            Eligibility::Everyone => WhoMayVote::Everyone,
            Eligibility::Areas(ids) => WhoMayVote::Areas(
                areas.iter().filter(|a| ids.contains(&AreaId(a.id))).map(|a| a.name.clone()).collect(),
            ),
            Eligibility::AgeBand { min, max } => WhoMayVote::AgeBand { min, max },
            Eligibility::Panel(name) => WhoMayVote::Panel(name),
        })
        .collect()
}

pub fn question_views(found: &Found) -> Vec<QuestionView> {
    found
        .questions
        .iter()
        .map(|row| QuestionView {
            id: row.question.id,
            prompt: row.question.prompt.clone(),
            kind: row.question.kind.clone(),
            required: row.question.required,
            max_choices: row.question.max_choices.and_then(|m| u8::try_from(m).ok()),
            scale_max: row.question.scale_max.and_then(|m| u8::try_from(m).ok()),
            options: row.options.iter().map(|o| OptionView { id: o.id, label: o.label.clone() }).collect(),
        })
        .collect()
}
