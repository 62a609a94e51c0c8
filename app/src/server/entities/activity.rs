use sea_orm::entity::prelude::*;

/// Something residents do inside a phase of a trajectory; `kind` is `consultation` for now.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "activities")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub trajectory_id: i32,
    pub phase_id: i32,
    pub kind: String,
    pub title: String,
    pub intro: String,
    /// Comments wait for a moderator before anyone else sees them.
    pub pre_moderation: bool,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::trajectory::Entity",
        from = "Column::TrajectoryId",
        to = "super::trajectory::Column::Id"
    )]
    Trajectory,
}

impl Related<super::trajectory::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Trajectory.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
