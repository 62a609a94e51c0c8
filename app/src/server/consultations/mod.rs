//! Database access for consultations (an activity with sections), their comments and replies
//! (rows of the shared `inputs` table), supports and reports. Every lookup goes through the
//! municipality, so a consultation of another municipality is simply not found.

mod editing;
mod offline_input;
mod own_comments;
mod post_comment;
mod reading;
mod view;
mod views;

pub use editing::{create_consultation, remove_attachment, update_consultation};
pub use offline_input::{check_may_enter, enter_offline_input};
pub use own_comments::{edit_comment, report_comment, support_comment, withdraw_comment};
pub use post_comment::{post_comment, Posted};
pub use reading::*;
pub use view::{consultation_view, DiscussionAsked};
pub use views::comment_view;

use super::context::internal;
use super::entities::{activity, area, consultation_section, input, input_report, input_support, trajectory_phase};
use super::trajectories::Loaded;
use super::unique::insert_unless_duplicate;
use crate::domain::consultations::{ConsultationDraft, InputKind, InputStatus, SortOrder};
use crate::domain::tenancy::MunicipalityId;
use crate::error::{AppError, AppResult};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Order};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};
use std::collections::{HashMap, HashSet};

pub const KIND: &str = "consultation";

/// A consultation with the trajectory and phase it belongs to.
pub struct Found {
    pub activity: activity::Model,
    pub trajectory: Loaded,
    pub phase: trajectory_phase::Model,
    pub sections: Vec<consultation_section::Model>,
}

impl Found {
    /// The section a form names (its id), None for the whole plan (empty); a section of another
    /// consultation is refused.
    pub fn section_named(&self, raw: &str) -> Result<Option<i32>, crate::domain::validation::Problem> {
        match raw.trim() {
            "" => Ok(None),
            raw => raw
                .parse::<i32>()
                .ok()
                .filter(|id| self.sections.iter().any(|s| s.id == *id))
                .map(Some)
                .ok_or(crate::domain::validation::Problem::ChoiceInvalid),
        }
    }
}

pub async fn find(db: &impl ConnectionTrait, municipality: MunicipalityId, id: i32) -> AppResult<Option<Found>> {
    let Some(super::activities::Placed { activity, trajectory, phase }) =
        super::activities::find(db, municipality, id, KIND).await?
    else {
        return Ok(None);
    };
    let sections = consultation_section::Entity::find()
        .filter(consultation_section::Column::ActivityId.eq(activity.id))
        .order_by_asc(consultation_section::Column::Position)
        .all(db)
        .await
        .map_err(internal)?;
    Ok(Some(Found { activity, trajectory, phase, sections }))
}

/// An activity of a trajectory as listed on its page and in open data.
pub struct Listed {
    pub activity: activity::Model,
    pub phase: trajectory_phase::Model,
    pub visible_comments: u64,
}

/// The trajectory's activities as stored, oldest first.
pub async fn activities_of(db: &impl ConnectionTrait, trajectory_id: i32) -> AppResult<Vec<activity::Model>> {
    activity::Entity::find()
        .filter(activity::Column::TrajectoryId.eq(trajectory_id))
        .order_by_asc(activity::Column::Id)
        .all(db)
        .await
        .map_err(internal)
}

/// The trajectory's activities in the order of their phases.
pub async fn for_trajectory(db: &impl ConnectionTrait, trajectory_id: i32) -> AppResult<Vec<Listed>> {
    let activities = activities_of(db, trajectory_id).await?;
    if activities.is_empty() {
        return Ok(Vec::new());
    }
    let phases: HashMap<i32, trajectory_phase::Model> = trajectory_phase::Entity::find()
        .filter(trajectory_phase::Column::TrajectoryId.eq(trajectory_id))
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let counts: HashMap<i32, i64> = input::Entity::find()
        .select_only()
        .column(input::Column::ActivityId)
        .column_as(input::Column::Id.count(), "n")
        .filter(input::Column::TrajectoryId.eq(trajectory_id))
        // Counted as the discussion's heading counts them: comments that can be read (not the
        // replies under them, not placeholders of hidden or withdrawn ones).
        .filter(input::Column::ParentId.is_null())
        .filter(input::Column::Status.eq(InputStatus::Visible.as_str()))
        .group_by(input::Column::ActivityId)
        .into_tuple::<(Option<i32>, i64)>()
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .filter_map(|(activity, n)| activity.map(|a| (a, n)))
        .collect();
    let mut listed: Vec<Listed> = activities
        .into_iter()
        .filter_map(|activity| {
            let phase = phases.get(&activity.phase_id)?.clone();
            let visible_comments = counts.get(&activity.id).copied().unwrap_or(0).max(0) as u64;
            Some(Listed { activity, phase, visible_comments })
        })
        .collect();
    listed.sort_by_key(|l| (l.phase.position, l.activity.id));
    Ok(listed)
}

