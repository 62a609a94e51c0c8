use sea_orm::entity::prelude::*;

/// A standing group of residents (a youth panel) that polls can be limited to.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "panels")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub municipality_id: i32,
    pub name: String,
    pub description: String,
    pub min_age: Option<i32>,
    pub max_age: Option<i32>,
    pub term_starts_on: Date,
    pub term_ends_on: Option<Date>,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
