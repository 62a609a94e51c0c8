use sea_orm::entity::prelude::*;

/// Which input (or desk case) an answer covers; each at most once.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "input_answer_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub answer_id: i32,
    pub trajectory_id: i32,
    #[sea_orm(unique)]
    pub input_id: Option<i32>,
    #[sea_orm(unique)]
    pub case_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
