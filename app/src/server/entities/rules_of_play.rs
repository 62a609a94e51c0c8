use sea_orm::entity::prelude::*;

/// One version of a trajectory's rules of play. `frozen_at` set means in force (or superseded):
/// the database refuses any change to such a row and its parts.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rules_of_play")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub trajectory_id: i32,
    pub version: i32,
    pub level: Option<String>,
    pub municipality_role: String,
    pub open_for_input: String,
    pub decision_maker: String,
    pub decision_date: Option<Date>,
    pub weighing: String,
    pub eligibility: Option<String>,
    pub eligible_min_age: Option<i32>,
    pub eligible_max_age: Option<i32>,
    pub eligible_panel: Option<String>,
    pub report_date: Option<Date>,
    pub personal_data: String,
    pub retention_months: Option<i32>,
    pub change_reason: Option<String>,
    pub frozen_at: Option<DateTimeUtc>,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
