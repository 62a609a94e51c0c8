use sea_orm::entity::prelude::*;

/// One piece of input, whatever its kind or channel: the record the report answers.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inputs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub municipality_id: i32,
    pub trajectory_id: Option<i32>,
    pub activity_id: Option<i32>,
    pub section_id: Option<i32>,
    pub parent_id: Option<i32>,
    pub kind: String,
    pub channel: String,
    pub author_id: Option<i32>,
    pub on_behalf_name: Option<String>,
    pub contact_consent: bool,
    /// How to reach someone whose input staff entered; staff only, never published.
    pub contact: Option<String>,
    pub entered_by: Option<i32>,
    pub received_on: Option<Date>,
    pub meeting_id: Option<i32>,
    pub body: String,
    pub shown_area_id: Option<i32>,
    pub official: bool,
    pub status: String,
    pub moderation_reason: Option<String>,
    pub moderated_by: Option<i32>,
    pub moderated_at: Option<DateTimeUtc>,
    #[sea_orm(unique)]
    pub submission_key: Option<String>,
    pub created_at: DateTimeUtc,
    pub edited_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
