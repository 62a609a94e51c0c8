use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "trajectory_areas")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub trajectory_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub area_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