pub async fn insert(
    db: &impl ConnectionTrait,
    trajectory_id: i32,
    phase_id: i32,
    draft: &ConsultationDraft,
    created_by: i32,
    now: DateTime<Utc>,
) -> AppResult<i32> {
    let row = super::activities::insert(
        db,
        super::activities::NewActivity {
            trajectory_id,
            phase_id,
            kind: KIND,
            title: &draft.title,
            intro: &draft.intro,
            pre_moderation: draft.pre_moderation,
            created_by,
            created_at: now,
        },
    )
    .await?;
    save_sections(db, row.id, draft, &[]).await?;
    Ok(row.id)
}

/// Sections of the stored consultation that the draft drops but residents already commented on;
/// those cannot go (their comments would lose what they are about).
pub async fn sections_in_use(
    db: &impl ConnectionTrait,
    found: &Found,
    draft: &ConsultationDraft,
) -> AppResult<Vec<i32>> {
    let kept: HashSet<i32> = draft.sections.iter().filter_map(|s| s.id).collect();
    let dropped: Vec<i32> = found.sections.iter().map(|s| s.id).filter(|id| !kept.contains(id)).collect();
    if dropped.is_empty() {
        return Ok(Vec::new());
    }
    input::Entity::find()
        .select_only()
        .column(input::Column::SectionId)
        .filter(input::Column::SectionId.is_in(dropped))
        .distinct()
        .into_tuple::<Option<i32>>()
        .all(db)
        .await
        .map(|ids| ids.into_iter().flatten().collect())
        .map_err(internal)
}

