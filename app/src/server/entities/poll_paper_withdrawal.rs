use sea_orm::entity::prelude::*;

/// A batch of paper votes taken out of the totals: when, by whom and why. At most one per batch.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "poll_paper_withdrawals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub batch_id: i32,
    pub withdrawn_at: DateTimeUtc,
    pub withdrawn_by: Option<i32>,
    pub reason: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
