//! `seed-cluster`: many municipalities on one database for `make cluster`, each like a demo
//! municipality (areas, an account for every role) with the Dorpsplein trajectory, a consultation
//! with comments, an open poll, a desk with cases, more published trajectories and residents who
//! can sign in. Every account shares one password, hashed once: a throwaway benchmark database.

use crate::seed::{self, DemoMunicipality, Passwords};
use sea_orm::DatabaseConnection;

/// What the cluster script needs to know of one seeded municipality.
pub struct Seeded {
    pub slug: String,
    pub consultation: i32,
    pub poll: i32,
}

pub struct Sizes {
    pub municipalities: usize,
    pub trajectories: usize,
    pub comments: usize,
    pub residents: usize,
    pub cases: usize,
}

const AREAS: &[(&str, &str)] = &[("centrum", "Centrum"), ("noord", "Noord"), ("zuid", "Zuid")];

/// Creates `gemeente-001` … in turn; each municipality is its own few transactions, so a large
/// seed does not hold one write lock for minutes.
pub async fn seed(db: &DatabaseConnection, sizes: &Sizes, password: &str) -> Result<Vec<Seeded>, String> {
    let hash = app::server::passwords::hash_password(password.to_owned()).await.map_err(|e| e.to_string())?;
    let how = Passwords::Shared { password: password.to_owned(), hash };
    let mut seeded = Vec::with_capacity(sizes.municipalities);
    for n in 1..=sizes.municipalities {
        let slug = format!("gemeente-{n:03}");
        let name = format!("Gemeente Proef {n:03}");
        let txn = app::server::writes::begin_write(db).await.map_err(|e| e.to_string())?;
        let demo = DemoMunicipality { slug: &slug, name: &name, primary: "#1a5493", accent: "#a51d2d", areas: AREAS };
        seed::create_municipality(&txn, &demo, &how, &mut Vec::new()).await?;
        txn.commit().await.map_err(|e| e.to_string())?;
        crate::demo_trajectories::seed_square(db, &slug).await?;
        crate::demo_trajectories::seed_many(db, &slug, sizes.trajectories).await?;
        let consultation = crate::demo_consultations::seed_load(db, &slug, sizes.comments).await?;
        let poll = crate::demo_polls::seed_load(db, &slug).await?;
        crate::demo_consultations::seed_bench_residents(db, &slug, sizes.residents, password).await?;
        crate::demo_desk::seed_load(db, &slug, sizes.cases).await?;
        seeded.push(Seeded { slug, consultation, poll });
    }
    Ok(seeded)
}