pub async fn update(
    db: &impl ConnectionTrait,
    found: &Found,
    phase_id: i32,
    draft: &ConsultationDraft,
    now: DateTime<Utc>,
) -> AppResult<()> {
    activity::ActiveModel {
        id: Set(found.activity.id),
        phase_id: Set(phase_id),
        title: Set(draft.title.clone()),
        intro: Set(draft.intro.clone()),
        pre_moderation: Set(draft.pre_moderation),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await
    .map_err(internal)?;
    save_sections(db, found.activity.id, draft, &found.sections).await
}

/// Updates sections that keep their id, adds new ones, removes the rest (the caller has made sure
/// nobody commented on those).
async fn save_sections(
    db: &impl ConnectionTrait,
    activity_id: i32,
    draft: &ConsultationDraft,
    stored: &[consultation_section::Model],
) -> AppResult<()> {
    let stored_ids: HashSet<i32> = stored.iter().map(|s| s.id).collect();
    let mut kept = HashSet::new();
    for (position, section) in draft.sections.iter().enumerate() {
        let position = i32::try_from(position).unwrap_or(i32::MAX);
        match section.id.filter(|id| stored_ids.contains(id)) {
            Some(id) => {
                kept.insert(id);
                consultation_section::ActiveModel {
                    id: Set(id),
                    position: Set(position),
                    title: Set(section.title.clone()),
                    body: Set(section.body.clone()),
                    ..Default::default()
                }
                .update(db)
                .await
                .map_err(internal)?;
            }
            None => {
                consultation_section::ActiveModel {
                    activity_id: Set(activity_id),
                    position: Set(position),
                    title: Set(section.title.clone()),
                    body: Set(section.body.clone()),
                    ..Default::default()
                }
                .insert(db)
                .await
                .map_err(internal)?;
            }
        }
    }
    let dropped: Vec<i32> = stored_ids.difference(&kept).copied().collect();
    if !dropped.is_empty() {
        consultation_section::Entity::delete_many()
            .filter(consultation_section::Column::Id.is_in(dropped))
            .exec(db)
            .await
            .map_err(internal)?;
    }
    Ok(())
}

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

/// What to list of a discussion, and for whom.
pub struct DiscussionQuery {
    pub activity_id: i32,
    pub section: Option<i32>,
    pub sort: SortOrder,
    /// 1-based.
    pub page: u64,
    pub page_size: u64,
    /// The signed-in reader: sees their own comments that wait for a moderator.
    pub reader: Option<i32>,
    /// Moderators see every comment that waits.
    pub moderator: bool,
}

/// A stored comment with what the page needs around it.
pub struct ListedComment {
    pub input: input::Model,
    pub author_name: Option<String>,
    pub area_name: Option<String>,
    pub meeting_title: Option<String>,
    pub supports: u64,
    pub supported_by_reader: bool,
    pub replies: Vec<ListedComment>,
}

fn readable_by(query: &DiscussionQuery) -> Condition {
    if query.moderator {
        return Condition::all();
    }
    let mut readable = Condition::any().add(input::Column::Status.ne(InputStatus::Pending.as_str()));
    if let Some(reader) = query.reader {
        readable = readable.add(input::Column::AuthorId.eq(reader));
    }
    readable
}

const SUPPORT_COUNT: &str = "(SELECT COUNT(*) FROM input_supports WHERE input_supports.input_id = inputs.id)";

/// One page of top-level comments with all their replies, the number of top-level comments in
/// the selection (placeholders of hidden and withdrawn ones included, for paging), and how many
/// of those can be read (for the heading, counted as a trajectory page counts them).
pub async fn discussion(
    db: &impl ConnectionTrait,
    query: &DiscussionQuery,
) -> AppResult<(Vec<ListedComment>, u64, u64)> {
    let mut top = input::Entity::find()
        .filter(input::Column::ActivityId.eq(query.activity_id))
        .filter(input::Column::ParentId.is_null())
        .filter(readable_by(query));
    if let Some(section) = query.section {
        top = top.filter(input::Column::SectionId.eq(section));
    }
    // Both numbers in one pass: all of the selection, and those of it that are visible.
    let visible =
        format!("COALESCE(SUM(CASE WHEN inputs.status = '{}' THEN 1 ELSE 0 END), 0)", InputStatus::Visible.as_str());
    let (total, readable): (i64, i64) = top
        .clone()
        .select_only()
        .column_as(Expr::cust("COUNT(*)"), "total")
        .column_as(Expr::cust(visible), "readable")
        .into_tuple()
        .one(db)
        .await
        .map_err(internal)?
        .unwrap_or_default();
    let (total, readable) = (total.max(0) as u64, readable.max(0) as u64);
    top = match query.sort {
        SortOrder::Newest => top.order_by_desc(input::Column::CreatedAt),
        SortOrder::Oldest => top.order_by_asc(input::Column::CreatedAt),
        SortOrder::MostSupported => {
            top.order_by(Expr::cust(SUPPORT_COUNT), Order::Desc).order_by_desc(input::Column::CreatedAt)
        }
    };
    let page = top
        .order_by_asc(input::Column::Id)
        .offset(crate::domain::paging::offset(query.page, query.page_size))
        .limit(query.page_size)
        .all(db)
        .await
        .map_err(internal)?;
    let top_ids: Vec<i32> = page.iter().map(|c| c.id).collect();
    let replies = if top_ids.is_empty() {
        Vec::new()
    } else {
        input::Entity::find()
            .filter(input::Column::ParentId.is_in(top_ids))
            .filter(readable_by(query))
            .order_by_asc(input::Column::CreatedAt)
            .order_by_asc(input::Column::Id)
            .all(db)
            .await
            .map_err(internal)?
    };
    let decorated = Decorations::load(db, page.iter().chain(&replies), query.reader).await?;
    let mut by_parent: HashMap<i32, Vec<ListedComment>> = HashMap::new();
    for reply in replies {
        let parent = reply.parent_id.unwrap_or_default();
        by_parent.entry(parent).or_default().push(decorated.listed(reply));
    }
    let listed = page
        .into_iter()
        .map(|comment| {
            let replies = by_parent.remove(&comment.id).unwrap_or_default();
            ListedComment { replies, ..decorated.listed(comment) }
        })
        .collect();
    Ok((listed, total, readable))
}

/// Names, areas and support counts for a set of inputs, each fetched in one query.
struct Decorations {
    names: HashMap<i32, String>,
    areas: HashMap<i32, String>,
    meetings: HashMap<i32, String>,
    supports: HashMap<i32, i64>,
    supported: HashSet<i32>,
}

impl Decorations {
    async fn load<'a>(
        db: &impl ConnectionTrait,
        inputs: impl Iterator<Item = &'a input::Model> + Clone,
        reader: Option<i32>,
    ) -> AppResult<Self> {
        let ids: Vec<i32> = inputs.clone().map(|i| i.id).collect();
        let authors: Vec<i32> =
            inputs.clone().filter_map(|i| i.author_id).collect::<HashSet<_>>().into_iter().collect();
        let area_ids: Vec<i32> =
            inputs.clone().filter_map(|i| i.shown_area_id).collect::<HashSet<_>>().into_iter().collect();
        let meeting_ids: Vec<i32> = inputs.filter_map(|i| i.meeting_id).collect::<HashSet<_>>().into_iter().collect();
        let meetings = if meeting_ids.is_empty() {
            HashMap::new()
        } else {
            super::entities::meeting::Entity::find()
                .filter(super::entities::meeting::Column::Id.is_in(meeting_ids))
                .all(db)
                .await
                .map_err(internal)?
                .into_iter()
                .map(|m| (m.id, m.title))
                .collect()
        };
        let names = super::accounts::display_names(db, authors).await?;
        let areas = if area_ids.is_empty() {
            HashMap::new()
        } else {
            area::Entity::find()
                .filter(area::Column::Id.is_in(area_ids))
                .all(db)
                .await
                .map_err(internal)?
                .into_iter()
                .map(|a| (a.id, a.name))
                .collect()
        };
        let (supports, supported) = if ids.is_empty() {
            (HashMap::new(), HashSet::new())
        } else {
            let supports = input_support::Entity::find()
                .select_only()
                .column(input_support::Column::InputId)
                .column_as(input_support::Column::UserId.count(), "n")
                .filter(input_support::Column::InputId.is_in(ids.clone()))
                .group_by(input_support::Column::InputId)
                .into_tuple::<(i32, i64)>()
                .all(db)
                .await
                .map_err(internal)?
                .into_iter()
                .collect();
            let supported = match reader {
                None => HashSet::new(),
                Some(reader) => input_support::Entity::find()
                    .select_only()
                    .column(input_support::Column::InputId)
                    .filter(input_support::Column::InputId.is_in(ids))
                    .filter(input_support::Column::UserId.eq(reader))
                    .into_tuple::<i32>()
                    .all(db)
                    .await
                    .map_err(internal)?
                    .into_iter()
                    .collect(),
            };
            (supports, supported)
        };
        Ok(Self { names, areas, meetings, supports, supported })
    }

    fn listed(&self, input: input::Model) -> ListedComment {
        ListedComment {
            author_name: input.author_id.and_then(|a| self.names.get(&a).cloned()),
            area_name: input.shown_area_id.and_then(|a| self.areas.get(&a).cloned()),
            meeting_title: input.meeting_id.and_then(|m| self.meetings.get(&m).cloned()),
            supports: self.supports.get(&input.id).copied().unwrap_or(0).max(0) as u64,
            supported_by_reader: self.supported.contains(&input.id),
            replies: Vec::new(),
            input,
        }
    }
}

