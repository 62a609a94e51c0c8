use sea_orm::entity::prelude::*;

/// An initiative, idea or question brought to the desk. The deadline columns are derived from
/// the steps by the server, never typed in.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "desk_cases")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub municipality_id: i32,
    pub number: String,
    pub kind: String,
    pub title: String,
    pub description: String,
    pub area_id: Option<i32>,
    /// The kinds of support asked, comma-separated stable names.
    pub support_asked: String,
    pub public: bool,
    pub initiator_id: Option<i32>,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub channel: String,
    pub entered_by: Option<i32>,
    pub activity_id: Option<i32>,
    pub forwarded_to: Option<i32>,
    pub status: String,
    pub owner_id: Option<i32>,
    pub received_at: DateTimeUtc,
    pub received_on: Date,
    pub acknowledge_within: i32,
    pub answer_within: i32,
    pub acknowledged_on: Option<Date>,
    pub answered_on: Option<Date>,
    pub acknowledge_by: Date,
    pub answer_by: Option<Date>,
    pub supports: i32,
    pub council_listed_on: Option<Date>,
    pub submission_key: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
