//! "Ideas" activities: a phase of a trajectory where residents bring in ideas as they would at
//! the desk. The activity is a row of `activities` (kind `ideas`); each idea is a desk case that
//! points to it, so it gets a case number, a clock and an answer like any other.

use crate::domain::consultations::Window;
use crate::domain::initiatives::IdeasDraft;
use crate::error::{AppError, AppResult};
use crate::server::activities::Placed;
use crate::server::context::internal;
use crate::server::context::Reader;
use crate::server::entities::desk_case;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

pub const KIND: &str = "ideas";

pub async fn insert(
    db: &impl ConnectionTrait,
    trajectory_id: i32,
    phase_id: i32,
    draft: &IdeasDraft,
    created_by: i32,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<i32> {
    let row = crate::server::activities::insert(
        db,
        crate::server::activities::NewActivity {
            trajectory_id,
            phase_id,
            kind: KIND,
            title: &draft.title,
            intro: &draft.intro,
            pre_moderation: false,
            created_by,
            created_at: now,
        },
    )
    .await?;
    Ok(row.id)
}

/// The public ideas of an activity, the most supported first.
pub async fn public_ideas(db: &impl ConnectionTrait, activity: i32) -> AppResult<Vec<desk_case::Model>> {
    desk_case::Entity::find()
        .filter(desk_case::Column::ActivityId.eq(activity))
        .filter(desk_case::Column::Public.eq(true))
        .order_by_desc(desk_case::Column::Supports)
        .order_by_desc(desk_case::Column::ReceivedAt)
        .all(db)
        .await
        .map_err(internal)
}

/// How many ideas (public or not) each of these activities received.
pub async fn counts(db: &impl ConnectionTrait, activities: &[i32]) -> AppResult<HashMap<i32, u64>> {
    if activities.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Option<i32>, i64)> = desk_case::Entity::find()
        .select_only()
        .column(desk_case::Column::ActivityId)
        .column_as(desk_case::Column::Id.count(), "n")
        .filter(desk_case::Column::ActivityId.is_in(activities.to_vec()))
        .group_by(desk_case::Column::ActivityId)
        .into_tuple()
        .all(db)
        .await
        .map_err(internal)?;
    Ok(rows.into_iter().filter_map(|(id, n)| id.map(|id| (id, u64::try_from(n).unwrap_or(0)))).collect())
}

/// All ideas of an activity, for its page's count.
pub async fn count(db: &impl ConnectionTrait, activity: i32) -> AppResult<u64> {
    desk_case::Entity::find().filter(desk_case::Column::ActivityId.eq(activity)).count(db).await.map_err(internal)
}

/// An ideas activity of the reader's municipality (404 for an unknown one, or a draft's for
/// residents), whether it is open, and whether the reader may bring an idea in there today.
pub async fn ideas_activity(
    reader: &Reader,
    id: i32,
) -> AppResult<(Placed, Window, crate::model::consultations::MayComment)> {
    use crate::server::consultations::{may_take_part, panels_if_asked};
    use crate::server::{activities, context};
    let placed = activities::find(&reader.state.db, reader.municipality_id, id, KIND)
        .await?
        .filter(|p| reader.may_see(&p.trajectory))
        .ok_or_else(|| context::answer_with(AppError::NotFound))?;
    let is_staff = reader.actor.as_ref().is_some_and(|a| a.is_staff_of(reader.municipality_id));
    let window = crate::domain::consultations::window(
        placed.trajectory.status,
        placed.phase.starts_on,
        placed.phase.ends_on,
        reader.state.clock.today(),
    );
    let panels =
        panels_if_asked(&reader.state, reader.municipality_id, &placed.trajectory, reader.account.as_ref()).await?;
    // An idea is a case for the desk, not a vote: it needs no confirmed address.
    let today = reader.state.clock.today();
    let may = may_take_part(window, reader.account.as_ref(), is_staff, &placed.trajectory, &panels, false, today);
    Ok((placed, window, may))
}

/// The ideas activity a form names, when the reader may bring an idea in there today: 404
/// for an unknown one (or a draft's, for residents), refusals that say why otherwise.
pub async fn open_ideas_activity(
    reader: &Reader,
    raw: &str,
) -> AppResult<Result<i32, crate::domain::validation::Problem>> {
    use crate::domain::validation::Problem;
    use crate::model::consultations::MayComment;
    use crate::server::context;
    let id = raw.parse::<i32>().map_err(|_| context::answer_with(AppError::NotFound))?;
    let (placed, _, may) = ideas_activity(reader, id).await?;
    match may {
        MayComment::Yes => Ok(Ok(placed.activity.id)),
        MayComment::SignIn => Err(context::answer_with(AppError::Unauthenticated)),
        MayComment::NotEligible(_) => Err(context::answer_with(AppError::Forbidden)),
        MayComment::NotYetOpen(_) | MayComment::Closed(_) => Ok(Err(Problem::IdeasClosed)),
    }
}
