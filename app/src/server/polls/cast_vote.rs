//! Casting a ballot, or changing it where the poll allows: the one place a vote is counted.

use super::{age_day, eligibility_of, Reading};
use super::{claim_vote, count, keep_ballot, remove_open_answers, store_open_answers, Claim, KeptBallot, OpenAnswers};
use crate::domain::accounts::age_on;
use crate::domain::polls::{age_band, check_ballot, tally_keys, voter_groups, Answer, PollWindow};
use crate::domain::validation::{FieldError, Problem};
use crate::error::{AppError, AppResult};
use crate::model::polls::BallotForm;
use crate::server::clock;
use crate::server::context::internal;
use crate::server::entities::user;
use crate::server::writes::begin_write;
use sea_orm::EntityTrait;

/// What became of a ballot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voted {
    /// Counted now (a changed ballot replaced the earlier one).
    Counted,
    /// The same form was sent before and is counted already: nothing changed.
    AlreadyCounted,
}

/// Counts `voter`'s ballot in the poll `reading` found. `submission_key` makes the same form
/// sent twice count once. Who the voter is (age, area, panels) is read inside the transaction
/// that counts, so a birthday or a move since the page was loaded is seen.
#[tracing::instrument(skip_all, fields(poll = reading.found.activity.id))]
pub async fn cast_vote(reading: &Reading, voter: i32, submission_key: &str, form: &BallotForm) -> AppResult<Voted> {
    let found = &reading.found;
    let state = &reading.state;
    if reading.window() != PollWindow::Open {
        return Err(AppError::refused("ballot", Problem::PollNotOpen));
    }
    let (inputs, bad_rankings) = form.answers();
    let answers = match check_ballot(&found.domain_questions(), &inputs) {
        Ok(answers) if bad_rankings.is_empty() => answers,
        result => {
            let mut errors: Vec<FieldError> = bad_rankings
                .iter()
                .map(|q| FieldError::new(&format!("answer[{q}]"), Problem::RankingIncomplete))
                .collect();
            if let Err(checks) = result {
                let more: Vec<FieldError> =
                    checks.into_errors().into_iter().filter(|e| !errors.iter().any(|b| b.field == e.field)).collect();
                errors.extend(more);
            }
            return Err(AppError::validation_of(errors, Vec::new()));
        }
    };
    let now = state.clock.now();
    let today = clock::dutch_day(now);
    let txn = begin_write(&state.db).await.map_err(internal)?;
    let keeps_choices = found.poll.changeable && !found.poll.secret;
    let previous = match claim_vote(&txn, found.activity.id, voter, today, submission_key, keeps_choices).await? {
        Claim::Repeat => return Ok(Voted::AlreadyCounted),
        Claim::AlreadyVoted => return Err(AppError::refused("ballot", Problem::AlreadyVoted)),
        Claim::New => None,
        Claim::Replacing(previous) => Some(previous),
    };
    let person = user::Entity::find_by_id(voter).one(&txn).await.map_err(internal)?.ok_or(AppError::Unauthenticated)?;
    if eligibility_of(&txn, reading.municipality_id, found, &person, today).await?.is_err() {
        return Err(AppError::Forbidden);
    }
    let band = person.birth_date.map(|born| age_band(age_on(born, age_day(found))));
    let groups = voter_groups(band, person.area_id);
    if !found.poll.secret {
        let kept = KeptBallot { answers: answers.clone(), groups: groups.clone() };
        keep_ballot(&txn, found.activity.id, voter, today, submission_key, &kept).await?;
    }
    if let Some(previous) = previous {
        count(&txn, found.activity.id, &tally_keys(&previous.answers, &previous.groups), -1).await?;
        remove_open_answers(&txn, found.activity.id, voter).await?;
    }
    count(&txn, found.activity.id, &tally_keys(&answers, &groups), 1).await?;
    let texts: Vec<&str> = answers
        .iter()
        .filter_map(|(_, a)| match a {
            Answer::Open(text) => Some(text.as_str()),
            _ => None,
        })
        .collect();
    if !texts.is_empty() {
        let secret = found.poll.secret;
        let open = OpenAnswers {
            municipality_id: reading.municipality_id.0,
            trajectory_id: found.trajectory.row.id,
            activity_id: found.activity.id,
            // A secret poll's open answers carry neither the voter nor the moment of voting.
            author_id: (!secret).then_some(voter),
            answered_at: if secret { clock::start_of_dutch_day(today) } else { now },
            texts,
        };
        store_open_answers(&txn, open).await?;
    }
    txn.commit().await.map_err(internal)?;
    Ok(Voted::Counted)
}
