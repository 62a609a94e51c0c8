use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "trajectory_themes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub trajectory_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub theme: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
