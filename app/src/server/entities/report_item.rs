use sea_orm::entity::prelude::*;

/// An input as published in a version of the report. Never a name or an account: whether the
/// author's display name may be shown is a flag; the name is looked up when read.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "report_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub report_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub position: i32,
    pub answer_number: i32,
    pub input_id: Option<i32>,
    pub case_id: Option<i32>,
    pub kind: String,
    pub channel: String,
    pub activity_id: Option<i32>,
    pub activity_title: String,
    pub area_name: Option<String>,
    pub received_on: Date,
    pub body: String,
    pub author_shown: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
