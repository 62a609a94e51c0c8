//! Polls: reading a poll, voting, and its results. Who may vote is decided on the server inside
//! the transaction that counts the ballot, from the rules of play in force and the poll's own
//! narrowing (areas, an age band on the closing day, or a panel).
// A server function behind a plain HTML form takes one argument per form field.
#![allow(clippy::too_many_arguments)]

#[cfg(feature = "ssr")]
use crate::domain::eligibility::NotEligible;
#[cfg(feature = "ssr")]
use crate::domain::polls::{Answer, PollWindow};
use crate::error::AppError;
pub use crate::model::polls::*;
#[cfg(feature = "ssr")]
use chrono::NaiveDate;
use leptos::prelude::*;
use std::collections::HashMap;

#[cfg(feature = "ssr")]
pub mod support {
    use super::*;
    use crate::domain::eligibility::{self, Participant};
    use crate::domain::roles::{can_enter_input_for_others, Actor};
    use crate::domain::rules_of_play::Eligibility;
    use crate::domain::tenancy::{AreaId, MunicipalityId};
    use crate::server::entities::user;
    use crate::server::polls::{self, Found};
    use crate::server::state::AppState;
    use crate::server::{clock, context, panels};
    use chrono::Utc;
    use sea_orm::ConnectionTrait;

    /// A poll as the reader may see it: one in a draft trajectory only for the municipality's staff.
    pub struct Reading {
        pub state: AppState,
        pub account: Option<user::Model>,
        pub actor: Option<Actor>,
        pub municipality: crate::api::tenancy::MunicipalityDetail,
        pub municipality_id: MunicipalityId,
        pub found: Found,
    }

    pub async fn reading(municipality: &str, id: i32) -> Result<Reading, AppError> {
        let context::Reader { state, account, actor, municipality: found_municipality, municipality_id } =
            context::reader(municipality).await?;
        let found = polls::find(&state.db, municipality_id, id).await?.ok_or_else(polls::not_found)?;
        let is_staff = actor.as_ref().is_some_and(|a| a.is_staff_of(municipality_id));
        if !found.trajectory.status.is_public() && !is_staff {
            return Err(polls::not_found());
        }
        Ok(Reading { state, account, actor, municipality: found_municipality, municipality_id, found })
    }

    impl Reading {
        pub fn window(&self) -> PollWindow {
            self.found.window(Utc::now())
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
    ) -> Result<Result<(), NotEligible>, AppError> {
        let rules = found.rules();
        let panels = if rules.iter().any(|r| matches!(r, Eligibility::Panel(_))) {
            panels::panel_names_on(db, municipality, person.id, clock::today()).await?
        } else {
            Vec::new()
        };
        let participant = Participant { area: person.area_id.map(AreaId), birth_date: person.birth_date, panels };
        let day = age_day(found);
        Ok(eligibility::has_confirmed_email(person.email_confirmed())
            .and_then(|()| eligibility::check_all(&rules, &participant, day)))
    }

