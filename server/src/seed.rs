//! Demo data: two fictional municipalities with their areas and an account for every role, so a
//! newcomer sees a living platform after `make run`. Passwords are random and printed once.

use app::domain::accounts::{DisplayName, Email};
use app::domain::roles::Role;
use app::domain::tenancy::{HouseStyle, Slug};
use app::server::{accounts, passwords, tenancy};
use rand::RngCore;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};

/// A municipality to create: its address, name, house style and areas (slug, name).
pub struct DemoMunicipality<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub primary: &'a str,
    pub accent: &'a str,
    pub areas: &'a [(&'a str, &'a str)],
}

const MUNICIPALITIES: &[DemoMunicipality<'static>] = &[
    DemoMunicipality {
        slug: "duinwijk",
        name: "Gemeente Duinwijk",
        primary: "#1a5493",
        accent: "#a51d2d",
        areas: &[("duinwijk-centrum", "Duinwijk-Centrum"), ("zeedorp", "Zeedorp"), ("noordduin", "Noordduin")],
    },
    DemoMunicipality {
        slug: "polderveen",
        name: "Gemeente Polderveen",
        primary: "#2f6b2f",
        accent: "#7a4a00",
        areas: &[("polderveen", "Polderveen"), ("oosthoek", "Oosthoek"), ("weidebuurt", "Weidebuurt")],
    },
];

/// Role accounts per municipality: (e-mail local part, display name, role).
const STAFF: &[(&str, &str, Role)] = &[
    ("beheerder", "Beheerder", Role::Administrator),
    ("projectleider", "Projectleider", Role::ProjectLead),
    ("moderator", "Moderator", Role::Moderator),
    ("loket", "Medewerker loket", Role::DeskOfficer),
    ("raadslid", "Raadslid", Role::CouncilMember),
];

pub struct CreatedAccount {
    pub email: String,
    pub password: String,
    pub what: String,
}

