//! Comments and replies as rows of the shared `inputs` table: storing one (once per submission),
//! editing, changing its status, supporting and reporting it.

use crate::domain::consultations::{InputKind, InputStatus};
use crate::domain::tenancy::MunicipalityId;
use crate::error::AppResult;
use crate::server::context::internal;
use crate::server::entities::{input, input_report, input_support};
use crate::server::unique::insert_unless_duplicate;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set, TransactionTrait,
};

/// A comment to store. Online comments have an author; input entered by staff has a channel,
/// the person's name (or none: anonymous) and who entered it.
pub struct NewComment {
    pub municipality_id: i32,
    pub trajectory_id: i32,
    pub activity_id: i32,
    pub section_id: Option<i32>,
    pub parent_id: Option<i32>,
    pub channel: crate::domain::consultations::Channel,
    pub author_id: Option<i32>,
    pub on_behalf_name: Option<String>,
    pub contact_consent: bool,
    pub contact: Option<String>,
    pub entered_by: Option<i32>,
    pub received_on: Option<chrono::NaiveDate>,
    pub meeting_id: Option<i32>,
    pub body: String,
    pub shown_area_id: Option<i32>,
    pub official: bool,
    pub status: InputStatus,
    pub submission_key: String,
    pub created_at: DateTime<Utc>,
}

/// Stores the comment, or finds the one an identical earlier request stored. The flag says
/// whether this call made it.
pub async fn insert_comment<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    comment: NewComment,
) -> AppResult<(input::Model, bool)> {
    let key = comment.submission_key.clone();
    let row = input::ActiveModel {
        municipality_id: Set(comment.municipality_id),
        trajectory_id: Set(Some(comment.trajectory_id)),
        activity_id: Set(Some(comment.activity_id)),
        section_id: Set(comment.section_id),
        parent_id: Set(comment.parent_id),
        kind: Set(InputKind::Comment.as_str().to_owned()),
        channel: Set(comment.channel.as_str().to_owned()),
        author_id: Set(comment.author_id),
        on_behalf_name: Set(comment.on_behalf_name),
        contact_consent: Set(comment.contact_consent),
        contact: Set(comment.contact),
        entered_by: Set(comment.entered_by),
        received_on: Set(comment.received_on),
        meeting_id: Set(comment.meeting_id),
        body: Set(comment.body),
        shown_area_id: Set(comment.shown_area_id),
        official: Set(comment.official),
        status: Set(comment.status.as_str().to_owned()),
        moderation_reason: Set(None),
        moderated_by: Set(None),
        moderated_at: Set(None),
        submission_key: Set(Some(key.clone())),
        created_at: Set(comment.created_at),
        edited_at: Set(None),
        ..Default::default()
    };
    if let Some(stored) = insert_unless_duplicate(db, row).await? {
        return Ok((stored, true));
    }
    let earlier = input::Entity::find()
        .filter(input::Column::SubmissionKey.eq(key))
        .one(db)
        .await
        .map_err(internal)?
        .ok_or_else(|| internal("a duplicate submission key without its input"))?;
    Ok((earlier, false))
}

/// One input of this municipality, or None.
pub async fn find_input(
    db: &impl ConnectionTrait,
    municipality: MunicipalityId,
    id: i32,
) -> AppResult<Option<input::Model>> {
    input::Entity::find_by_id(id)
        .filter(input::Column::MunicipalityId.eq(municipality.0))
        .one(db)
        .await
        .map_err(internal)
}

/// Replaces a comment's text with the status the new text gets (see `status_of_new_text`).
pub async fn edit_body(
    db: &impl ConnectionTrait,
    id: i32,
    body: &str,
    status: InputStatus,
    now: DateTime<Utc>,
) -> AppResult<()> {
    input::ActiveModel {
        id: Set(id),
        body: Set(body.to_owned()),
        status: Set(status.as_str().to_owned()),
        edited_at: Set(Some(now)),
        ..Default::default()
    }
    .update(db)
    .await
    .map_err(internal)?;
    Ok(())
}

/// Sets the status of an input; the reason and moderator are kept for hidden inputs.
pub async fn set_status(
    db: &impl ConnectionTrait,
    id: i32,
    status: InputStatus,
    reason: Option<String>,
    moderator: Option<i32>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    input::ActiveModel {
        id: Set(id),
        status: Set(status.as_str().to_owned()),
        moderation_reason: Set(reason),
        moderated_by: Set(moderator),
        moderated_at: Set(moderator.map(|_| now)),
        ..Default::default()
    }
    .update(db)
    .await
    .map_err(internal)?;
    Ok(())
}

/// Adds or takes back one person's support. Supporting twice is the same as once.
pub async fn set_support<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    input_id: i32,
    user_id: i32,
    support: bool,
    now: DateTime<Utc>,
) -> AppResult<()> {
    if support {
        let row = input_support::ActiveModel { input_id: Set(input_id), user_id: Set(user_id), created_at: Set(now) };
        insert_unless_duplicate(db, row).await?;
    } else {
        input_support::Entity::delete_many()
            .filter(input_support::Column::InputId.eq(input_id))
            .filter(input_support::Column::UserId.eq(user_id))
            .exec(db)
            .await
            .map_err(internal)?;
    }
    Ok(())
}

/// Files a report unless this person already has an open report on the input.
pub async fn report(
    db: &impl ConnectionTrait,
    input_id: i32,
    reporter: i32,
    reason: &str,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    let open = input_report::Entity::find()
        .filter(input_report::Column::InputId.eq(input_id))
        .filter(input_report::Column::ReporterId.eq(reporter))
        .filter(input_report::Column::Status.eq("open"))
        .count(db)
        .await
        .map_err(internal)?;
    if open > 0 {
        return Ok(false);
    }
    input_report::ActiveModel {
        input_id: Set(input_id),
        reporter_id: Set(Some(reporter)),
        reason: Set(reason.to_owned()),
        status: Set("open".to_owned()),
        handled_by: Set(None),
        handled_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(internal)?;
    Ok(true)
}
