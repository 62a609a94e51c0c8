//! Demo data: two fictional municipalities with their areas and an account for every role, so a
//! newcomer sees a living platform after `make run`. Passwords are random and printed once.

use app::domain::accounts::{DisplayName, Email};
use app::domain::roles::Role;
use app::domain::tenancy::{HouseStyle, Slug};
use app::server::{accounts, passwords, tenancy};
use rand::RngCore;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};

struct DemoMunicipality {
    slug: &'static str,
    name: &'static str,
    primary: &'static str,
    accent: &'static str,
    areas: &'static [(&'static str, &'static str)],
}

const MUNICIPALITIES: &[DemoMunicipality] = &[
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
        let slug = Slug::parse(demo.slug).map_err(|e| e.to_string())?;
        let style = HouseStyle::parse(demo.primary, demo.accent).map_err(|e| e.to_string())?;
        let id = tenancy::create(&txn, &slug, demo.name, style, chrono::Utc::now())
            .await
            .map_err(|e| e.to_string())?
            .map_err(|p| format!("{} already exists ({p:?})", demo.slug))?;
        let mut first_area = None;
        for (area_slug, area_name) in demo.areas {
            let area_slug = Slug::parse(area_slug).map_err(|e| e.to_string())?;
            let area = tenancy::add_area(&txn, id, &area_slug, area_name)
                .await
                .map_err(|e| e.to_string())?
                .map_err(|p| format!("area {area_name}: {p:?}"))?;
            first_area.get_or_insert(area);
        }
        for (local, display, role) in STAFF {
            let email = format!("{local}@{}.example", demo.slug);
            let password = random_password();
            let account = new_account(
                &txn,
                &email,
                &format!("{display} {}", demo.name.trim_start_matches("Gemeente ")),
                &password,
                None,
                None,
            )
            .await?;
            accounts::grant_role(&txn, account, id, *role, None, chrono::Utc::now())
                .await
                .map_err(|e| e.to_string())?;
            created.push(CreatedAccount { email, password, what: format!("{role:?} in {}", demo.name) });
        }
        let resident = format!("inwoner@{}.example", demo.slug);
        let password = random_password();
        new_account(&txn, &resident, "Sam", &password, None, first_area).await?;
        created.push(CreatedAccount { email: resident, password, what: format!("resident of {}", demo.name) });
        if demo.slug == "duinwijk" {
            let young = "jongere@duinwijk.example".to_owned();
            let password = random_password();
            let birth = chrono::NaiveDate::from_ymd_opt(2011, 5, 1);
            new_account(&txn, &young, "Noor", &password, birth, first_area).await?;
            created.push(CreatedAccount {
                email: young,
                password,
                what: "youth resident (born 2011) of Gemeente Duinwijk".into(),
            });
            let young = "jongere2@duinwijk.example".to_owned();
            let password = random_password();
            let birth = chrono::NaiveDate::from_ymd_opt(2011, 2, 10);
            new_account(&txn, &young, "Milan", &password, birth, first_area).await?;
            created.push(CreatedAccount {
                email: young,
                password,
                what: "youth resident (born 2011) of Gemeente Duinwijk".into(),
            });
        }
    }
    txn.commit().await.map_err(|e| e.to_string())?;
    Ok(created)
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
    let account = accounts::create(
        txn,
        accounts::NewAccount {
            email: Email::parse(email).map_err(|p| format!("{email}: {p:?}"))?,
            display_name: DisplayName::parse(display_name).map_err(|p| format!("{display_name}: {p:?}"))?,
            password_hash: hash,
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
