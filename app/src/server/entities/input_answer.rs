use sea_orm::entity::prelude::*;

/// A project lead's answer (disposition and reason) to one input or a group of similar inputs:
/// the working copy, revisable until it goes into a published report.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "input_answers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub municipality_id: i32,
    pub trajectory_id: i32,
    pub disposition: String,
    pub reason: String,
    pub group_title: Option<String>,
    /// With `fixed_item`: the fixed item of this version of the rules of play that puts the input
    /// outside the scope.
    pub rules_id: Option<i32>,
    /// The fixed item's number on its card, from 1.
    pub fixed_item: Option<i32>,
    /// The department it went to, for "forwarded".
    pub forwarded_to: Option<String>,
    pub forwarded_trajectory_id: Option<i32>,
    pub answered_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