/// The number of comments per section (visible ones), for the plan's table of contents.
pub async fn counts_per_section(db: &impl ConnectionTrait, activity_id: i32) -> AppResult<HashMap<i32, u64>> {
    Ok(input::Entity::find()
        .select_only()
        .column(input::Column::SectionId)
        .column_as(input::Column::Id.count(), "n")
        .filter(input::Column::ActivityId.eq(activity_id))
        .filter(input::Column::Status.eq(InputStatus::Visible.as_str()))
        .group_by(input::Column::SectionId)
        .into_tuple::<(Option<i32>, i64)>()
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .filter_map(|(section, n)| section.map(|s| (s, n.max(0) as u64)))
        .collect())
}

/// Refuses with NotFound; a shorthand for the many "not here" answers.
pub fn not_found() -> AppError {
    super::context::answer_with(AppError::NotFound)
}

/// The meetings of a trajectory, newest first.
pub async fn meetings(
    db: &impl ConnectionTrait,
    trajectory_id: i32,
) -> AppResult<Vec<super::entities::meeting::Model>> {
    use super::entities::meeting;
    meeting::Entity::find()
        .filter(meeting::Column::TrajectoryId.eq(trajectory_id))
        .order_by_desc(meeting::Column::HeldOn)
        .all(db)
        .await
        .map_err(internal)
}

pub async fn insert_meeting(
    db: &impl ConnectionTrait,
    trajectory_id: i32,
    title: &str,
    held_on: chrono::NaiveDate,
    created_by: i32,
    now: DateTime<Utc>,
) -> AppResult<i32> {
    use super::entities::meeting;
    let row = meeting::ActiveModel {
        trajectory_id: Set(trajectory_id),
        title: Set(title.to_owned()),
        held_on: Set(held_on),
        created_by: Set(Some(created_by)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(internal)?;
    Ok(row.id)
}
