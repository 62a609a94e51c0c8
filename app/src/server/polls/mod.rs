//! Database access for polls: their settings and questions, who voted, and the counted results.
//!
//! A vote is stored in two places that share nothing but the poll: `poll_voters` says that a
//! person voted (the primary key makes it once), `poll_tallies` holds the counts the ballot added
//! to. For a poll that is not secret the voter's row also keeps their choices, so they can see and
//! change them; for a secret poll nothing anywhere says what a person chose.

mod cast_vote;
mod editing;
mod paper;
mod reading;
mod view;

pub use cast_vote::{cast_vote, Voted};
pub use editing::{create_poll, poll_editor, poll_for_editing, update_poll};
pub use paper::*;
pub use reading::*;
pub use view::{poll_view, public_results, PublicResults};

use crate::domain::consultations::{Channel, InputKind, InputStatus, Window};
use crate::domain::polls::{
    poll_window, Answer, PollWindow, Question, QuestionDraft, QuestionKind, ResultsShown, TallyKey,
};
use crate::domain::rules_of_play::Eligibility;
use crate::domain::tenancy::{AreaId, MunicipalityId};
use crate::domain::trajectories::Status;
use crate::error::{AppError, AppResult};
use crate::server::context::internal;
use crate::server::entities::{
    activity, input, panel, poll, poll_area, poll_option, poll_paper_batch, poll_question, poll_tally, poll_voter,
    trajectory_phase,
};
use crate::server::trajectories::Loaded;
use crate::server::unique::insert_unless_duplicate;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub const KIND: &str = "poll";

pub fn not_found() -> AppError {
    crate::server::context::answer_with(AppError::NotFound)
}

/// A question with its options in their order.
pub struct QuestionRow {
    pub question: poll_question::Model,
    pub options: Vec<poll_option::Model>,
}

impl QuestionRow {
    /// The question as the ballot check knows it.
    pub fn domain(&self) -> Question {
        let options: Vec<i32> = self.options.iter().map(|o| o.id).collect();
        let kind = match self.question.kind.as_str() {
            "single" => QuestionKind::Single { options },
            "multiple" => QuestionKind::Multiple {
                options,
                max: self.question.max_choices.and_then(|m| u8::try_from(m).ok()).unwrap_or(1),
            },
            "scale" => {
                QuestionKind::Scale { max: self.question.scale_max.and_then(|m| u8::try_from(m).ok()).unwrap_or(5) }
            }
            "ranking" => QuestionKind::Ranking { options },
            _ => QuestionKind::Open,
        };
        Question { id: self.question.id, kind, required: self.question.required }
    }
}

/// A poll with everything that decides who votes on what.
pub struct Found {
    pub activity: activity::Model,
    pub poll: poll::Model,
    pub trajectory: Loaded,
    pub phase: trajectory_phase::Model,
    pub questions: Vec<QuestionRow>,
    pub areas: Vec<i32>,
    pub panel: Option<panel::Model>,
}

impl Found {
    pub fn window(&self, now: DateTime<Utc>) -> PollWindow {
        window_of(self.trajectory.status, &self.poll, now)
    }

    pub fn results_shown(&self) -> ResultsShown {
        ResultsShown::parse(&self.poll.results).unwrap_or(ResultsShown::AfterClose)
    }

    /// The poll's own narrowing of who may vote, on top of the rules of play.
    pub fn narrowing(&self) -> Option<Eligibility> {
        match self.poll.eligibility.as_deref() {
            Some("areas") => Some(Eligibility::Areas(self.areas.iter().map(|a| AreaId(*a)).collect())),
            Some("age_band") => Some(Eligibility::AgeBand {
                min: self.poll.min_age.and_then(|a| u8::try_from(a).ok()).unwrap_or(0),
                max: self.poll.max_age.and_then(|a| u8::try_from(a).ok()).unwrap_or(120),
            }),
            Some("panel") => self.panel.as_ref().map(|p| Eligibility::Panel(p.name.clone())),
            _ => None,
        }
    }

