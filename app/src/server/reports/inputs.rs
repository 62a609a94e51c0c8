//! Every input of a trajectory that gets an answer, from both places input lives: the `inputs`
//! table (comments, replies, input staff entered from the counter, phone, letter, e-mail or a
//! meeting, open poll answers) and the desk's cases (ideas brought into one of its activities,
//! initiatives forwarded to it). Publishing reads them all in one go ([`gather`]); the answering
//! screen asks the database for its counts and its page instead ([`super::selection`]).

use crate::domain::consultations::{Channel, InputKind, InputStatus};
use crate::domain::initiatives::CaseKind;
use crate::domain::reports::{InputRef, ItemKind};
use crate::error::AppResult;
use crate::server::clock::dutch_day;
use crate::server::consultations::activities_of;
use crate::server::context::internal;
use crate::server::entities::{activity, desk_case, input, input_answer_item};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Select};
use std::collections::HashMap;

/// One input as the project lead sees it while answering.
#[derive(Debug, Clone)]
pub struct Answerable {
    pub reference: InputRef,
    pub kind: ItemKind,
    pub channel: Channel,
    /// The activity it came in through; None for an initiative forwarded from the desk.
    pub activity_id: Option<i32>,
    pub area_id: Option<i32>,
    pub received_on: NaiveDate,
    /// A case's title and description; an input's text.
    pub title: Option<String>,
    pub body: String,
    pub author_id: Option<i32>,
    /// Written online under the author's display name, so the report may show that name.
    pub author_shown: bool,
    /// An initiator may keep their case from the public; the report then shows only its answer.
    pub public: bool,
    /// Its case number, for ideas and initiatives.
    pub case_number: Option<String>,
    /// An address given for someone without an account (entered by staff, with consent to be
    /// contacted), to tell them where the answer is.
    pub contact_email: Option<String>,
    pub answer_id: Option<i32>,
}

/// Every input of a trajectory to answer, with what its report counts besides.
pub struct Gathered {
    pub scope: Scope,
    pub inputs: Vec<Answerable>,
    /// Inputs waiting for a moderator: they must be handled before the report.
    pub awaiting_moderation: u64,
    /// Inputs a moderator hid for breaking the house rules; counted, not answered.
    pub hidden: u64,
}

impl Gathered {
    pub fn unanswered(&self) -> u64 {
        self.inputs.iter().filter(|i| i.answer_id.is_none()).count() as u64
    }
}

/// Where a trajectory's input lives: its own inputs, and the desk's cases brought into one of its
/// activities or forwarded to it.
pub struct Scope {
    pub trajectory_id: i32,
    /// Its activities in order, for their titles and to find the cases brought into them.
    pub activities: Vec<activity::Model>,
}

impl Scope {
    pub async fn of(db: &impl ConnectionTrait, trajectory_id: i32) -> AppResult<Scope> {
        Ok(Scope { trajectory_id, activities: activities_of(db, trajectory_id).await? })
    }

    pub fn activity_title(&self, id: Option<i32>) -> String {
        id.and_then(|id| self.activities.iter().find(|a| a.id == id)).map(|a| a.title.clone()).unwrap_or_default()
    }

    /// The trajectory's inputs from residents and staff in any state of moderation (the
    /// municipality's own official replies are not input), in no order (to count and group).
    pub fn inputs_in_any_state(&self) -> Select<input::Entity> {
        input::Entity::find()
            .filter(input::Column::TrajectoryId.eq(self.trajectory_id))
            .filter(input::Column::Official.eq(false))
    }

    /// The inputs that get an answer, in no order: those everyone can read. Waiting ones are counted apart,
    /// hidden ones only counted, withdrawn ones left out.
    pub fn inputs(&self) -> Select<input::Entity> {
        self.inputs_in_any_state().filter(input::Column::Status.eq(InputStatus::Visible.as_str()))
    }

    /// The desk's cases that are input of the trajectory, in no order.
    pub fn cases(&self) -> Select<desk_case::Entity> {
        let activity_ids: Vec<i32> = self.activities.iter().map(|a| a.id).collect();
        desk_case::Entity::find().filter(
            Condition::any()
                .add(desk_case::Column::ActivityId.is_in(activity_ids))
                .add(desk_case::Column::ForwardedTo.eq(self.trajectory_id)),
        )
    }
}

/// Every input of the trajectory with its text: for the report and for giving answers.
pub async fn gather(db: &impl ConnectionTrait, trajectory_id: i32) -> AppResult<Gathered> {
    let scope = Scope::of(db, trajectory_id).await?;
    let answers: HashMap<InputRef, i32> = answer_items(
        db,
        input_answer_item::Entity::find().filter(input_answer_item::Column::TrajectoryId.eq(trajectory_id)),
    )
    .await?;
    let rows = scope.inputs_in_any_state().order_by_asc(input::Column::Id).all(db).await.map_err(internal)?;
    let cases = scope.cases().order_by_asc(desk_case::Column::Id).all(db).await.map_err(internal)?;
    let mut gathered = Gathered { scope, inputs: Vec::new(), awaiting_moderation: 0, hidden: 0 };
    for row in rows {
        match InputStatus::parse(&row.status) {
            Some(InputStatus::Visible) => {
                let answer = answers.get(&InputRef::Input(row.id)).copied();
                gathered.inputs.push(from_input(row, answer));
            }
            Some(InputStatus::Pending) => gathered.awaiting_moderation += 1,
            Some(InputStatus::Hidden) => gathered.hidden += 1,
            _ => {}
        }
    }
    for case in cases {
        let answer = answers.get(&InputRef::Case(case.id)).copied();
        gathered.inputs.push(from_case(case, answer));
    }
    Ok(gathered)
}

