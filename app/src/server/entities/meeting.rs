use sea_orm::entity::prelude::*;

/// A meeting (an evening in the community centre, a walk through the street) whose outcomes
/// staff enter as several inputs.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meetings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub trajectory_id: i32,
    pub title: String,
    pub held_on: Date,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
