//! Every input of a trajectory that gets an answer, from both places input lives: the `inputs`
//! table (comments, replies, input staff entered from the counter, phone, letter, e-mail or a
//! meeting, open poll answers) and the desk's cases (ideas brought into one of its activities,
//! initiatives forwarded to it). Read in one go and kept in memory: a trajectory's input is
//! thousands of rows at most, and the answering screen filters and counts them several ways. The
//! answering screen reads them without their texts ([`gather_outline`]) and then the texts of the
//! page it shows ([`with_texts`]): ten thousand inputs' texts for twenty-five rows was most of
//! its time and memory.

use crate::domain::consultations::{Channel, InputKind, InputStatus};
use crate::domain::initiatives::CaseKind;
use crate::domain::reports::{InputRef, ItemKind};
use crate::error::AppResult;
use crate::server::clock::dutch_day;
use crate::server::context::internal;
use crate::server::entities::{activity, desk_case, input, input_answer_item};
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, IdenStatic, Iterable, QueryFilter, QueryOrder, QuerySelect,
    Select,
};
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

/// What a trajectory's input looks like besides the inputs to answer.
#[derive(Debug, Clone, Default)]
pub struct Gathered {
    pub inputs: Vec<Answerable>,
    pub activities: Vec<activity::Model>,
    /// Inputs waiting for a moderator: they must be handled before the report.
    pub awaiting_moderation: u64,
    /// Inputs a moderator hid for breaking the house rules; counted, not answered.
    pub hidden: u64,
}

impl Gathered {
    pub fn unanswered(&self) -> u64 {
        self.inputs.iter().filter(|i| i.answer_id.is_none()).count() as u64
    }

    pub fn activity_title(&self, id: Option<i32>) -> String {
        id.and_then(|id| self.activities.iter().find(|a| a.id == id)).map(|a| a.title.clone()).unwrap_or_default()
    }
}

/// Whether the long texts (an input's body, a case's description) are read with the rest.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Texts {
    Read,
    Left,
}

/// Every input of the trajectory with its text: for the report and for giving answers.
pub async fn gather(db: &impl ConnectionTrait, trajectory_id: i32) -> AppResult<Gathered> {
    gather_reading(db, trajectory_id, Texts::Read).await
}

/// Every input of the trajectory with an empty text: enough to filter, count and group them.
pub async fn gather_outline(db: &impl ConnectionTrait, trajectory_id: i32) -> AppResult<Gathered> {
    gather_reading(db, trajectory_id, Texts::Left).await
}

/// Reads the texts of these inputs (from [`gather_outline`]).
pub async fn with_texts(db: &impl ConnectionTrait, inputs: &mut [Answerable]) -> AppResult<()> {
    let input_ids: Vec<i32> =
        inputs.iter().filter_map(|i| if let InputRef::Input(id) = i.reference { Some(id) } else { None }).collect();
    let case_ids: Vec<i32> =
        inputs.iter().filter_map(|i| if let InputRef::Case(id) = i.reference { Some(id) } else { None }).collect();
    let mut bodies = texts_by_id::<input::Entity>(db, input::Column::Id, input::Column::Body, input_ids).await?;
    let mut descriptions =
        texts_by_id::<desk_case::Entity>(db, desk_case::Column::Id, desk_case::Column::Description, case_ids).await?;
    for answerable in inputs {
        answerable.body = match answerable.reference {
            InputRef::Input(id) => bodies.remove(&id),
            InputRef::Case(id) => descriptions.remove(&id),
        }
        .unwrap_or_default();
    }
    Ok(())
}

/// One text column of a table's rows, by id.
async fn texts_by_id<E: EntityTrait>(
    db: &impl ConnectionTrait,
    id: E::Column,
    text: E::Column,
    ids: Vec<i32>,
) -> AppResult<HashMap<i32, String>> {
    let rows = E::find().select_only().columns([id, text]).filter(id.is_in(ids)).into_tuple::<(i32, String)>();
    Ok(rows.all(db).await.map_err(internal)?.into_iter().collect())
}

/// The query as it is, or reading every column but `text`, which then comes back empty.
fn with_text<E: EntityTrait>(query: Select<E>, text: E::Column, texts: Texts) -> Select<E> {
    match texts {
        Texts::Read => query,
        Texts::Left => query
            .select_only()
            .columns(E::Column::iter().filter(|c| c.as_str() != text.as_str()))
            .column_as(Expr::val(""), text.as_str()),
    }
}

async fn gather_reading(db: &impl ConnectionTrait, trajectory_id: i32, texts: Texts) -> AppResult<Gathered> {
    let activities = activity::Entity::find()
        .filter(activity::Column::TrajectoryId.eq(trajectory_id))
        .order_by_asc(activity::Column::Id)
        .all(db)
        .await
        .map_err(internal)?;
    let answers: HashMap<InputRef, i32> = input_answer_item::Entity::find()
        .filter(input_answer_item::Column::TrajectoryId.eq(trajectory_id))
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
        .collect();
    let inputs = input::Entity::find()
        .filter(input::Column::TrajectoryId.eq(trajectory_id))
        .filter(input::Column::Official.eq(false))
        .order_by_asc(input::Column::Id);
    let rows = with_text(inputs, input::Column::Body, texts).all(db).await.map_err(internal)?;
    let mut gathered = Gathered { activities, ..Default::default() };
    for row in rows {
        match InputStatus::parse(&row.status) {
            Some(InputStatus::Visible) => {}
            Some(InputStatus::Pending) => {
                gathered.awaiting_moderation += 1;
                continue;
            }
            Some(InputStatus::Hidden) => {
                gathered.hidden += 1;
                continue;
            }
            _ => continue,
        }
        let channel = Channel::parse(&row.channel).unwrap_or(Channel::Online);
        let kind = if row.kind == InputKind::PollAnswer.as_str() {
            ItemKind::PollAnswer
        } else if row.parent_id.is_some() {
            ItemKind::Reply
        } else {
            ItemKind::Comment
        };
        let reference = InputRef::Input(row.id);
        gathered.inputs.push(Answerable {
            reference,
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
            answer_id: answers.get(&reference).copied(),
        });
    }
    let activity_ids: Vec<i32> = gathered.activities.iter().map(|a| a.id).collect();
    let cases = desk_case::Entity::find()
        .filter(
            Condition::any()
                .add(desk_case::Column::ActivityId.is_in(activity_ids))
                .add(desk_case::Column::ForwardedTo.eq(trajectory_id)),
        )
        .order_by_asc(desk_case::Column::Id);
    let cases = with_text(cases, desk_case::Column::Description, texts).all(db).await.map_err(internal)?;
    for case in cases {
        let reference = InputRef::Case(case.id);
        let kind = if case.activity_id.is_some() || case.kind == CaseKind::Idea.as_str() {
            ItemKind::Idea
        } else {
            ItemKind::Initiative
        };
        gathered.inputs.push(Answerable {
            reference,
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
            answer_id: answers.get(&reference).copied(),
        });
    }
    Ok(gathered)
}