    pub fn who_may_vote(found: &Found, areas: &[crate::api::tenancy::AreaSummary]) -> Vec<WhoMayVote> {
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

    /// The ballot form's fields, as the server function receives them, turned into one answer
    /// per question for the domain's check; problems the conversion finds itself (a ranking
    /// with two options in one place) come back by question.
    pub struct BallotForm {
        pub choice: HashMap<String, String>,
        pub pick: HashMap<String, HashMap<String, String>>,
        pub scale: HashMap<String, String>,
        pub rank: HashMap<String, HashMap<String, String>>,
        pub open: HashMap<String, String>,
    }

    impl BallotForm {
        pub fn typed(&self) -> Vec<(String, String)> {
            let mut typed = Vec::new();
            typed.extend(self.choice.iter().map(|(q, v)| (format!("choice[{q}]"), v.clone())));
            typed.extend(self.scale.iter().map(|(q, v)| (format!("scale[{q}]"), v.clone())));
            typed.extend(self.open.iter().map(|(q, v)| (format!("open[{q}]"), v.clone())));
            for (q, picks) in &self.pick {
                let chosen: Vec<&str> = picks.iter().filter(|(_, v)| !v.is_empty()).map(|(o, _)| o.as_str()).collect();
                typed.push((format!("pick[{q}]"), chosen.join(",")));
            }
            for (q, ranks) in &self.rank {
                typed.extend(ranks.iter().map(|(o, v)| (format!("rank[{q}][{o}]"), v.clone())));
            }
            typed
        }

        pub fn answers(&self) -> (std::collections::BTreeMap<i32, crate::domain::polls::AnswerInput>, Vec<i32>) {
            use crate::domain::polls::AnswerInput;
            let mut inputs: std::collections::BTreeMap<i32, AnswerInput> = std::collections::BTreeMap::new();
            let mut bad_rankings = Vec::new();
            let id = |raw: &str| raw.trim().parse::<i32>().unwrap_or(-1);
            for (q, v) in &self.choice {
                inputs.entry(id(q)).or_default().options.push(v.clone());
            }
            for (q, picks) in &self.pick {
                let mut chosen: Vec<&String> = picks.iter().filter(|(_, v)| !v.is_empty()).map(|(o, _)| o).collect();
                chosen.sort_by_key(|o| id(o));
                inputs.entry(id(q)).or_default().options.extend(chosen.into_iter().cloned());
            }
            for (q, v) in self.scale.iter().chain(&self.open) {
                inputs.entry(id(q)).or_default().text = v.clone();
            }
            for (q, ranks) in &self.rank {
                let entry = inputs.entry(id(q)).or_default();
                match crate::domain::polls::order_from_ranks(ranks) {
                    Ok(order) => entry.options = order,
                    Err(_) => bad_rankings.push(id(q)),
                }
            }
            (inputs, bad_rankings)
        }
    }
}

/// A poll: its questions, whether the reader may vote (and why not), and the results when they
/// are public (staff of the municipality see them all along).
#[server(endpoint = "get_poll")]
pub async fn get_poll(municipality: String, id: i32) -> Result<PollView, AppError> {
    use crate::server::{clock, markdown, polls, submission};
    use chrono::Utc;

    let reading = support::reading(&municipality, id).await?;
    let found = &reading.found;
    let window = reading.window();
    let db = &reading.state.db;
    let voter = match &reading.account {
        Some(account) => polls::voter(db, found.activity.id, account.id).await?,
        None => None,
    };
    let may_vote = match (&reading.account, window) {
        (_, PollWindow::NotYetOpen) => MayVote::NotYetOpen,
        (_, PollWindow::Closed) => MayVote::Closed,
        (None, PollWindow::Open) => MayVote::SignIn,
        (Some(account), PollWindow::Open) => {
            match support::eligibility_of(db, reading.municipality_id, found, account).await? {
                Err(reason) => MayVote::NotEligible(reason),
                Ok(()) if voter.is_some() && !found.poll.changeable => MayVote::AlreadyVoted,
                Ok(()) => MayVote::Yes,
            }
        }
    };
    let results_public = found.results_shown().public(window, found.poll.secret);
    let tallies = polls::tallies(db, found.activity.id).await?;
    let ballots = crate::server::poll_results::ballots(&tallies);
    // Staff follow an open poll's results, except a secret poll's: nobody reads those before
    // it closes (see `ResultsShown::public`).
    let results = if results_public || (reading.is_staff() && !found.poll.secret) {
        let paper = polls::paper(db, found.activity.id).await?;
        Some(crate::server::poll_results::assemble(found, &tallies, &paper, &reading.municipality.areas))
    } else {
        None
    };
    let my_answers = voter
        .as_ref()
        .and_then(|v| v.ballot.as_deref())
        .and_then(|b| serde_json::from_str::<polls::KeptBallot>(b).ok())
        .map(|k| k.answers);
    let submission_token = reading
        .account
        .as_ref()
        .map(|a| submission::issue(&reading.state.settings.form_key, a.id, Utc::now().timestamp()));
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
        who: support::who_may_vote(found, &reading.municipality.areas),
        questions: support::question_views(found),
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

/// Casts (or, where the poll allows, changes) the reader's ballot. Form fields per question:
/// `choice[q]` (single choice), `pick[q][option]` (multiple choice), `scale[q]`,
/// `rank[q][option]` (the place of each option, 1 is first) and `open[q]`.
#[server(endpoint = "cast_vote")]
pub async fn cast_vote(
    municipality: String,
    poll: i32,
    submission_token: String,
    #[server(default)] choice: HashMap<String, String>,
    #[server(default)] pick: HashMap<String, HashMap<String, String>>,
    #[server(default)] scale: HashMap<String, String>,
    #[server(default)] rank: HashMap<String, HashMap<String, String>>,
    #[server(default)] open: HashMap<String, String>,
) -> Result<(), AppError> {
    use crate::domain::accounts::age_on;
    use crate::domain::polls::{age_band, check_ballot, tally_keys, voter_groups};
    use crate::domain::validation::{FieldError, Problem};
    use crate::server::entities::user;
    use crate::server::polls::{self, Claim, KeptBallot, OpenAnswers};
    use crate::server::{clock, context, submission};
    use chrono::Utc;
    use sea_orm::EntityTrait;

    let reading = support::reading(&municipality, poll).await?;
    let account = reading.account.clone().ok_or_else(|| context::answer_with(AppError::Unauthenticated))?;
    let form = support::BallotForm { choice, pick, scale, rank, open };
    let typed = form.typed();
    let refuse = |errors: Vec<FieldError>| context::answer_with(AppError::validation_of(errors, typed.clone()));
    if reading.window() != PollWindow::Open {
        return Err(refuse(vec![FieldError::new("ballot", Problem::PollNotOpen)]));
    }
    if !submission::verify(&reading.state.settings.form_key, account.id, &submission_token, Utc::now().timestamp()) {
        return Err(refuse(vec![FieldError::new("ballot", Problem::FormExpired)]));
    }
    let found = &reading.found;
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
            return Err(refuse(errors));
        }
    };
    let state = &reading.state;
    let today = clock::today();
    let key = submission::key(&submission_token, &format!("poll:{}", found.activity.id));
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    // The first write of the transaction claims the vote (see `polls::claim_vote`).
    let claim = polls::claim_vote(
        &txn,
        found.activity.id,
        account.id,
        today,
        &key,
        found.poll.changeable && !found.poll.secret,
    )
    .await?;
    let previous = match claim {
        Claim::Repeat => {
            txn.commit().await.map_err(context::internal)?;
            leptos_axum::redirect(&format!("{}?gestemd=1#stem", reading.page_path()));
            return Ok(());
        }
        Claim::AlreadyVoted => {
            txn.rollback().await.map_err(context::internal)?;
            return Err(refuse(vec![FieldError::new("ballot", Problem::AlreadyVoted)]));
        }
        Claim::New => None,
        Claim::Replacing(previous) => Some(previous),
    };
    // Who the voter is counts as read inside the transaction: a birthday, a move or the end of a
    // panel membership since the page was loaded is seen here.
    let person = user::Entity::find_by_id(account.id)
        .one(&txn)
        .await
        .map_err(context::internal)?
        .ok_or_else(|| context::answer_with(AppError::Unauthenticated))?;
    if support::eligibility_of(&txn, reading.municipality_id, found, &person).await?.is_err() {
        txn.rollback().await.map_err(context::internal)?;
        return Err(context::answer_with(AppError::Forbidden));
    }
    let band = person.birth_date.map(|born| age_band(age_on(born, support::age_day(found))));
    let groups = voter_groups(band, person.area_id);
    if !found.poll.secret {
        let kept = KeptBallot { answers: answers.clone(), groups: groups.clone() };
        polls::keep_ballot(&txn, found.activity.id, account.id, today, &key, &kept).await?;
    }
    if let Some(previous) = previous {
        polls::count(&txn, found.activity.id, &tally_keys(&previous.answers, &previous.groups), -1).await?;
        polls::remove_open_answers(&txn, found.activity.id, account.id).await?;
    }
    polls::count(&txn, found.activity.id, &tally_keys(&answers, &groups), 1).await?;
    let texts: Vec<&str> = answers
        .iter()
        .filter_map(|(_, a)| match a {
            Answer::Open(text) => Some(text.as_str()),
            _ => None,
        })
        .collect();
    if !texts.is_empty() {
        let secret = found.poll.secret;
        polls::store_open_answers(
            &txn,
            OpenAnswers {
                municipality_id: reading.municipality_id.0,
                trajectory_id: found.trajectory.row.id,
                activity_id: found.activity.id,
                // A secret poll's open answers carry neither the voter nor the moment of voting.
                author_id: (!secret).then_some(account.id),
                answered_at: if secret { clock::start_of_dutch_day(today) } else { Utc::now() },
                texts,
            },
        )
        .await?;
    }
    txn.commit().await.map_err(context::internal)?;
    leptos_axum::redirect(&format!("{}?gestemd=1#stem", reading.page_path()));
    Ok(())
}
