use sea_orm::entity::prelude::*;

/// One published version of a trajectory's report. Frozen by the database once written.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub municipality_id: i32,
    pub trajectory_id: i32,
    pub version: i32,
    /// The version of the rules of play in force when it was published.
    pub rules_id: i32,
    pub published_at: DateTimeUtc,
    /// The day in the Netherlands it was published.
    pub published_on: Date,
    /// The day the rules of play promised the report.
    pub promised_on: Option<Date>,
    /// Why this version corrects the one before (from version 2).
    pub correction_reason: Option<String>,
    pub decision: String,
    pub decided_by: String,
    pub decided_on: Option<Date>,
    pub council_decision_url: Option<String>,
    /// What was asked, who took part and the poll results that day, as JSON.
    #[sea_orm(column_type = "Text")]
    pub contents: String,
    pub item_count: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
