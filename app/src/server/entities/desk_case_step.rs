use sea_orm::entity::prelude::*;

/// One step of a case, with the Dutch day it was taken (what the clock counts with).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "desk_case_steps")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub case_id: i32,
    pub status: String,
    pub taken_on: Date,
    pub taken_at: DateTimeUtc,
    pub taken_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