    /// The rules of play in force, then the poll's narrowing: a voter must pass both.
    pub fn rules(&self) -> Vec<Eligibility> {
        let mut rules: Vec<Eligibility> =
            self.trajectory.current_rules().and_then(|r| r.rules.eligibility.clone()).into_iter().collect();
        rules.extend(self.narrowing());
        rules
    }

    pub fn domain_questions(&self) -> Vec<Question> {
        self.questions.iter().map(QuestionRow::domain).collect()
    }
}

/// Whether a poll takes ballots: its own moments, and only while its trajectory is published
/// (closing a trajectory early closes its polls; a draft's poll has not opened).
pub fn window_of(status: Status, poll: &poll::Model, now: DateTime<Utc>) -> PollWindow {
    match status {
        Status::Published => poll_window(poll.opens_at, poll.closes_at, now),
        _ if now < poll.opens_at => PollWindow::NotYetOpen,
        _ => PollWindow::Closed,
    }
}

/// The same window in the consultations' terms of days, for lists of a trajectory's activities.
pub fn window_in_days(window: PollWindow, poll: &poll::Model) -> Window {
    match window {
        PollWindow::NotYetOpen => Window::NotYetOpen { opens_on: super::clock::dutch_day(poll.opens_at) },
        PollWindow::Open => Window::Open { closes_on: super::clock::dutch_day(poll.closes_at) },
        PollWindow::Closed => Window::Closed { closed_on: super::clock::dutch_day(poll.closes_at) },
    }
}

/// The polls among a trajectory's activities, with the number of ballots each counted.
pub async fn of_trajectory(
    db: &impl ConnectionTrait,
    activity_ids: &[i32],
) -> AppResult<HashMap<i32, (poll::Model, u64)>> {
    let polls = poll::Entity::find()
        .filter(poll::Column::ActivityId.is_in(activity_ids.iter().copied()))
        .all(db)
        .await
        .map_err(internal)?;
    let ballots: HashMap<i32, i64> = poll_tally::Entity::find()
        .filter(poll_tally::Column::ActivityId.is_in(polls.iter().map(|p| p.activity_id)))
        .filter(poll_tally::Column::QuestionId.eq(0))
        .filter(poll_tally::Column::Breakdown.eq(""))
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|t| (t.activity_id, t.count))
        .collect();
    Ok(polls
        .into_iter()
        .map(|p| {
            let n = u64::try_from(ballots.get(&p.activity_id).copied().unwrap_or(0)).unwrap_or(0);
            (p.activity_id, (p, n))
        })
        .collect())
}

pub async fn find(db: &impl ConnectionTrait, municipality: MunicipalityId, id: i32) -> AppResult<Option<Found>> {
    let Some(super::activities::Placed { activity, trajectory, phase }) =
        super::activities::find(db, municipality, id, KIND).await?
    else {
        return Ok(None);
    };
    let poll = poll::Entity::find_by_id(activity.id)
        .one(db)
        .await
        .map_err(internal)?
        .ok_or_else(|| internal(format!("poll activity {} without its settings", activity.id)))?;
    let questions = poll_question::Entity::find()
        .filter(poll_question::Column::ActivityId.eq(activity.id))
        .order_by_asc(poll_question::Column::Position)
        .all(db)
        .await
        .map_err(internal)?;
    let mut options = poll_option::Entity::find()
        .filter(poll_option::Column::QuestionId.is_in(questions.iter().map(|q| q.id)))
        .order_by_asc(poll_option::Column::Position)
        .all(db)
        .await
        .map_err(internal)?;
    let questions = questions
        .into_iter()
        .map(|question| {
            let (mine, rest): (Vec<_>, Vec<_>) = options.drain(..).partition(|o| o.question_id == question.id);
            options = rest;
            QuestionRow { question, options: mine }
        })
        .collect();
    let areas = poll_area::Entity::find()
        .filter(poll_area::Column::ActivityId.eq(activity.id))
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|a| a.area_id)
        .collect();
    let panel = match poll.panel_id {
        Some(id) => panel::Entity::find_by_id(id).one(db).await.map_err(internal)?,
        None => None,
    };
    Ok(Some(Found { activity, poll, trajectory, phase, questions, areas, panel }))
}

