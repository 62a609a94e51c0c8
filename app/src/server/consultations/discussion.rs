//! Reading a discussion: the comments a reader may see, sorted and paged, with their replies,
//! authors, areas, meetings and supports; and the comments per section.

use crate::domain::consultations::{InputStatus, SortOrder};
use crate::error::AppResult;
use crate::server::context::internal;
use crate::server::entities::{area, input, input_support};
use sea_orm::sea_query::{Expr, Order};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::{HashMap, HashSet};

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
            crate::server::entities::meeting::Entity::find()
                .filter(crate::server::entities::meeting::Column::Id.is_in(meeting_ids))
                .all(db)
                .await
                .map_err(internal)?
                .into_iter()
                .map(|m| (m.id, m.title))
                .collect()
        };
        let names = crate::server::accounts::display_names(db, authors).await?;
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
