use sea_orm::entity::prelude::*;

/// Someone telling the moderators an input breaks the house rules.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "input_reports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub input_id: i32,
    pub reporter_id: Option<i32>,
    pub reason: String,
    /// open, upheld (the input was hidden) or unfounded.
    pub status: String,
    pub handled_by: Option<i32>,
    pub handled_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
