//! What a project lead's or administrator's request starts from when it changes a trajectory or
//! one of its activities: who they are, their municipality, and the right to edit there.

use super::{find, Loaded};
use crate::domain::roles::can_manage_trajectories;
use crate::domain::tenancy::{AreaId, MunicipalityId};
use crate::domain::trajectories::TrajectoryId;
use crate::error::{AppError, AppResult};
use crate::model::tenancy::MunicipalityDetail;
use crate::server::audit;
use crate::server::context::internal;
use crate::server::context::{self, SignedIn};
use crate::server::submission::{self, Claim, Submit};
use crate::server::writes::begin_write;
use sea_orm::{ConnectionTrait, DatabaseTransaction};

/// The signed-in lead and the municipality they edit in.
pub struct Editing {
    pub signed_in: SignedIn,
    pub municipality: MunicipalityDetail,
    pub municipality_id: MunicipalityId,
}

/// The signed-in person of this request, if they may edit the trajectories of `municipality`
/// (Forbidden otherwise, NotFound for an unknown municipality).
pub async fn editing(municipality: &str) -> AppResult<Editing> {
    let signed_in = context::signed_in().await?;
    let found = context::municipality_named(&signed_in.state, municipality).await?;
    let municipality_id = MunicipalityId(found.id);
    if !can_manage_trajectories(&signed_in.actor, municipality_id) {
        return Err(context::answer_with(AppError::Forbidden));
    }
    Ok(Editing { signed_in, municipality: found, municipality_id })
}

impl Editing {
    /// One of this municipality's trajectories; NotFound for another municipality's.
    pub async fn trajectory(&self, id: i32) -> AppResult<Loaded> {
        find(&self.signed_in.state.db, self.municipality_id, TrajectoryId(id))
            .await?
            .ok_or_else(|| context::answer_with(AppError::NotFound))
    }

    /// One of this municipality's trajectories that can still change: Conflict once archived.
    pub async fn open_trajectory(&self, id: i32) -> AppResult<Loaded> {
        let loaded = self.trajectory(id).await?;
        if loaded.status == crate::domain::trajectories::Status::Archived {
            return Err(AppError::Conflict);
        }
        Ok(loaded)
    }

    /// The names of the municipality's panels, which the rules of play can name.
    pub async fn panel_names(&self) -> AppResult<Vec<String>> {
        Ok(self.panels().await?.into_iter().map(|(_, name)| name).collect())
    }

    /// The municipality's panels, (id, name).
    pub async fn panels(&self) -> AppResult<Vec<(i32, String)>> {
        let panels = crate::server::panels::list(&self.signed_in.state.db, self.municipality_id).await?;
        Ok(panels.into_iter().map(|p| (p.id, p.name)).collect())
    }

    pub fn area_ids(&self) -> Vec<AreaId> {
        self.municipality.areas.iter().map(|a| AreaId(a.id)).collect()
    }

    /// Records in the audit trail what this person did, in the same transaction as the change.
    pub async fn audit(&self, txn: &impl ConnectionTrait, action: &str, details: String) -> AppResult<()> {
        let now = self.signed_in.state.clock.now();
        audit::staff_did(txn, self.municipality.id, self.signed_in.account.id, action, details, now).await
    }

    /// Makes something once per form. `make` writes it inside the write transaction, by this
    /// person at one moment of the application's clock (`Made`), and returns its id with the
    /// audit trail's words for it. When the same form (its `submission_token`) was sent before for
    /// the same `action` within the same trajectory or municipality (`within`), nothing new is
    /// kept and the answer is the id made then. A form whose token expired comes back with what
    /// was typed.
    pub async fn make_once(
        &self,
        action: &str,
        within: i32,
        submission_token: &str,
        typed: impl FnOnce() -> Vec<(String, String)>,
        make: impl AsyncFnOnce(&DatabaseTransaction, Made) -> AppResult<(i32, String)>,
    ) -> AppResult<i32> {
        let state = &self.signed_in.state;
        let made = Made { by: self.signed_in.account.id, at: state.clock.now() };
        // One form per action and what it is made in (`create_poll:12`, trajectory 12).
        let target = format!("{action}:{within}");
        let submit = Submit::verified(state, made.by, submission_token, &target)
            .ok_or_else(|| submission::expired("title", typed()))?;
        let txn = begin_write(&state.db).await.map_err(internal)?;
        let (id, details) = make(&txn, made).await?;
        if let Claim::Repeat { made } = submit.claim(&txn, id).await? {
            txn.rollback().await.map_err(internal)?;
            return Ok(made);
        }
        audit::staff_did(&txn, self.municipality.id, made.by, action, details, made.at).await?;
        txn.commit().await.map_err(internal)?;
        Ok(id)
    }

    /// The page where a trajectory of this municipality is edited.
    pub fn editor_path(&self, id: i32) -> String {
        format!("/{}/trajecten/{id}/bewerken", self.municipality.slug)
    }
}

/// Who makes something through [`Editing::make_once`], and the moment it is made.
#[derive(Debug, Clone, Copy)]
pub struct Made {
    pub by: i32,
    pub at: chrono::DateTime<chrono::Utc>,
}
