use sea_orm::entity::prelude::*;

/// The settings of an activity of kind `poll`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "polls")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub activity_id: i32,
    pub opens_at: DateTimeUtc,
    pub closes_at: DateTimeUtc,
    /// `live` or `after_close`.
    pub results: String,
    pub secret: bool,
    pub changeable: bool,
    /// None: the rules of play decide; `areas`, `age` or `panel` narrows it further.
    pub eligibility: Option<String>,
    pub min_age: Option<i32>,
    pub max_age: Option<i32>,
    pub panel_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
