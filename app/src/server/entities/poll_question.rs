use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "poll_questions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub activity_id: i32,
    pub position: i32,
    pub prompt: String,
    /// `single`, `multiple`, `scale`, `ranking` or `open`.
    pub kind: String,
    pub max_choices: Option<i32>,
    pub scale_max: Option<i32>,
    pub required: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
