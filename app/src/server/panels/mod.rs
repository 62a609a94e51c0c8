//! Database access for panels, their members and invitation codes. Lookups go through the
//! municipality, so another municipality's panel is simply not found.

mod administering;
mod managing;
mod membership;

pub use administering::{add_panel_member, end_panel_membership, invite_to_panel, make_panel_codes, save_panel};
pub use managing::{managing, panel_detail, panels_page, Managing};
pub use membership::{join_panel, leave_panel, my_panels, panel_welcome};

use super::context::internal;
use super::entities::{panel, panel_invitation, panel_member, user};
use crate::domain::panels::{normalise_code, PanelDraft, CODE_ALPHABET, CODE_LENGTH};
use crate::domain::tenancy::MunicipalityId;
use crate::domain::validation::Problem;
use crate::error::{AppError, AppResult};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::Rng;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};
use sha2::{Digest, Sha256};

/// An invitation code can be used for this long after it was made (a school year).
pub const CODE_LIFETIME_DAYS: i64 = 365;

pub fn not_found() -> AppError {
    super::context::answer_with(AppError::NotFound)
}

pub fn draft_of(row: &panel::Model) -> PanelDraft {
    PanelDraft {
        name: row.name.clone(),
        description: row.description.clone(),
        min_age: row.min_age.and_then(|a| u8::try_from(a).ok()),
        max_age: row.max_age.and_then(|a| u8::try_from(a).ok()),
        term_starts_on: row.term_starts_on,
        term_ends_on: row.term_ends_on,
    }
}

pub async fn list(db: &impl ConnectionTrait, municipality: MunicipalityId) -> AppResult<Vec<panel::Model>> {
    panel::Entity::find()
        .filter(panel::Column::MunicipalityId.eq(municipality.0))
        .order_by_asc(panel::Column::Name)
        .all(db)
        .await
        .map_err(internal)
}

pub async fn find(db: &impl ConnectionTrait, municipality: MunicipalityId, id: i32) -> AppResult<Option<panel::Model>> {
    panel::Entity::find_by_id(id)
        .filter(panel::Column::MunicipalityId.eq(municipality.0))
        .one(db)
        .await
        .map_err(internal)
}

/// The polls narrowed to this panel that take ballots now: (activity id, title, closing moment),
/// soonest closing first.
pub async fn open_polls(
    db: &impl ConnectionTrait,
    municipality: MunicipalityId,
    panel_id: i32,
    now: DateTime<Utc>,
) -> AppResult<Vec<(i32, String, DateTime<Utc>)>> {
    use super::entities::{activity, poll, trajectory};
    use crate::domain::trajectories::Status;
    let narrowed = poll::Entity::find()
        .filter(poll::Column::PanelId.eq(panel_id))
        .filter(poll::Column::OpensAt.lte(now))
        .filter(poll::Column::ClosesAt.gt(now))
        .all(db)
        .await
        .map_err(internal)?;
    let placed = activity::Entity::find()
        .filter(activity::Column::Id.is_in(narrowed.iter().map(|p| p.activity_id)))
        .find_also_related(trajectory::Entity)
        .all(db)
        .await
        .map_err(internal)?;
    // Of this municipality, and only while the poll's trajectory runs (as the poll itself says).
    let mut open: Vec<_> = narrowed
        .iter()
        .filter_map(|poll| {
            let (activity, trajectory) = placed.iter().find(|(a, _)| a.id == poll.activity_id)?;
            let trajectory = trajectory.as_ref().filter(|t| t.municipality_id == municipality.0)?;
            let status = Status::parse(&trajectory.status)?;
            (super::polls::window_of(status, poll, now) == crate::domain::polls::PollWindow::Open)
                .then(|| (activity.id, activity.title.clone(), poll.closes_at))
        })
        .collect();
    open.sort_by_key(|(_, _, closes)| *closes);
    Ok(open)
}

/// Saves a new panel or changes one; None when the municipality already has a panel by that name.
pub async fn save(
    db: &impl TransactionTrait,
    municipality: MunicipalityId,
    existing: Option<i32>,
    draft: &PanelDraft,
    by: i32,
    now: chrono::DateTime<Utc>,
) -> AppResult<Option<i32>> {
    let mut row = panel::ActiveModel {
        municipality_id: Set(municipality.0),
        name: Set(draft.name.clone()),
        description: Set(draft.description.clone()),
        min_age: Set(draft.min_age.map(i32::from)),
        max_age: Set(draft.max_age.map(i32::from)),
        term_starts_on: Set(draft.term_starts_on),
        term_ends_on: Set(draft.term_ends_on),
        ..Default::default()
    };
    match existing {
        Some(id) => {
            row.id = Set(id);
            let savepoint = crate::server::writes::begin_write(db).await.map_err(internal)?;
            match row.update(&savepoint).await {
                Ok(saved) => {
                    savepoint.commit().await.map_err(internal)?;
                    Ok(Some(saved.id))
                }
                Err(e) if matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) => {
                    savepoint.rollback().await.map_err(internal)?;
                    Ok(None)
                }
                Err(e) => Err(internal(e)),
            }
        }
        None => {
            row.created_by = Set(Some(by));
            row.created_at = Set(now);
            Ok(super::unique::insert_unless_duplicate(db, row).await?.map(|saved| saved.id))
        }
    }
}

