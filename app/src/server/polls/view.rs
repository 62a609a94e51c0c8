//! A poll as its page shows it: its questions, whether the reader may vote (and why not), and
//! the results when they are public (staff of the municipality see them all along).

use super::{eligibility_of, question_views, who_may_vote, Reading};
use crate::domain::polls::PollWindow;
use crate::domain::tenancy::MunicipalityId;
use crate::error::{AppError, AppResult};
use crate::model::polls::{MayVote, PollResults, PollView};
use crate::model::tenancy::MunicipalityDetail;
use crate::server::state::AppState;
use crate::server::{clock, markdown, poll_results, submission};

pub async fn poll_view(reading: &Reading) -> AppResult<PollView> {
    let found = &reading.found;
    let window = reading.window();
    let db = &reading.state.db;
    let voter = match &reading.account {
        Some(account) => super::voter(db, found.activity.id, account.id).await?,
        None => None,
    };
    let may_vote = match (&reading.account, window) {
        (_, PollWindow::NotYetOpen) => MayVote::NotYetOpen,
        (_, PollWindow::Closed) => MayVote::Closed,
        (None, PollWindow::Open) => MayVote::SignIn,
        (Some(account), PollWindow::Open) => {
            match eligibility_of(db, reading.municipality_id, found, account, reading.state.clock.today()).await? {
                Err(reason) => MayVote::NotEligible(reason),
                Ok(()) if voter.is_some() && !found.poll.changeable => MayVote::AlreadyVoted,
                Ok(()) => MayVote::Yes,
            }
        }
    };
    let results_public = found.results_shown().public(window, found.poll.secret);
    let tallies = super::tallies(db, found.activity.id).await?;
    let ballots = poll_results::ballots(&tallies);
    // Staff follow an open poll's results, except a secret poll's: nobody reads those before
    // it closes (see `ResultsShown::public`).
    let results = if results_public || (reading.is_staff() && !found.poll.secret) {
        let paper = super::paper(db, found.activity.id).await?;
        Some(poll_results::assemble(found, &tallies, &paper, &reading.municipality.areas))
    } else {
        None
    };
    let my_answers = voter
        .as_ref()
        .and_then(|v| v.ballot.as_deref())
        .and_then(|b| serde_json::from_str::<super::KeptBallot>(b).ok())
        .map(|k| k.answers);
    let submission_token = reading.account.as_ref().map(|a| submission::token_for(&reading.state, a.id));
    Ok(PollView {
        id: found.activity.id,
        municipality_slug: reading.municipality.slug.clone(),
        municipality_name: reading.municipality.name.clone(),
        trajectory_id: found.trajectory.row.id,
        trajectory_title: found.trajectory.row.title.clone(),
        title: found.activity.title.clone(),
        intro_html: markdown::to_safe_html(&found.activity.intro),
        phase_name: found.phase.name.clone(),
        opens_local: clock::local_time(found.poll.opens_at),
        closes_local: clock::local_time(found.poll.closes_at),
        window,
        results_shown: found.results_shown(),
        secret: found.poll.secret,
        changeable: found.poll.changeable,
        who: who_may_vote(found, &reading.municipality.areas),
        questions: question_views(found),
        may_vote,
        voted: voter.is_some(),
        my_answers,
        submission_token,
        ballots,
        results,
        results_public,
        can_enter_paper: reading.can_enter_paper(),
        can_manage: reading.can_manage(),
    })
}

/// A poll's results as everyone may read them, or the moment they become public.
pub enum PublicResults {
    Shown { found: Box<super::Found>, results: PollResults },
    NotYet { public_from: chrono::DateTime<chrono::Utc> },
}

/// The results of poll `id` for a reader without an account (the open data): not found in a
/// trajectory that is not public, and only once the poll's rules make them public — the same
/// rule the poll page applies.
pub async fn public_results(state: &AppState, municipality: &MunicipalityDetail, id: i32) -> AppResult<PublicResults> {
    let found = super::find(&state.db, MunicipalityId(municipality.id), id)
        .await?
        .filter(|found| found.trajectory.status.is_public())
        .ok_or(AppError::NotFound)?;
    if !found.results_shown().public(found.window(state.clock.now()), found.poll.secret) {
        return Ok(PublicResults::NotYet { public_from: found.poll.closes_at });
    }
    let tallies = super::tallies(&state.db, found.activity.id).await?;
    let paper = super::paper(&state.db, found.activity.id).await?;
    let results = poll_results::assemble(&found, &tallies, &paper, &municipality.areas);
    Ok(PublicResults::Shown { found: Box::new(found), results })
}
