use sea_orm::entity::prelude::*;

/// That a person voted in a poll (one row per person: the primary key is the one-vote rule).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "poll_voters")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub activity_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i32,
    pub voted_on: Date,
    pub submission_key: String,
    /// The voter's choices as JSON; always None for a secret poll.
    pub ballot: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
