use sea_orm::entity::prelude::*;

/// A count in a poll's results: ballots (question 0), or an option, scale value or rank of a
/// question, in total (`breakdown` empty) or for one group (`age:16-17`, `area:3`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "poll_tallies")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub activity_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub question_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub option_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub value: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub breakdown: String,
    pub count: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
