use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rules_of_play_fixed_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub rules_id: i32,
    pub position: i32,
    pub what: String,
    pub why: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
