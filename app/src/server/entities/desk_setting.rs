use sea_orm::entity::prelude::*;

/// A municipality's service norms for its desk, its support threshold and its coordinator. A
/// municipality without a row keeps the defaults.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "desk_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub municipality_id: i32,
    pub acknowledge_within: i32,
    pub answer_within: i32,
    pub support_threshold: Option<i32>,
    pub coordinator_id: Option<i32>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
