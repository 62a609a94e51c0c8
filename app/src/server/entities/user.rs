use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub email: String,
    pub email_verified_at: Option<DateTimeUtc>,
    pub display_name: String,
    pub password_hash: String,
    pub birth_date: Option<Date>,
    pub area_id: Option<i32>,
    pub is_platform_admin: bool,
    pub locale: Option<String>,
    pub created_at: DateTimeUtc,
    pub password_changed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl Model {
    /// Whether the person confirmed their e-mail address (acts that count need it).
    pub fn email_confirmed(&self) -> bool {
        self.email_verified_at.is_some()
    }
}

impl ActiveModelBehavior for ActiveModel {}
