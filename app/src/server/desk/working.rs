//! The desk at work: who works a municipality's desk, walking a case along its steps, and telling
//! the initiator.

use super::cases::{self, StepChanges};
use super::conversation::initiator_address;
use super::views::case_link;
use crate::domain::desk::{path_to, CaseStatus};
use crate::domain::roles::{can_set_desk_norms, can_work_desk};
use crate::domain::tenancy::MunicipalityId;
use crate::error::{AppError, AppResult};
use crate::model::tenancy::MunicipalityDetail;
use crate::server::context::{self, SignedIn};
use crate::server::entities::desk_case;
use crate::server::letters::{CaseNews, Letter};
use crate::server::mail;
use chrono::{DateTime, Utc};

pub struct Working {
    pub signed_in: SignedIn,
    pub municipality: MunicipalityDetail,
    pub municipality_id: MunicipalityId,
}

/// The signed-in desk officer (or administrator) of the named municipality.
pub async fn working(municipality: &str) -> AppResult<Working> {
    let signed_in = context::signed_in().await?;
    let found = context::municipality_named(&signed_in.state, municipality).await?;
    let municipality_id = MunicipalityId(found.id);
    if !can_work_desk(&signed_in.actor, municipality_id) {
        return Err(context::answer_with(AppError::Forbidden));
    }
    Ok(Working { signed_in, municipality: found, municipality_id })
}

impl Working {
    pub fn may_set_norms(&self) -> bool {
        can_set_desk_norms(&self.signed_in.actor, self.municipality_id)
    }

    pub async fn case(&self, id: i32) -> AppResult<desk_case::Model> {
        cases::find(&self.signed_in.state.db, self.municipality_id.0, id).await?.ok_or_else(super::not_found)
    }

    pub fn case_path(&self, id: i32) -> String {
        format!("/beheer/{}/loket/zaken/{id}", self.municipality.slug)
    }

    pub fn me(&self) -> i32 {
        self.signed_in.account.id
    }
}

/// Takes the steps from where a case stands to `to` (answering a received case takes it in
/// progress first), in one transaction. False when a colleague moved the case meanwhile.
pub async fn walk_to(
    db: &impl sea_orm::ConnectionTrait,
    case: &desk_case::Model,
    to: CaseStatus,
    changes: StepChanges,
    by: i32,
    now: DateTime<Utc>,
) -> AppResult<Option<desk_case::Model>> {
    let Some(path) = path_to(cases::status_of(case), to) else {
        return Ok(None);
    };
    let mut current = case.clone();

    for step in path {
        // The owner goes with the first step in progress; forwarding with the last.
        let changes = StepChanges {
            owner: (step == CaseStatus::InProgress && current.owner_id.is_none())
                .then_some(changes.owner.unwrap_or(by)),
            forwarded_to: (step == to).then_some(changes.forwarded_to).flatten(),
        };
        match cases::take_step(db, &current, step, changes, Some(by), now).await? {
            Some(moved) => current = moved,
            None => return Ok(None),
        }
    }
    Ok(Some(current))
}

/// Mails the initiator about their case (when there is an address: someone helped by phone only
/// is called by the desk), in their language.
pub async fn tell_initiator(
    db: &impl sea_orm::ConnectionTrait,
    working: &Working,
    case: &desk_case::Model,
    news: CaseNews<'_>,
) -> AppResult<()> {
    let Some((to, language)) = initiator_address(db, case).await? else {
        return Ok(());
    };
    let link = case_link(&working.signed_in.state.settings.public_url, case.id);
    let letter = Letter::CaseNews {
        municipality: &working.municipality.name,
        number: &case.number,
        news,
        follow: case.initiator_id.is_some().then_some(link.as_str()),
    };
    mail::send(db, &to, language, &letter, None).await
}
