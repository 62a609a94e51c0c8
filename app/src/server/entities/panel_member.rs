use sea_orm::entity::prelude::*;

/// A membership of a panel from `starts_on` until `ends_on` (open while running).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "panel_members")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub panel_id: i32,
    pub user_id: i32,
    pub starts_on: Date,
    pub ends_on: Option<Date>,
    /// The staff member who added them; None when they joined with an invitation.
    pub added_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