/// A running or past membership with the member's display name.
pub struct Member {
    pub membership: panel_member::Model,
    pub display_name: String,
}

/// The panel's members, running memberships first.
pub async fn members(db: &impl ConnectionTrait, panel_id: i32) -> AppResult<Vec<Member>> {
    let rows = panel_member::Entity::find()
        .filter(panel_member::Column::PanelId.eq(panel_id))
        .order_by_desc(panel_member::Column::StartsOn)
        .all(db)
        .await
        .map_err(internal)?;
    let names = super::accounts::display_names(db, rows.iter().map(|r| r.user_id)).await?;
    let mut members: Vec<Member> = rows
        .into_iter()
        .map(|membership| Member {
            display_name: names.get(&membership.user_id).cloned().unwrap_or_default(),
            membership,
        })
        .collect();
    members.sort_by_key(|m| (m.membership.ends_on.is_some(), m.display_name.to_lowercase()));
    Ok(members)
}

/// Running memberships per panel of the municipality, in one query.
pub async fn running_member_counts(
    db: &impl ConnectionTrait,
    panel_ids: &[i32],
) -> AppResult<std::collections::HashMap<i32, u64>> {
    use sea_orm::QuerySelect;
    Ok(panel_member::Entity::find()
        .select_only()
        .column(panel_member::Column::PanelId)
        .column_as(panel_member::Column::Id.count(), "n")
        .filter(panel_member::Column::PanelId.is_in(panel_ids.iter().copied()))
        .filter(panel_member::Column::EndsOn.is_null())
        .group_by(panel_member::Column::PanelId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|(panel, n)| (panel, u64::try_from(n).unwrap_or(0)))
        .collect())
}

/// Starts a membership today; Err(AlreadyInPanel) when one is running (the database's partial
/// unique index decides, so two requests at once make one membership).
pub async fn add_member(
    db: &impl TransactionTrait,
    panel_id: i32,
    user_id: i32,
    added_by: Option<i32>,
    now: chrono::DateTime<Utc>,
) -> AppResult<Result<panel_member::Model, Problem>> {
    let row = panel_member::ActiveModel {
        panel_id: Set(panel_id),
        user_id: Set(user_id),
        starts_on: Set(super::clock::dutch_day(now)),
        ends_on: Set(None),
        added_by: Set(added_by),
        created_at: Set(now),
        ..Default::default()
    };
    Ok(super::unique::insert_unless_duplicate(db, row).await?.ok_or(Problem::AlreadyInPanel))
}

/// Ends a running membership: `last_day` is its last day. False when there was none.
pub async fn end_membership(
    db: &impl ConnectionTrait,
    panel_id: i32,
    user_id: i32,
    last_day: NaiveDate,
) -> AppResult<bool> {
    let result = panel_member::Entity::update_many()
        .col_expr(panel_member::Column::EndsOn, Expr::value(last_day))
        .filter(panel_member::Column::PanelId.eq(panel_id))
        .filter(panel_member::Column::UserId.eq(user_id))
        .filter(panel_member::Column::EndsOn.is_null())
        .exec(db)
        .await
        .map_err(internal)?;
    Ok(result.rows_affected > 0)
}

/// The names of the municipality's panels a person is a member of on `day`: what eligibility
/// rules naming a panel are checked against.
pub async fn panel_names_on(
    db: &impl ConnectionTrait,
    municipality: MunicipalityId,
    user_id: i32,
    day: NaiveDate,
) -> AppResult<Vec<String>> {
    let memberships = panel_member::Entity::find()
        .filter(panel_member::Column::UserId.eq(user_id))
        .filter(panel_member::Column::StartsOn.lte(day))
        .filter(Condition::any().add(panel_member::Column::EndsOn.is_null()).add(panel_member::Column::EndsOn.gte(day)))
        .all(db)
        .await
        .map_err(internal)?;
    if memberships.is_empty() {
        return Ok(Vec::new());
    }
    Ok(panel::Entity::find()
        .filter(panel::Column::MunicipalityId.eq(municipality.0))
        .filter(panel::Column::Id.is_in(memberships.iter().map(|m| m.panel_id)))
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|p| p.name)
        .collect())
}

