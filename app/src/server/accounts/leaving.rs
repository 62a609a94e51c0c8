//! Leaving: a person deletes their own account (AVG article 17). At once and in one transaction
//! the account goes, and with it (through the database's foreign keys) its e-mail address, name,
//! birth date, area, sessions, follows, panel memberships, supports and the record of having
//! voted (the counts stay: they were never linked to the person). What the person wrote stays
//! without a name ("Inwoner"), unless they choose to withdraw what is still open for input; desk
//! cases keep their history without contact details; published reports never held names.
//! Every mail to the address goes from the outbox; the confirmation goes to the old address and
//! is deleted as soon as it is sent.

use crate::domain::consultations::{window, Channel, InputStatus, Window};
use crate::domain::trajectories::Status;
use crate::error::{AppError, AppResult};
use crate::server::audit::{self, AuditEntry};
use crate::server::context::{internal, SignedIn};
use crate::server::entities::{
    activity, desk_case, input, outbox_message, panel_invitation, trajectory, trajectory_phase, user,
};
use crate::server::letters::{Language, Letter};
use crate::server::lookups::keyed_by;
use crate::server::mail;
use crate::server::retention::forget_case_contacts;
use crate::server::writes::begin_write;
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};

/// Deletes the signed-in person's account, when they confirmed their password in the last ten
/// minutes (`Forbidden` otherwise); with `withdraw_open`, their comments where participation is
/// still open are withdrawn first. The session ends.
#[tracing::instrument(skip_all, fields(user = signed_in.account.id))]
pub async fn delete_account(signed_in: &SignedIn, withdraw_open: bool) -> AppResult<()> {
    let (state, account) = (&signed_in.state, &signed_in.account);
    if !super::confirmed_recently(signed_in).await? {
        return Err(AppError::Forbidden);
    }
    let now = state.clock.now();
    let txn = begin_write(&state.db).await.map_err(internal)?;
    // Claim the account row first: on PostgreSQL a second deletion at the same moment waits here
    // for this one and then finds nothing left to delete (SQLite's write transactions already
    // take turns).
    let claimed = user::Entity::update_many()
        .col_expr(user::Column::PasswordChangedAt, Expr::value(now))
        .filter(user::Column::Id.eq(account.id))
        .exec(&txn)
        .await
        .map_err(internal)?;
    let found = user::Entity::find_by_id(account.id).one(&txn).await.map_err(internal)?;
    let (1, Some(account)) = (claimed.rows_affected, found) else {
        return Err(AppError::Unauthenticated);
    };
    let withdrawn = if withdraw_open { withdraw_where_open(&txn, account.id, state.clock.today()).await? } else { 0 };
    forget_contact_details(&txn, &account).await?;
    user::Entity::delete_by_id(account.id).exec(&txn).await.map_err(internal)?;
    let details = format!("an account was deleted by its owner; {withdrawn} open comment(s) withdrawn");
    audit::record(&txn, AuditEntry { municipality: None, actor: None, action: "delete_account", details, at: now })
        .await?;
    let letter = Letter::AccountDeleted { withdrawn, site: &state.settings.public_url };
    mail::send_once(&txn, &account.email, Language::of(account.locale.as_deref()), &letter).await?;
    txn.commit().await.map_err(internal)?;
    signed_in.session.flush().await.map_err(internal)?;
    state.mail_queued.notify_one();
    tracing::info!(event = "account_deleted", withdrawn, "account deleted by its owner");
    Ok(())
}

/// What is kept apart from the account and would still name the person: the contact details of
/// their desk cases, invitations sent to their address, and mail to it in the outbox (mail
/// holds the name and desk conversations).
async fn forget_contact_details(db: &impl ConnectionTrait, account: &user::Model) -> AppResult<()> {
    let theirs = Condition::all().add(desk_case::Column::InitiatorId.eq(account.id));
    forget_case_contacts(db, theirs).await.map_err(internal)?;
    panel_invitation::Entity::update_many()
        .col_expr(panel_invitation::Column::Email, Expr::value(Option::<String>::None))
        .filter(panel_invitation::Column::Email.eq(account.email.as_str()))
        .exec(db)
        .await
        .map_err(internal)?;
    outbox_message::Entity::delete_many()
        .filter(outbox_message::Column::Recipient.eq(account.email.as_str()))
        .exec(db)
        .await
        .map_err(internal)?;
    Ok(())
}

/// Withdraws the person's own online comments in consultations still open for input, as they
/// could one by one; returns how many.
async fn withdraw_where_open(db: &impl ConnectionTrait, me: i32, today: NaiveDate) -> AppResult<usize> {
    let mine = input::Entity::find()
        .filter(input::Column::AuthorId.eq(me))
        .filter(input::Column::Channel.eq(Channel::Online.as_str()))
        .filter(input::Column::Status.is_in([InputStatus::Visible.as_str(), InputStatus::Pending.as_str()]))
        .all(db)
        .await
        .map_err(internal)?;
    let open = open_activities(db, mine.iter().filter_map(|i| i.activity_id), today).await?;
    let ids: Vec<i32> =
        mine.iter().filter(|i| i.activity_id.is_some_and(|a| open.contains(&a))).map(|i| i.id).collect();
    if !ids.is_empty() {
        input::Entity::update_many()
            .col_expr(input::Column::Status, Expr::value(InputStatus::Withdrawn.as_str()))
            .filter(input::Column::Id.is_in(ids.iter().copied()))
            .exec(db)
            .await
            .map_err(internal)?;
    }
    Ok(ids.len())
}

/// Those of the activities whose phase is open for input today.
async fn open_activities(
    db: &impl ConnectionTrait,
    activities: impl Iterator<Item = i32>,
    today: NaiveDate,
) -> AppResult<Vec<i32>> {
    let found =
        activity::Entity::find().filter(activity::Column::Id.is_in(activities)).all(db).await.map_err(internal)?;
    let phase_ids = found.iter().map(|a| a.phase_id);
    let phases = keyed_by::<trajectory_phase::Entity, _>(db, trajectory_phase::Column::Id, phase_ids, |p| p.id).await?;
    let trajectory_ids = found.iter().map(|a| a.trajectory_id);
    let trajectories = keyed_by::<trajectory::Entity, _>(db, trajectory::Column::Id, trajectory_ids, |t| t.id).await?;
    Ok(found
        .into_iter()
        .filter(|a| {
            let status = trajectories.get(&a.trajectory_id).and_then(|t| Status::parse(&t.status));
            let (Some(phase), Some(status)) = (phases.get(&a.phase_id), status) else {
                return false;
            };
            matches!(window(status, phase.starts_on, phase.ends_on, today), Window::Open { .. })
        })
        .map(|a| a.id)
        .collect())
}
