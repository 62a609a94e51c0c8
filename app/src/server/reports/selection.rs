//! What the answering and publishing screens show of a trajectory's input, asked of the database:
//! the counts (one grouped query per table), how many inputs match the filters, the page of them
//! with texts, and how many inputs each shown answer covers. Reading every input and counting in
//! memory took ~200 ms and left ~300 MB with the allocator per view of a trajectory with ten
//! thousand inputs; these read what is shown.

use super::inputs::{answerable, Answerable, Scope};
use crate::domain::consultations::{Channel, InputStatus};
use crate::domain::reports::Progress;
use crate::error::AppResult;
use crate::model::reports::AnsweringFilter;
use crate::server::context::internal;
use crate::server::entities::{desk_case, input, input_answer_item};
use sea_orm::sea_query::{Expr, ExprTrait, Func, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait, Select,
};
use std::collections::HashMap;

/// The answering screen's filters; `None` lets everything through.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Selection {
    pub activity: Option<i32>,
    pub channel: Option<Channel>,
    pub area: Option<i32>,
    /// Answered or still open.
    pub answered: Option<bool>,
}

impl Selection {
    /// The filters as the screen's address gives them; one that names nothing known is left off.
    pub fn of(filter: &AnsweringFilter) -> Selection {
        Selection {
            activity: filter.activity.parse().ok(),
            channel: Channel::parse(&filter.channel),
            area: filter.area.parse().ok(),
            answered: match filter.status.as_str() {
                "open" => Some(false),
                "beantwoord" => Some(true),
                _ => None,
            },
        }
    }
}

/// The counts over all of a trajectory's input, whatever the filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub progress: Progress,
    /// Inputs waiting for a moderator: they must be handled before the report.
    pub awaiting_moderation: u64,
    /// Inputs a moderator hid; counted, not answered.
    pub hidden: u64,
    /// The channels input to answer came in through, in the usual order.
    pub channels: Vec<Channel>,
}

impl Tally {
    pub fn unanswered(&self) -> u64 {
        self.progress.total - self.progress.answered
    }

    fn count(&mut self, channel: &str, n: i64, answered: i64) {
        self.progress.total += counted(n);
        self.progress.answered += counted(answered);
        let channel = Channel::parse(channel).unwrap_or(Channel::Online);
        if !self.channels.contains(&channel) {
            self.channels.push(channel);
        }
    }
}

/// A count as the database gives it (PostgreSQL's is a bigint).
fn counted(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// Whether an answer item points at the row: the `inputs` or `desk_cases` row the outer query reads.
fn answered<E: EntityTrait>(item: input_answer_item::Column, outer: E, id: E::Column) -> Expr {
    Expr::exists(
        Query::select()
            .expr(Expr::val(1))
            .from(input_answer_item::Entity)
            .and_where(Expr::col((input_answer_item::Entity, item)).equals((outer, id)))
            .to_owned(),
    )
}

fn input_answered() -> Expr {
    answered(input_answer_item::Column::InputId, input::Entity, input::Column::Id)
}

fn case_answered() -> Expr {
    answered(input_answer_item::Column::CaseId, desk_case::Entity, desk_case::Column::Id)
}

/// How many of the rows have their answer.
fn answered_count(answered: Expr) -> Expr {
    Func::sum(Expr::case(answered, 1).finally(0)).into()
}

/// Counts the trajectory's input by state of moderation and channel, and how many have their
/// answer. Grouped by columns the `inputs_answering` index holds in that order, so SQLite counts
/// in index order without sorting.
pub async fn tally(db: &impl ConnectionTrait, scope: &Scope) -> AppResult<Tally> {
    let inputs = scope
        .inputs_in_any_state()
        .select_only()
        .column(input::Column::Status)
        .column(input::Column::Channel)
        .column_as(input::Column::Id.count(), "n")
        .column_as(answered_count(input_answered()), "answered")
        .group_by(input::Column::Status)
        .group_by(input::Column::Channel)
        .into_tuple::<(String, String, i64, i64)>()
        .all(db)
        .await
        .map_err(internal)?;
    let cases = scope
        .cases()
        .select_only()
        .column(desk_case::Column::Channel)
        .column_as(desk_case::Column::Id.count(), "n")
        .column_as(answered_count(case_answered()), "answered")
        .group_by(desk_case::Column::Channel)
        .into_tuple::<(String, i64, i64)>()
        .all(db)
        .await
        .map_err(internal)?;
    let mut tally = Tally::default();
    for (status, channel, n, answered) in inputs {
        match InputStatus::parse(&status) {
            Some(InputStatus::Visible) => tally.count(&channel, n, answered),
            Some(InputStatus::Pending) => tally.awaiting_moderation += counted(n),
            Some(InputStatus::Hidden) => tally.hidden += counted(n),
            _ => {}
        }
    }
    for (channel, n, answered) in cases {
        tally.count(&channel, n, answered);
    }
    tally.channels.sort_by_key(|c| Channel::ALL.iter().position(|known| known == c));
    Ok(tally)
}

/// The columns of a table of input the filters look at.
struct Filtered<E: EntityTrait> {
    activity: E::Column,
    channel: E::Column,
    area: E::Column,
    id: E::Column,
}

/// The rows of `query` that pass the filters, oldest first.
fn selected<E: EntityTrait>(query: Select<E>, columns: Filtered<E>, answered: Expr, s: Selection) -> Select<E> {
    query
        .apply_if(s.activity, |q, id| q.filter(columns.activity.eq(id)))
        .apply_if(s.channel, |q, c| q.filter(columns.channel.eq(c.as_str())))
        .apply_if(s.area, |q, id| q.filter(columns.area.eq(id)))
        .apply_if(s.answered, |q, yes| q.filter(answered_condition(answered, yes)))
        .order_by_asc(columns.id)
}

fn selected_inputs(scope: &Scope, selection: Selection) -> Select<input::Entity> {
    use input::Column as C;
    let columns = Filtered { activity: C::ActivityId, channel: C::Channel, area: C::ShownAreaId, id: C::Id };
    selected(scope.inputs(), columns, input_answered(), selection)
}

fn selected_cases(scope: &Scope, selection: Selection) -> Select<desk_case::Entity> {
    use desk_case::Column as C;
    let columns = Filtered { activity: C::ActivityId, channel: C::Channel, area: C::AreaId, id: C::Id };
    selected(scope.cases(), columns, case_answered(), selection)
}

fn answered_condition(answered: Expr, yes: bool) -> Condition {
    if yes {
        Condition::all().add(answered)
    } else {
        Condition::all().add(answered.not())
    }
}

/// How many inputs and how many cases pass the filters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Matching {
    pub inputs: u64,
    pub cases: u64,
}