pub fn random_password() -> String {
    let mut bytes = [0u8; 12];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub async fn is_empty(db: &DatabaseConnection) -> Result<bool, String> {
    let count = app::server::entities::municipality::Entity::find().count(db).await.map_err(|e| e.to_string())?;
    Ok(count == 0)
}

/// Creates the demo world in one transaction and returns the accounts with their passwords.
/// The whole demo world: municipalities, areas, accounts for every role, and trajectories in
/// every state.
pub async fn seed_demo(db: &DatabaseConnection) -> Result<Vec<CreatedAccount>, String> {
    let created = seed_world(db).await?;
    crate::demo_trajectories::seed(db).await?;
    crate::demo_consultations::seed(db).await?;
    crate::demo_polls::seed(db).await?;
    crate::demo_desk::seed(db).await?;
    crate::demo_reports::seed(db).await?;
    Ok(created)
}

/// Municipalities, areas and accounts only: the ground the tests build their own cases on.
pub async fn seed_world(db: &DatabaseConnection) -> Result<Vec<CreatedAccount>, String> {
    let txn = app::server::writes::begin_write(db).await.map_err(|e| e.to_string())?;
    let mut created = Vec::new();
    for demo in MUNICIPALITIES {
        let (_, first_area) = create_municipality(&txn, demo, &Passwords::Random, &mut created).await?;
        if demo.slug == "duinwijk" {
            for (local, name, born) in [("jongere", "Noor", (2011, 5, 1)), ("jongere2", "Milan", (2011, 2, 10))] {
                let email = format!("{local}@duinwijk.example");
                let password = random_password();
                let birth = chrono::NaiveDate::from_ymd_opt(born.0, born.1, born.2);
                new_account(&txn, &email, name, &password, birth, first_area).await?;
                created.push(CreatedAccount {
                    email,
                    password,
                    what: "youth resident (born 2011) of Gemeente Duinwijk".into(),
                });
            }
        }
    }
    txn.commit().await.map_err(|e| e.to_string())?;
    Ok(created)
}

/// How the role accounts of a new municipality get their password.
pub enum Passwords {
    /// Each its own, printed once (the demo).
    Random,
    /// One password for all, hashed once (a throwaway benchmark database).
    Shared { password: String, hash: String },
}

/// A municipality like the demo ones: its areas, an account for every role
/// (`{role}@{slug}.example`) and a resident `inwoner@{slug}.example` in the first area.
/// Returns its id and its first area; the accounts are added to `created`.
pub async fn create_municipality(
    txn: &sea_orm::DatabaseTransaction,
    demo: &DemoMunicipality<'_>,
    how: &Passwords,
    created: &mut Vec<CreatedAccount>,
) -> Result<(i32, Option<i32>), String> {
    let slug = Slug::parse(demo.slug).map_err(|e| e.to_string())?;
    let style = HouseStyle::parse(demo.primary, demo.accent).map_err(|e| e.to_string())?;
    let id = tenancy::create(txn, &slug, demo.name, style, chrono::Utc::now())
        .await
        .map_err(|e| e.to_string())?
        .map_err(|p| format!("{} already exists ({p:?})", demo.slug))?;
    let mut first_area = None;
    for (area_slug, area_name) in demo.areas {
        let area_slug = Slug::parse(area_slug).map_err(|e| e.to_string())?;
        let area = tenancy::add_area(txn, id, &area_slug, area_name)
            .await
            .map_err(|e| e.to_string())?
            .map_err(|p| format!("area {area_name}: {p:?}"))?;
        first_area.get_or_insert(area);
    }
    let short_name = demo.name.trim_start_matches("Gemeente ");
    for (local, display, role) in STAFF {
        let email = format!("{local}@{}.example", demo.slug);
        let (user, password) = account(txn, &email, &format!("{display} {short_name}"), None, how).await?;
        accounts::grant_role(txn, user, id, *role, None, chrono::Utc::now()).await.map_err(|e| e.to_string())?;
        created.push(CreatedAccount { email, password, what: format!("{role:?} in {}", demo.name) });
    }
    let email = format!("inwoner@{}.example", demo.slug);
    let (_, password) = account(txn, &email, "Sam", first_area, how).await?;
    created.push(CreatedAccount { email, password, what: format!("resident of {}", demo.name) });
    Ok((id.0, first_area))
}

pub async fn new_account(
    txn: &sea_orm::DatabaseTransaction,
    email: &str,
    display_name: &str,
    password: &str,
    birth_date: Option<chrono::NaiveDate>,
    area: Option<i32>,
) -> Result<i32, String> {
    let hash = passwords::hash_password(password.to_owned()).await.map_err(|e| e.to_string())?;
    insert_account(txn, email, display_name, hash, birth_date, area).await
}

/// A verified account with its password as `how` says; returns its id and password.
async fn account(
    txn: &sea_orm::DatabaseTransaction,
    email: &str,
    display_name: &str,
    area: Option<i32>,
    how: &Passwords,
) -> Result<(i32, String), String> {
    let (password, hash) = match how {
        Passwords::Random => {
            let password = random_password();
            let hash = passwords::hash_password(password.clone()).await.map_err(|e| e.to_string())?;
            (password, hash)
        }
        Passwords::Shared { password, hash } => (password.clone(), hash.clone()),
    };
    Ok((insert_account(txn, email, display_name, hash, None, area).await?, password))
}

/// A verified account with a password hash made beforehand.
async fn insert_account(
    txn: &sea_orm::DatabaseTransaction,
    email: &str,
    display_name: &str,
    password_hash: String,
    birth_date: Option<chrono::NaiveDate>,
    area: Option<i32>,
) -> Result<i32, String> {
    let account = accounts::create(
        txn,
        accounts::NewAccount {
            email: Email::parse(email).map_err(|p| format!("{email}: {p:?}"))?,
            display_name: DisplayName::parse(display_name).map_err(|p| format!("{display_name}: {p:?}"))?,
            password_hash,
            birth_date,
            area: area.map(app::domain::tenancy::AreaId),
            platform_admin: false,
            verified: true,
            created_at: chrono::Utc::now(),
        },
    )
    .await
    .map_err(|e| e.to_string())?
    .ok_or_else(|| format!("{email} already exists"))?;
    Ok(account.id)
}
