//! What a panel administrator does: create or change a panel, make codes to hand out, invite
//! someone by e-mail, add a member with an account, end a membership.

use super::managing::{Managing, NEW_CODES};
use super::{add_member, end_membership, make_codes, save};
use crate::domain::accounts::Email;
use crate::domain::panels::{check_panel, printed_code, MAX_CODES_AT_ONCE};
use crate::domain::validation::Problem;
use crate::error::{AppError, AppResult};
use crate::model::panels::PanelForm;
use crate::server::context::internal;
use crate::server::letters::{Language, Letter};
use crate::server::mail;
use crate::server::submission::{self, Claim, Submit};
use crate::server::writes::begin_write;
use crate::server::{accounts, panels};

/// Creates a panel (`id` empty) or changes one; the panel's id. Two panels of a municipality
/// cannot share a name.
#[tracing::instrument(skip_all, fields(municipality = managing.municipality.id))]
pub async fn save_panel(managing: &Managing, form: &PanelForm) -> AppResult<i32> {
    let existing = match form.id.trim() {
        "" => None,
        raw => Some(managing.panel(raw.parse().map_err(|_| panels::not_found())?).await?.id),
    };
    let f = form;
    let draft = check_panel(&f.name, &f.description, &f.min_age, &f.max_age, &f.term_starts_on, &f.term_ends_on)
        .map_err(|checks| AppError::validation_of(checks.into_errors(), form.typed()))?;
    let state = &managing.signed_in.state;
    let txn = begin_write(&state.db).await.map_err(internal)?;
    let (me, now) = (managing.signed_in.account.id, state.clock.now());
    let Some(saved) = save(&txn, managing.municipality_id, existing, &draft, me, now).await? else {
        txn.rollback().await.map_err(internal)?;
        return Err(AppError::refused("name", Problem::NameTaken).refilled(form.typed()));
    };
    let action = if existing.is_some() { "update_panel" } else { "create_panel" };
    managing.audit(&txn, action, format!("panel {saved} \"{}\"", draft.name)).await?;
    txn.commit().await.map_err(internal)?;
    Ok(saved)
}

/// Makes single-use codes to print and hand out; they are shown once (the panel page takes them
/// from the session) and stored only as a hash. The same form sent twice makes one set: the
/// repeat gets none, as the first set is the one on the page.
#[tracing::instrument(skip_all, fields(panel = panel))]
pub async fn make_panel_codes(
    managing: &Managing,
    panel: i32,
    count: &str,
    submission_token: &str,
) -> AppResult<Vec<String>> {
    let row = managing.panel(panel).await?;
    let typed = vec![("count".to_owned(), count.to_owned())];
    let n = count.trim().parse::<u32>().ok().filter(|n| (1..=MAX_CODES_AT_ONCE).contains(n)).ok_or_else(|| {
        AppError::refused("count", Problem::NumberInvalid { max: MAX_CODES_AT_ONCE }).refilled(typed.clone())
    })?;
    let state = &managing.signed_in.state;
    let by = managing.signed_in.account.id;
    let submit = Submit::verified(state, by, submission_token, &format!("panel_codes:{}", row.id))
        .ok_or_else(|| submission::expired("count", typed))?;
    let txn = begin_write(&state.db).await.map_err(internal)?;
    let codes = make_codes(&txn, row.id, n, None, by, state.clock.now()).await?;
    if let Claim::Repeat { .. } = submit.claim(&txn, row.id).await? {
        txn.rollback().await.map_err(internal)?;
        return Ok(Vec::new());
    }
    managing.audit(&txn, "make_panel_codes", format!("{n} invitation code(s) for panel {}", row.id)).await?;
    txn.commit().await.map_err(internal)?;
    let printed: Vec<String> = codes.iter().map(|c| printed_code(c)).collect();
    managing.signed_in.session.insert(NEW_CODES, (row.id, printed.clone())).await.map_err(internal)?;
    Ok(printed)
}

