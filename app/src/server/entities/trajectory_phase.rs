use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "trajectory_phases")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub trajectory_id: i32,
    pub position: i32,
    pub name: String,
    pub starts_on: Date,
    pub ends_on: Date,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
