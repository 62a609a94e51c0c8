//! Votes cast on paper or at a meeting: staff enter them as counted totals, each batch once
//! however often its form arrives, and take a wrong batch back out of the totals with a reason
//! (it stays listed, marked, and the audit log keeps who did it).

use crate::api::polls::PaperBatchView;
use crate::error::AppError;
use leptos::prelude::*;
use std::collections::HashMap;

/// The batches entered for a poll, withdrawn ones included: for staff who enter paper votes,
/// also while a secret poll's results are not shown yet.
#[server(endpoint = "list_paper_votes")]
pub async fn list_paper_votes(municipality: String, poll: i32) -> Result<Vec<PaperBatchView>, AppError> {
    use crate::server::{context, poll_results, polls};
    let reading = crate::api::polls::support::reading(&municipality, poll).await?;
    if reading.account.is_none() {
        return Err(context::answer_with(AppError::Unauthenticated));
    }
    if !reading.can_enter_paper() {
        return Err(context::answer_with(AppError::Forbidden));
    }
    let paper = polls::paper(&reading.state.db, reading.found.activity.id).await?;
    Ok(paper.iter().map(poll_results::paper_batch_view).collect())
}

/// Votes cast on paper or at a meeting, entered as counted totals per option of the poll's
/// single-choice questions (`count[option]`), with the channel and the day they were counted.
#[server(endpoint = "enter_paper_votes")]
pub async fn enter_paper_votes(
    municipality: String,
    poll: i32,
    #[server(default)] submission_token: String,
    #[server(default)] channel: String,
    #[server(default)] description: String,
    #[server(default)] counted_on: String,
    #[server(default)] count: HashMap<String, String>,
) -> Result<(), AppError> {
    use crate::domain::consultations::Channel;
    use crate::domain::trajectories::{parse_date, required_text};
    use crate::domain::validation::{Checks, Problem};
    use crate::server::audit::{self, AuditEntry};
    use crate::server::entities::{poll_paper_batch, poll_paper_count};
    use crate::server::submission::{Claim, Submit};
    use crate::server::{clock, context};
    use chrono::Utc;
    use sea_orm::{ActiveModelTrait, Set};

    let reading = crate::api::polls::support::reading(&municipality, poll).await?;
    let account = reading.account.clone().ok_or_else(|| context::answer_with(AppError::Unauthenticated))?;
    if !reading.can_enter_paper() {
        return Err(context::answer_with(AppError::Forbidden));
    }
    let found = &reading.found;
    let mut typed = vec![
        ("channel".to_owned(), channel.clone()),
        ("description".to_owned(), description.clone()),
        ("counted_on".to_owned(), counted_on.clone()),
    ];
    typed.extend(count.iter().map(|(o, v)| (format!("count[{o}]"), v.clone())));
    let mut checks = Checks::new();
    let channel = checks.field(
        "channel",
        Channel::parse(channel.trim()).filter(|c| *c != Channel::Online).ok_or(Problem::ChoiceInvalid),
    );
    let description = checks.field("description", required_text(&description, 200));
    let counted_on = checks.field(
        "counted_on",
        parse_date(&counted_on).and_then(|day| {
            if day > clock::today() {
                Err(Problem::DateInFuture)
            } else if day < clock::dutch_day(found.poll.opens_at) {
                Err(Problem::ReceivedOutsideWindow)
            } else {
                Ok(day)
            }
        }),
    );
    let mut counts = Vec::new();
    for row in found.questions.iter().filter(|q| q.question.kind == "single") {
        for option in &row.options {
            let field = format!("count[{}]", option.id);
            let raw = count.get(&option.id.to_string()).map(|v| v.trim()).unwrap_or_default();
            if raw.is_empty() {
                continue;
            }
            if let Some(n) = checks.field(
                &field,
                raw.parse::<u32>().ok().filter(|n| *n <= 1_000_000).ok_or(Problem::NumberInvalid { max: 1_000_000 }),
            ) {
                if n > 0 {
                    counts.push((row.question.id, option.id, n as i32));
                }
            }
        }
    }
    if checks.is_empty() && counts.is_empty() {
        checks.add("description", Problem::Required);
    }
    let target = format!("paper:{}", found.activity.id);
    let submit = checks.field(
        "description",
        Submit::verified(&reading.state.settings.form_key, account.id, &submission_token, &target)
            .ok_or(Problem::FormExpired),
    );
    let (Some(channel), Some(description), Some(counted_on), Some(submit), true) =
        (channel, description, counted_on, submit, checks.is_empty())
    else {
        return Err(context::answer_with(AppError::validation_of(checks.into_errors(), typed)));
    };
    let state = &reading.state;
    let txn = crate::server::writes::begin_write(&state.db).await.map_err(context::internal)?;
    let batch = poll_paper_batch::ActiveModel {
        activity_id: Set(found.activity.id),
        channel: Set(channel.as_str().to_owned()),
        description: Set(description.clone()),
        counted_on: Set(counted_on),
        entered_by: Set(Some(account.id)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(context::internal)?;
    for (question_id, option_id, n) in &counts {
        poll_paper_count::ActiveModel {
            batch_id: Set(batch.id),
            question_id: Set(*question_id),
            option_id: Set(*option_id),
            count: Set(*n),
        }
        .insert(&txn)
        .await
        .map_err(context::internal)?;
    }
    if let Claim::Repeat { .. } = submit.claim(&txn, batch.id).await? {
        // The same form again: the first submit's batch is counted, this one is not.
        txn.rollback().await.map_err(context::internal)?;
        leptos_axum::redirect(&format!("{}?papier=1#uitslag", reading.page_path()));
        return Ok(());
    }
    audit::record(
        &txn,
        AuditEntry {
            municipality: Some(reading.municipality_id.0),
            actor: Some(account.id),
            action: "enter_paper_votes",
            details: format!(
                "paper votes batch {} for poll {} ({}, \"{description}\", {} votes)",
                batch.id,
                found.activity.id,
                channel.as_str(),
                counts.iter().map(|c| c.2).sum::<i32>()
            ),
        },
    )
    .await?;
    txn.commit().await.map_err(context::internal)?;
    leptos_axum::redirect(&format!("{}?papier=1#uitslag", reading.page_path()));
    Ok(())
}

/// Takes a batch of paper votes out of the poll's totals, with the reason (`reason[batch]`, so
/// each batch's form on the page has its own field); withdrawing it again changes nothing.
#[server(endpoint = "withdraw_paper_votes")]
pub async fn withdraw_paper_votes(
    municipality: String,
    poll: i32,
    batch: i32,
    #[server(default)] reason: HashMap<String, String>,
) -> Result<(), AppError> {
    use crate::domain::trajectories::required_text;
    use crate::domain::validation::FieldError;
    use crate::server::audit::{self, AuditEntry};
    use crate::server::{context, polls};

    let reading = crate::api::polls::support::reading(&municipality, poll).await?;
    let account = reading.account.clone().ok_or_else(|| context::answer_with(AppError::Unauthenticated))?;
    if !reading.can_enter_paper() {
        return Err(context::answer_with(AppError::Forbidden));
    }
    let db = &reading.state.db;
    let found = polls::paper_batch(db, reading.found.activity.id, batch)
        .await?
        .ok_or_else(|| context::answer_with(AppError::NotFound))?;
    let field = format!("reason[{batch}]");
    let reason = reason.get(&batch.to_string()).cloned().unwrap_or_default();
    let reason = required_text(&reason, 500).map_err(|problem| {
        context::answer_with(AppError::validation_of(
            vec![FieldError::new(&field, problem)],
            vec![(field.clone(), reason.clone())],
        ))
    })?;
    let txn = crate::server::writes::begin_write(db).await.map_err(context::internal)?;
    if polls::withdraw_paper_batch(&txn, found.id, account.id, &reason).await? {
        audit::record(
            &txn,
            AuditEntry {
                municipality: Some(reading.municipality_id.0),
                actor: Some(account.id),
                action: "withdraw_paper_votes",
                details: format!(
                    "paper votes batch {} for poll {} withdrawn: \"{reason}\"",
                    found.id, reading.found.activity.id
                ),
            },
        )
        .await?;
    }
    txn.commit().await.map_err(context::internal)?;
    leptos_axum::redirect(&format!("{}/papieren-stemmen?ingetrokken={}", reading.page_path(), found.id));
    Ok(())
}
