use sea_orm::entity::prelude::*;

/// An answer as published in a version of the report, numbered within it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "report_answers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub report_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub number: i32,
    pub disposition: String,
    pub reason: String,
    pub group_title: Option<String>,
    /// The fixed item as it read ("2. Het budget is 1,2 miljoen euro").
    pub fixed_item: Option<String>,
    /// The department or trajectory it went to, as it was called.
    pub forwarded_to: Option<String>,
    pub forwarded_trajectory_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