/// These inputs of the scope, those of them it has, with their texts and answers: the inputs, then
/// the cases, each oldest first.
pub async fn these(db: &impl ConnectionTrait, scope: &Scope, references: &[InputRef]) -> AppResult<Vec<Answerable>> {
    let (input_ids, case_ids) = split(references);
    let inputs = if input_ids.is_empty() {
        Vec::new()
    } else {
        let these = scope.inputs().filter(input::Column::Id.is_in(input_ids));
        these.order_by_asc(input::Column::Id).all(db).await.map_err(internal)?
    };
    let cases = if case_ids.is_empty() {
        Vec::new()
    } else {
        let these = scope.cases().filter(desk_case::Column::Id.is_in(case_ids));
        these.order_by_asc(desk_case::Column::Id).all(db).await.map_err(internal)?
    };
    answerable(db, inputs, cases).await
}

/// Rows read from the two tables as inputs to answer, with the answer each has.
pub async fn answerable(
    db: &impl ConnectionTrait,
    inputs: Vec<input::Model>,
    cases: Vec<desk_case::Model>,
) -> AppResult<Vec<Answerable>> {
    let references: Vec<InputRef> =
        inputs.iter().map(|i| InputRef::Input(i.id)).chain(cases.iter().map(|c| InputRef::Case(c.id))).collect();
    let answers = if references.is_empty() {
        HashMap::new()
    } else {
        answer_items(db, input_answer_item::Entity::find().filter(item_condition(&references))).await?
    };
    let answer = |reference| answers.get(&reference).copied();
    Ok(inputs
        .into_iter()
        .map(|row| {
            let answer = answer(InputRef::Input(row.id));
            from_input(row, answer)
        })
        .chain(cases.into_iter().map(|case| {
            let answer = answer(InputRef::Case(case.id));
            from_case(case, answer)
        }))
        .collect())
}

/// The input ids and the case ids among these references.
pub fn split(references: &[InputRef]) -> (Vec<i32>, Vec<i32>) {
    let inputs = references.iter().filter_map(|r| if let InputRef::Input(id) = r { Some(*id) } else { None });
    let cases = references.iter().filter_map(|r| if let InputRef::Case(id) = r { Some(*id) } else { None });
    (inputs.collect(), cases.collect())
}

/// The answer items for these references.
pub fn item_condition(references: &[InputRef]) -> Condition {
    let (inputs, cases) = split(references);
    Condition::any()
        .add(input_answer_item::Column::InputId.is_in(inputs))
        .add(input_answer_item::Column::CaseId.is_in(cases))
}

/// Which answer each input of these items has.
async fn answer_items(
    db: &impl ConnectionTrait,
    items: Select<input_answer_item::Entity>,
) -> AppResult<HashMap<InputRef, i32>> {
    Ok(items
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .filter_map(|item| {
            let reference = match (item.input_id, item.case_id) {
                (Some(id), _) => InputRef::Input(id),
                (None, Some(id)) => InputRef::Case(id),
                (None, None) => return None,
            };
            Some((reference, item.answer_id))
        })
        .collect())
}

fn from_input(row: input::Model, answer_id: Option<i32>) -> Answerable {
    let channel = Channel::parse(&row.channel).unwrap_or(Channel::Online);
    let kind = if row.kind == InputKind::PollAnswer.as_str() {
        ItemKind::PollAnswer
    } else if row.parent_id.is_some() {
        ItemKind::Reply
    } else {
        ItemKind::Comment
    };
    Answerable {
        reference: InputRef::Input(row.id),
        kind,
        channel,
        activity_id: row.activity_id,
        area_id: row.shown_area_id,
        received_on: row.received_on.unwrap_or_else(|| dutch_day(row.created_at)),
        title: None,
        body: row.body,
        author_id: row.author_id,
        author_shown: channel == Channel::Online && kind != ItemKind::PollAnswer && row.author_id.is_some(),
        public: true,
        case_number: None,
        contact_email: row.contact.filter(|c| row.contact_consent && c.contains('@')),
        answer_id,
    }
}

fn from_case(case: desk_case::Model, answer_id: Option<i32>) -> Answerable {
    let kind = if case.activity_id.is_some() || case.kind == CaseKind::Idea.as_str() {
        ItemKind::Idea
    } else {
        ItemKind::Initiative
    };
    Answerable {
        reference: InputRef::Case(case.id),
        kind,
        channel: Channel::parse(&case.channel).unwrap_or(Channel::Online),
        activity_id: case.activity_id,
        area_id: case.area_id,
        received_on: case.received_on,
        title: Some(case.title),
        body: case.description,
        author_id: case.initiator_id,
        author_shown: false,
        public: case.public,
        case_number: Some(case.number),
        contact_email: case.contact_email,
        answer_id,
    }
}