/// Sends a personal invitation with a code to an e-mail address (an account or not yet). The
/// same form sent twice sends one invitation.
#[tracing::instrument(skip_all, fields(panel = panel))]
pub async fn invite_to_panel(managing: &Managing, panel: i32, email: &str, submission_token: &str) -> AppResult<()> {
    let row = managing.panel(panel).await?;
    let typed = vec![("email".to_owned(), email.to_owned())];
    let address = Email::parse(email).map_err(|problem| AppError::refused("email", problem).refilled(typed.clone()))?;
    let state = &managing.signed_in.state;
    let by = managing.signed_in.account.id;
    let target = format!("invite_to_panel:{}", row.id);
    let submit =
        Submit::verified(state, by, submission_token, &target).ok_or_else(|| submission::expired("email", typed))?;
    let txn = begin_write(&state.db).await.map_err(internal)?;
    let code = make_codes(&txn, row.id, 1, Some(address.as_str()), by, state.clock.now()).await?.remove(0);
    if let Claim::Repeat { .. } = submit.claim(&txn, row.id).await? {
        return txn.rollback().await.map_err(internal);
    }
    let join_page = format!("{}/{}/panel-aanmelden", state.settings.public_url, managing.municipality.slug);
    let link = format!("{join_page}?code={code}");
    let printed = printed_code(&code);
    let letter = Letter::PanelInvitation {
        panel: &row.name,
        municipality: &managing.municipality.name,
        description: &row.description,
        link: &link,
        join_page: &join_page,
        code: &printed,
    };
    // Someone with an account reads it in the language they chose; anyone else in Dutch.
    let invitee = accounts::find_by_email(&txn, &address).await?;
    let language = Language::of(invitee.as_ref().and_then(|a| a.locale.as_deref()));
    mail::send(&txn, address.as_str(), language, &letter, None).await?;
    managing.audit(&txn, "invite_to_panel", format!("invitation to panel {} sent by e-mail", row.id)).await?;
    txn.commit().await.map_err(internal)?;
    state.mail_queued.notify_one();
    Ok(())
}

/// Adds someone who already has an account, by their e-mail address, from today.
#[tracing::instrument(skip_all, fields(panel = panel))]
pub async fn add_panel_member(managing: &Managing, panel: i32, email: &str) -> AppResult<()> {
    let row = managing.panel(panel).await?;
    let refuse = |problem: Problem| AppError::refused("email", problem).refilled(vec![("email".into(), email.into())]);
    let address = Email::parse(email).map_err(refuse)?;
    let state = &managing.signed_in.state;
    let person = accounts::find_by_email(&state.db, &address).await?.ok_or_else(|| refuse(Problem::UnknownAccount))?;
    let txn = begin_write(&state.db).await.map_err(internal)?;
    let added = add_member(&txn, row.id, person.id, Some(managing.signed_in.account.id), state.clock.now()).await?;
    if let Err(problem) = added {
        txn.rollback().await.map_err(internal)?;
        return Err(refuse(problem));
    }
    managing.audit(&txn, "add_panel_member", format!("account {} added to panel {}", person.id, row.id)).await?;
    txn.commit().await.map_err(internal)
}

/// Ends a member's running membership; yesterday was its last day.
#[tracing::instrument(skip_all, fields(panel = panel))]
pub async fn end_panel_membership(managing: &Managing, panel: i32, member: i32) -> AppResult<()> {
    let row = managing.panel(panel).await?;
    let state = &managing.signed_in.state;
    let today = state.clock.today();
    let txn = begin_write(&state.db).await.map_err(internal)?;
    if !end_membership(&txn, row.id, member, today.pred_opt().unwrap_or(today)).await? {
        txn.rollback().await.map_err(internal)?;
        return Err(AppError::NotFound);
    }
    managing.audit(&txn, "end_panel_membership", format!("account {member} no longer in panel {}", row.id)).await?;
    txn.commit().await.map_err(internal)
}