/// A poll as the editor accepted it.
pub struct NewPoll {
    pub title: String,
    pub intro: String,
    pub phase_id: i32,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub results: ResultsShown,
    pub secret: bool,
    pub changeable: bool,
    pub narrowing: Option<Eligibility>,
    pub panel_id: Option<i32>,
    pub questions: Vec<QuestionDraft>,
}

pub async fn insert(
    db: &impl ConnectionTrait,
    trajectory_id: i32,
    new: &NewPoll,
    by: i32,
    now: DateTime<Utc>,
) -> AppResult<i32> {
    let activity = super::activities::insert(
        db,
        super::activities::NewActivity {
            trajectory_id,
            phase_id: new.phase_id,
            kind: KIND,
            title: &new.title,
            intro: &new.intro,
            pre_moderation: false,
            created_by: by,
            created_at: now,
        },
    )
    .await?;
    poll_row(activity.id, new).insert(db).await.map_err(internal)?;
    write_questions_and_areas(db, activity.id, new).await?;
    Ok(activity.id)
}

/// The poll's own settings row.
fn poll_row(activity_id: i32, new: &NewPoll) -> poll::ActiveModel {
    let (eligibility, min_age, max_age) = match &new.narrowing {
        Some(Eligibility::Areas(_)) => (Some("areas"), None, None),
        Some(Eligibility::AgeBand { min, max }) => (Some("age_band"), Some(i32::from(*min)), Some(i32::from(*max))),
        Some(Eligibility::Panel(_)) => (Some("panel"), None, None),
        _ => (None, None, None),
    };
    poll::ActiveModel {
        activity_id: Set(activity_id),
        opens_at: Set(new.opens_at),
        closes_at: Set(new.closes_at),
        results: Set(new.results.as_str().to_owned()),
        secret: Set(new.secret),
        changeable: Set(new.changeable),
        eligibility: Set(eligibility.map(str::to_owned)),
        min_age: Set(min_age),
        max_age: Set(max_age),
        panel_id: Set(new.panel_id),
    }
}

/// The areas a poll is narrowed to and its questions with their options, in order.
async fn write_questions_and_areas(db: &impl ConnectionTrait, activity_id: i32, new: &NewPoll) -> AppResult<()> {
    if let Some(Eligibility::Areas(areas)) = &new.narrowing {
        for area in areas {
            poll_area::ActiveModel { activity_id: Set(activity_id), area_id: Set(area.0) }
                .insert(db)
                .await
                .map_err(internal)?;
        }
    }
    for (position, draft) in new.questions.iter().enumerate() {
        let question = poll_question::ActiveModel {
            activity_id: Set(activity_id),
            position: Set(position as i32),
            prompt: Set(draft.prompt.clone()),
            kind: Set(draft.kind.clone()),
            max_choices: Set(draft.max_choices.map(i32::from)),
            scale_max: Set(draft.scale_max.map(i32::from)),
            required: Set(draft.required),
            ..Default::default()
        }
        .insert(db)
        .await
        .map_err(internal)?;
        for (position, label) in draft.options.iter().enumerate() {
            poll_option::ActiveModel {
                question_id: Set(question.id),
                position: Set(position as i32),
                label: Set(label.clone()),
                ..Default::default()
            }
            .insert(db)
            .await
            .map_err(internal)?;
        }
    }
    Ok(())
}

