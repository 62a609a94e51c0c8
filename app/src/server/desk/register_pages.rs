//! The public register of a municipality's initiatives, and one public initiative.

use super::register::{self, RegisterOrder};
use super::views::{norm_view, register_item};
use super::{cases, figures, not_found, settings};
use crate::domain::consultations::page_count;
use crate::domain::initiatives::{SupportKind, PAGE_SIZE};
use crate::domain::paging::page_number;
use crate::error::AppResult;
use crate::model::initiatives::{MaySupport, PublicInitiative, RegisterPage};
use crate::server::context::Reader;

/// A page of the register (`sort` "steun": most supported first), with the council's list, the
/// norms and the published figures.
pub async fn register_page(reader: &Reader, sort: &str, page: &str) -> AppResult<RegisterPage> {
    let (db, m) = (&reader.state.db, &reader.municipality);
    let most_supported = sort == "steun";
    let order = if most_supported { RegisterOrder::MostSupported } else { RegisterOrder::Newest };
    let page = page_number(page);
    let (rows, total) = register::page(db, m.id, order, page).await?;
    let settings = settings::of(db, m.id).await?;
    let council = register::council_list(db, m.id).await?;
    Ok(RegisterPage {
        municipality_slug: m.slug.clone(),
        municipality_name: m.name.clone(),
        items: rows.iter().map(|r| register_item(m, r)).collect(),
        total,
        page,
        pages: page_count(total, PAGE_SIZE),
        most_supported,
        council_list: council.iter().map(|r| register_item(m, r)).collect(),
        support_threshold: settings.support_threshold,
        norm: norm_view(settings.norm),
        figures: figures::per_quarter(db, m.id, reader.state.clock.today()).await?,
    })
}

/// A public initiative and whether the reader may support it; a case that is not public is not
/// found.
#[tracing::instrument(skip_all, fields(case = id))]
pub async fn public_initiative(reader: &Reader, id: i32) -> AppResult<PublicInitiative> {
    let db = &reader.state.db;
    let row = cases::find(db, reader.municipality_id.0, id).await?.filter(|c| c.public).ok_or_else(not_found)?;
    let may_support = match &reader.account {
        None => MaySupport::SignIn,
        Some(a) if row.initiator_id == Some(a.id) => MaySupport::Own,
        Some(a) if !a.email_confirmed() => MaySupport::ConfirmEmail,
        Some(a) => MaySupport::Yes { supported: register::supported_by(db, row.id, a.id).await? },
    };
    let settings = settings::of(db, reader.municipality_id.0).await?;
    Ok(PublicInitiative {
        municipality_slug: reader.municipality.slug.clone(),
        municipality_name: reader.municipality.name.clone(),
        item: register_item(&reader.municipality, &row),
        description: row.description.clone(),
        support_asked: SupportKind::split(&row.support_asked).iter().map(|k| k.as_str().to_owned()).collect(),
        may_support,
        support_threshold: settings.support_threshold,
    })
}