/// The panels a person is in now, over all municipalities (for their account page).
pub async fn memberships_of(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> AppResult<Vec<(panel::Model, panel_member::Model)>> {
    let memberships = panel_member::Entity::find()
        .filter(panel_member::Column::UserId.eq(user_id))
        .filter(panel_member::Column::EndsOn.is_null())
        .all(db)
        .await
        .map_err(internal)?;
    let panels = panel::Entity::find()
        .filter(panel::Column::Id.is_in(memberships.iter().map(|m| m.panel_id)))
        .all(db)
        .await
        .map_err(internal)?;
    Ok(memberships
        .into_iter()
        .filter_map(|m| panels.iter().find(|p| p.id == m.panel_id).map(|p| (p.clone(), m)))
        .collect())
}

fn code_hash(code: &str) -> String {
    hex::encode(Sha256::digest(format!("samenspraak panel code\0{code}").as_bytes()))
}

fn new_code() -> String {
    let mut rng = rand::rng();
    (0..CODE_LENGTH).map(|_| char::from(CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())])).collect()
}

/// Makes `count` single-use codes for the panel and returns them (the only time they exist in
/// the clear); `email` is set for an invitation sent by e-mail.
pub async fn make_codes(
    db: &impl ConnectionTrait,
    panel_id: i32,
    count: u32,
    email: Option<&str>,
    by: i32,
    now: DateTime<Utc>,
) -> AppResult<Vec<String>> {
    let mut codes = Vec::new();
    for _ in 0..count {
        // 31^8 codes: a clash with an existing one is practically impossible, and the unique
        // index would refuse it rather than hand out a shared code.
        let code = new_code();
        panel_invitation::ActiveModel {
            panel_id: Set(panel_id),
            code_hash: Set(code_hash(&code)),
            email: Set(email.map(str::to_owned)),
            created_by: Set(Some(by)),
            created_at: Set(now),
            expires_at: Set(now + Duration::days(CODE_LIFETIME_DAYS)),
            used_by: Set(None),
            used_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await
        .map_err(internal)?;
        codes.push(code);
    }
    Ok(codes)
}

/// How many of the panel's codes are still open and how many were used.
pub async fn code_counts(db: &impl ConnectionTrait, panel_id: i32, now: DateTime<Utc>) -> AppResult<(u64, u64)> {
    use sea_orm::PaginatorTrait;
    let used = panel_invitation::Entity::find()
        .filter(panel_invitation::Column::PanelId.eq(panel_id))
        .filter(panel_invitation::Column::UsedBy.is_not_null())
        .count(db)
        .await
        .map_err(internal)?;
    let open = panel_invitation::Entity::find()
        .filter(panel_invitation::Column::PanelId.eq(panel_id))
        .filter(panel_invitation::Column::UsedAt.is_null())
        .filter(panel_invitation::Column::ExpiresAt.gt(now))
        .count(db)
        .await
        .map_err(internal)?;
    Ok((open, used))
}

/// Uses an invitation code of this municipality for this person: the code is spent and the
/// membership starts, or nothing happens. The code is claimed with a conditional update, so two
/// people typing the same code at once cannot both use it.
pub async fn redeem(
    db: &impl TransactionTrait,
    municipality: MunicipalityId,
    typed: &str,
    person: &user::Model,
    now: DateTime<Utc>,
) -> AppResult<Result<panel::Model, Problem>> {
    let today = crate::server::clock::dutch_day(now);
    let Some(code) = normalise_code(typed) else {
        return Ok(Err(Problem::InvitationInvalid));
    };
    let txn = crate::server::writes::begin_write(db).await.map_err(internal)?;
    let Some(invitation) = panel_invitation::Entity::find()
        .filter(panel_invitation::Column::CodeHash.eq(code_hash(&code)))
        .one(&txn)
        .await
        .map_err(internal)?
        .filter(|i| i.used_at.is_none() && i.expires_at > now)
    else {
        return Ok(Err(Problem::InvitationInvalid));
    };
    let Some(panel) = find(&txn, municipality, invitation.panel_id).await? else {
        return Ok(Err(Problem::InvitationInvalid));
    };
    if let Err(reason) = crate::domain::panels::may_join(&draft_of(&panel), person.birth_date, today) {
        use crate::domain::panels::CannotJoin;
        return Ok(Err(match reason {
            CannotJoin::AgeUnknown => Problem::BirthDateNeeded,
            CannotJoin::OutsideAgeBand { min, max } => {
                Problem::OutsidePanelAges { min: u32::from(min), max: u32::from(max) }
            }
            CannotJoin::OutsideTerm => Problem::PanelNotRunning,
        }));
    }
    let claimed = panel_invitation::Entity::update_many()
        .col_expr(panel_invitation::Column::UsedBy, Expr::value(person.id))
        .col_expr(panel_invitation::Column::UsedAt, Expr::value(now))
        .filter(panel_invitation::Column::Id.eq(invitation.id))
        .filter(panel_invitation::Column::UsedAt.is_null())
        .exec(&txn)
        .await
        .map_err(internal)?;
    if claimed.rows_affected != 1 {
        return Ok(Err(Problem::InvitationInvalid));
    }
    if let Err(problem) = add_member(&txn, panel.id, person.id, None, now).await? {
        // Already a member: the code stays unused for someone else.
        txn.rollback().await.map_err(internal)?;
        return Ok(Err(problem));
    }
    txn.commit().await.map_err(internal)?;
    Ok(Ok(panel))
}