/// Whether anything was counted in the poll yet: a ballot or votes entered from paper. Until
/// then its questions and settings may still change.
pub async fn has_votes(db: &impl ConnectionTrait, activity_id: i32) -> AppResult<bool> {
    use sea_orm::PaginatorTrait;
    let voters = poll_voter::Entity::find()
        .filter(poll_voter::Column::ActivityId.eq(activity_id))
        .count(db)
        .await
        .map_err(internal)?;
    let paper = poll_paper_batch::Entity::find()
        .filter(poll_paper_batch::Column::ActivityId.eq(activity_id))
        .count(db)
        .await
        .map_err(internal)?;
    Ok(voters + paper > 0)
}

/// Rewrites a poll nobody voted in yet (the caller checks `has_votes` in the same transaction).
pub async fn update(db: &impl ConnectionTrait, activity_id: i32, new: &NewPoll, now: DateTime<Utc>) -> AppResult<()> {
    activity::ActiveModel {
        id: Set(activity_id),
        phase_id: Set(new.phase_id),
        title: Set(new.title.clone()),
        intro: Set(new.intro.clone()),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await
    .map_err(internal)?;
    poll_row(activity_id, new).update(db).await.map_err(internal)?;
    poll_area::Entity::delete_many()
        .filter(poll_area::Column::ActivityId.eq(activity_id))
        .exec(db)
        .await
        .map_err(internal)?;
    poll_question::Entity::delete_many()
        .filter(poll_question::Column::ActivityId.eq(activity_id))
        .exec(db)
        .await
        .map_err(internal)?;
    write_questions_and_areas(db, activity_id, new).await
}

/// The choices a voter of a poll that is not secret made, kept so they can see and change them
/// (with the groups they were counted in, to take the counts back exactly).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptBallot {
    pub answers: Vec<(i32, Answer)>,
    pub groups: Vec<String>,
}

pub async fn voter(db: &impl ConnectionTrait, activity_id: i32, user_id: i32) -> AppResult<Option<poll_voter::Model>> {
    poll_voter::Entity::find_by_id((activity_id, user_id)).one(db).await.map_err(internal)
}

/// What recording a vote found.
pub enum Claim {
    /// The person's first vote in this poll.
    New,
    /// The same form sent again (a double click, a retry): already counted.
    Repeat,
    /// A changed ballot replacing this earlier one (polls that allow changing, never secret).
    Replacing(KeptBallot),
    /// Voted before, and the poll does not allow changing.
    AlreadyVoted,
}

/// Records that a person votes. The primary key decides who was first; a repeat of the same form
/// (the same submission key) is told apart from a second ballot.
pub async fn claim_vote<C: ConnectionTrait + TransactionTrait>(
    txn: &C,
    activity_id: i32,
    user_id: i32,
    today: NaiveDate,
    submission_key: &str,
    changeable: bool,
) -> AppResult<Claim> {
    let row = poll_voter::ActiveModel {
        activity_id: Set(activity_id),
        user_id: Set(user_id),
        voted_on: Set(today),
        submission_key: Set(submission_key.to_owned()),
        ballot: Set(None),
    };
    if insert_unless_duplicate(txn, row).await?.is_some() {
        return Ok(Claim::New);
    }
    let existing = voter(txn, activity_id, user_id).await?.ok_or_else(|| internal("voter row vanished"))?;
    if existing.submission_key == submission_key {
        return Ok(Claim::Repeat);
    }
    match existing.ballot.as_deref().and_then(|b| serde_json::from_str::<KeptBallot>(b).ok()) {
        Some(previous) if changeable => Ok(Claim::Replacing(previous)),
        _ => Ok(Claim::AlreadyVoted),
    }
}

