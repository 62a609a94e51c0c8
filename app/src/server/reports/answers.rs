//! The working copy of the answers: giving one answer to one or more inputs (an input that had
//! an answer moves to the new one), revising an answer, taking an input out of a group.

use super::inputs::{item_condition, Answerable};
use crate::domain::reports::{Answer, InputRef};
use crate::error::{AppError, AppResult};
use crate::server::context::internal;
use crate::server::entities::{input_answer, input_answer_item};
use chrono::Utc;
use sea_orm::sea_query::Query;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, SqlErr};

/// Who gives the answer, for which trajectory, under which rules of play.
pub struct Answering {
    pub municipality_id: i32,
    pub trajectory_id: i32,
    /// The version of the rules in force, which "outside the scope" points into.
    pub rules_id: i32,
    pub by: i32,
    /// When, on the application's clock.
    pub at: chrono::DateTime<Utc>,
}

fn fields(answer: &Answer, answering: &Answering) -> input_answer::ActiveModel {
    let forwarded = answer.forwarded.as_ref();
    input_answer::ActiveModel {
        municipality_id: Set(answering.municipality_id),
        trajectory_id: Set(answering.trajectory_id),
        disposition: Set(answer.disposition.as_str().to_owned()),
        reason: Set(answer.reason.clone()),
        group_title: Set(answer.group_title.clone()),
        rules_id: Set(answer.fixed_item.map(|_| answering.rules_id)),
        fixed_item: Set(answer.fixed_item.map(|n| n as i32)),
        forwarded_to: Set(forwarded.and_then(|f| f.department.clone())),
        forwarded_trajectory_id: Set(forwarded.and_then(|f| f.trajectory)),
        answered_by: Set(Some(answering.by)),
        updated_at: Set(answering.at),
        ..Default::default()
    }
}

/// Removes answers no input points at any more (every input of a group moved elsewhere).
async fn drop_empty_answers(db: &impl ConnectionTrait, trajectory_id: i32) -> AppResult<()> {
    input_answer::Entity::delete_many()
        .filter(input_answer::Column::TrajectoryId.eq(trajectory_id))
        .filter(
            input_answer::Column::Id.not_in_subquery(
                Query::select()
                    .column(input_answer_item::Column::AnswerId)
                    .from(input_answer_item::Entity)
                    .and_where(input_answer_item::Column::TrajectoryId.eq(trajectory_id))
                    .to_owned(),
            ),
        )
        .exec(db)
        .await
        .map_err(internal)?;
    Ok(())
}

/// Gives one answer to the chosen inputs, which must all be inputs of the trajectory to answer
/// (`answerable`); anything else is not found. Run inside a transaction.
pub async fn give(
    db: &impl ConnectionTrait,
    answerable: &[Answerable],
    chosen: &[InputRef],
    answer: &Answer,
    answering: &Answering,
) -> AppResult<i32> {
    if chosen.iter().any(|r| !answerable.iter().any(|a| a.reference == *r)) {
        return Err(AppError::NotFound);
    }
    input_answer_item::Entity::delete_many()
        .filter(input_answer_item::Column::TrajectoryId.eq(answering.trajectory_id))
        .filter(item_condition(chosen))
        .exec(db)
        .await
        .map_err(internal)?;
    let mut row = fields(answer, answering);
    row.created_at = Set(answering.at);
    let stored = row.insert(db).await.map_err(internal)?;
    let items = chosen.iter().map(|reference| input_answer_item::ActiveModel {
        answer_id: Set(stored.id),
        trajectory_id: Set(answering.trajectory_id),
        input_id: Set(if let InputRef::Input(id) = reference { Some(*id) } else { None }),
        case_id: Set(if let InputRef::Case(id) = reference { Some(*id) } else { None }),
        ..Default::default()
    });
    // A colleague answering the same input at the same moment: the unique key on the input keeps
    // one answer, and this one is told to look again.
    input_answer_item::Entity::insert_many(items).exec_without_returning(db).await.map_err(|e| {
        if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) {
            AppError::Conflict
        } else {
            internal(e)
        }
    })?;
    drop_empty_answers(db, answering.trajectory_id).await?;
    Ok(stored.id)
}

/// One answer of the trajectory with the inputs it covers.
pub async fn find(
    db: &impl ConnectionTrait,
    trajectory_id: i32,
    answer_id: i32,
) -> AppResult<Option<(input_answer::Model, Vec<InputRef>)>> {
    let Some(answer) = input_answer::Entity::find_by_id(answer_id)
        .filter(input_answer::Column::TrajectoryId.eq(trajectory_id))
        .one(db)
        .await
        .map_err(internal)?
    else {
        return Ok(None);
    };
    let items = input_answer_item::Entity::find()
        .filter(input_answer_item::Column::AnswerId.eq(answer.id))
        .order_by_asc(input_answer_item::Column::Id)
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .filter_map(|i| match (i.input_id, i.case_id) {
            (Some(id), _) => Some(InputRef::Input(id)),
            (None, Some(id)) => Some(InputRef::Case(id)),
            _ => None,
        })
        .collect();
    Ok(Some((answer, items)))
}

/// Every answer of a trajectory by id.
pub async fn all(db: &impl ConnectionTrait, trajectory_id: i32) -> AppResult<Vec<input_answer::Model>> {
    input_answer::Entity::find()
        .filter(input_answer::Column::TrajectoryId.eq(trajectory_id))
        .order_by_asc(input_answer::Column::Id)
        .all(db)
        .await
        .map_err(internal)
}

/// These answers of a trajectory (an answer of another trajectory is not among them).
pub async fn these(
    db: &impl ConnectionTrait,
    trajectory_id: i32,
    ids: Vec<i32>,
) -> AppResult<Vec<input_answer::Model>> {
    input_answer::Entity::find()
        .filter(input_answer::Column::TrajectoryId.eq(trajectory_id))
        .filter(input_answer::Column::Id.is_in(ids))
        .all(db)
        .await
        .map_err(internal)
}

/// Changes an answer's disposition and reason, for every input it covers.
pub async fn revise(
    db: &impl ConnectionTrait,
    answer_id: i32,
    answer: &Answer,
    answering: &Answering,
) -> AppResult<()> {
    let mut row = fields(answer, answering);
    row.id = Set(answer_id);
    row.update(db).await.map_err(internal)?;
    Ok(())
}

/// Takes one input out of its answer: it is unanswered again. An answer left with nothing goes.
pub async fn take_out(
    db: &impl ConnectionTrait,
    trajectory_id: i32,
    answer_id: i32,
    reference: InputRef,
) -> AppResult<()> {
    input_answer_item::Entity::delete_many()
        .filter(input_answer_item::Column::AnswerId.eq(answer_id))
        .filter(item_condition(&[reference]))
        .exec(db)
        .await
        .map_err(internal)?;
    drop_empty_answers(db, trajectory_id).await
}