impl Matching {
    pub fn total(self) -> u64 {
        self.inputs + self.cases
    }
}

pub async fn matching(db: &impl ConnectionTrait, scope: &Scope, selection: Selection) -> AppResult<Matching> {
    let inputs = selected_inputs(scope, selection).select_only().column(input::Column::Id).count(db);
    let cases = selected_cases(scope, selection).select_only().column(desk_case::Column::Id).count(db);
    Ok(Matching { inputs: inputs.await.map_err(internal)?, cases: cases.await.map_err(internal)? })
}

/// Up to `take` of the matching inputs after the first `skip`, in the screen's order (the inputs,
/// then the cases, each oldest first), with their texts and answers.
pub async fn page(
    db: &impl ConnectionTrait,
    scope: &Scope,
    selection: Selection,
    matching: Matching,
    skip: u64,
    take: u64,
) -> AppResult<Vec<Answerable>> {
    let inputs = if skip < matching.inputs {
        selected_inputs(scope, selection).offset(skip).limit(take).all(db).await.map_err(internal)?
    } else {
        Vec::new()
    };
    let left = take - inputs.len() as u64;
    let cases = if left > 0 && matching.cases > 0 {
        let skip = skip.saturating_sub(matching.inputs);
        selected_cases(scope, selection).offset(skip).limit(left).all(db).await.map_err(internal)?
    } else {
        Vec::new()
    };
    answerable(db, inputs, cases).await
}

/// How many of the scope's inputs to answer each of these answers covers (an input hidden after
/// it was answered no longer counts).
pub async fn answer_sizes(db: &impl ConnectionTrait, scope: &Scope, answers: Vec<i32>) -> AppResult<HashMap<i32, u64>> {
    if answers.is_empty() {
        return Ok(HashMap::new());
    }
    let inputs = scope.inputs().select_only().column(input::Column::Id).into_query();
    let cases = scope.cases().select_only().column(desk_case::Column::Id).into_query();
    let sizes = input_answer_item::Entity::find()
        .select_only()
        .column(input_answer_item::Column::AnswerId)
        .column_as(input_answer_item::Column::Id.count(), "n")
        .filter(input_answer_item::Column::AnswerId.is_in(answers))
        .filter(
            Condition::any()
                .add(input_answer_item::Column::InputId.in_subquery(inputs))
                .add(input_answer_item::Column::CaseId.in_subquery(cases)),
        )
        .group_by(input_answer_item::Column::AnswerId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await
        .map_err(internal)?;
    Ok(sizes.into_iter().map(|(id, n)| (id, counted(n))).collect())
}