/// Keeps the choices of a voter in a poll that is not secret (never called for a secret one).
pub async fn keep_ballot(
    db: &impl ConnectionTrait,
    activity_id: i32,
    user_id: i32,
    today: NaiveDate,
    submission_key: &str,
    kept: &KeptBallot,
) -> AppResult<()> {
    poll_voter::ActiveModel {
        activity_id: Set(activity_id),
        user_id: Set(user_id),
        voted_on: Set(today),
        submission_key: Set(submission_key.to_owned()),
        ballot: Set(Some(serde_json::to_string(kept).map_err(internal)?)),
    }
    .update(db)
    .await
    .map_err(internal)?;
    Ok(())
}

/// Adds `delta` to every count (−1 to take back a replaced ballot). Keys are written in one
/// order by every voter, so concurrent transactions on PostgreSQL never wait on each other in a
/// circle.
pub async fn count(db: &impl ConnectionTrait, activity_id: i32, keys: &[TallyKey], delta: i64) -> AppResult<()> {
    let mut keys: Vec<&TallyKey> = keys.iter().collect();
    keys.sort();
    if keys.is_empty() {
        return Ok(());
    }
    let rows = keys.into_iter().map(|k| poll_tally::ActiveModel {
        activity_id: Set(activity_id),
        question_id: Set(k.question),
        option_id: Set(k.option),
        value: Set(k.value),
        breakdown: Set(k.breakdown.clone()),
        count: Set(delta),
    });
    poll_tally::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([
                poll_tally::Column::ActivityId,
                poll_tally::Column::QuestionId,
                poll_tally::Column::OptionId,
                poll_tally::Column::Value,
                poll_tally::Column::Breakdown,
            ])
            .value(
                poll_tally::Column::Count,
                Expr::col((poll_tally::Entity, poll_tally::Column::Count))
                    .add(Expr::col((Alias::new("excluded"), poll_tally::Column::Count))),
            )
            .to_owned(),
        )
        .exec_without_returning(db)
        .await
        .map_err(internal)?;
    Ok(())
}

/// Open answers become input records the report answers. A secret poll's carry no author and
/// only the day, so they cannot be traced back to a voter either.
pub struct OpenAnswers<'a> {
    pub municipality_id: i32,
    pub trajectory_id: i32,
    pub activity_id: i32,
    pub author_id: Option<i32>,
    pub answered_at: DateTime<Utc>,
    pub texts: Vec<&'a str>,
}

pub async fn store_open_answers(db: &impl ConnectionTrait, answers: OpenAnswers<'_>) -> AppResult<()> {
    for text in answers.texts {
        input::ActiveModel {
            municipality_id: Set(answers.municipality_id),
            trajectory_id: Set(Some(answers.trajectory_id)),
            activity_id: Set(Some(answers.activity_id)),
            kind: Set(InputKind::PollAnswer.as_str().to_owned()),
            channel: Set(Channel::Online.as_str().to_owned()),
            author_id: Set(answers.author_id),
            contact_consent: Set(false),
            body: Set(text.to_owned()),
            official: Set(false),
            status: Set(InputStatus::Visible.as_str().to_owned()),
            created_at: Set(answers.answered_at),
            ..Default::default()
        }
        .insert(db)
        .await
        .map_err(internal)?;
    }
    Ok(())
}

/// Removes a voter's open answers when they replace their ballot (polls that are not secret).
pub async fn remove_open_answers(db: &impl ConnectionTrait, activity_id: i32, author_id: i32) -> AppResult<()> {
    input::Entity::delete_many()
        .filter(input::Column::ActivityId.eq(activity_id))
        .filter(input::Column::Kind.eq(InputKind::PollAnswer.as_str()))
        .filter(input::Column::AuthorId.eq(author_id))
        .exec(db)
        .await
        .map_err(internal)?;
    Ok(())
}

pub async fn tallies(db: &impl ConnectionTrait, activity_id: i32) -> AppResult<Vec<poll_tally::Model>> {
    poll_tally::Entity::find().filter(poll_tally::Column::ActivityId.eq(activity_id)).all(db).await.map_err(internal)
}
