//! The mails a published report brings: everyone who gave input gets a link straight to the
//! answer to each of their inputs; followers of the trajectory are told it appeared. A corrected
//! version tells the same people what changed and why. Queued through the outbox in the
//! publication's transaction, so mail goes only for a report that was really published.

use super::inputs::Answerable;
use crate::domain::follows::FollowTarget;
use crate::domain::reports::InputRef;
use crate::domain::tenancy::MunicipalityId;
use crate::domain::trajectories::TrajectoryId;
use crate::error::AppResult;
use crate::server::context::internal;
use crate::server::entities::{report, user};
use crate::server::follows::{followers, footer, unsubscribe_url};
use crate::server::mail::{self, Mail};
use crate::server::state::Settings;
use crate::server::trajectories::Loaded;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::BTreeMap;

/// Links listed in one mail; someone with more inputs gets the report's address for the rest.
const LINKS_PER_MAIL: usize = 10;

pub fn report_url(settings: &Settings, slug: &str, trajectory_id: i32) -> String {
    format!("{}/{slug}/trajecten/{trajectory_id}/verslag", settings.public_url)
}

/// The link to the answer to one input, in the newest version of the report.
pub fn answer_url(settings: &Settings, slug: &str, trajectory_id: i32, reference: InputRef) -> String {
    format!("{}?inbreng={}#antwoord", report_url(settings, slug, trajectory_id), reference.key())
}

/// Who gave which inputs, by e-mail address: account holders by their verified address, people
/// without an account by the address staff noted with their consent.
async fn contributors<'a>(
    db: &impl ConnectionTrait,
    items: &[&'a Answerable],
) -> AppResult<BTreeMap<String, (Option<i32>, Vec<&'a Answerable>)>> {
    let ids: Vec<i32> = items.iter().filter_map(|i| i.author_id).collect();
    let mut addresses: BTreeMap<i32, String> = BTreeMap::new();
    for chunk in ids.chunks(400) {
        for person in user::Entity::find()
            .filter(user::Column::Id.is_in(chunk.to_vec()))
            .filter(user::Column::EmailVerifiedAt.is_not_null())
            .all(db)
            .await
            .map_err(internal)?
        {
            addresses.insert(person.id, person.email);
        }
    }
    let mut by_address: BTreeMap<String, (Option<i32>, Vec<&Answerable>)> = BTreeMap::new();
    for item in items {
        let address = match item.author_id {
            Some(id) => addresses.get(&id).cloned(),
            None => item.contact_email.clone(),
        };
        if let Some(address) = address {
            let entry = by_address.entry(address).or_insert((item.author_id, Vec::new()));
            entry.1.push(item);
        }
    }
    Ok(by_address)
}

fn what(item: &Answerable) -> String {
    let text = item.title.as_deref().unwrap_or(&item.body);
    let short: String = text.chars().take(60).collect();
    if short.chars().count() < text.chars().count() {
        format!("\"{}…\"", short.trim_end())
    } else {
        format!("\"{short}\"")
    }
}

pub async fn tell_everyone(
    db: &impl ConnectionTrait,
    settings: &Settings,
    slug: &str,
    trajectory: &Loaded,
    published: &report::Model,
    items: &[&Answerable],
) -> AppResult<()> {
    let title = &trajectory.row.title;
    let url = report_url(settings, slug, trajectory.row.id);
    let correction = published.correction_reason.as_deref().map(|reason| {
        format!("Er is een verbeterde versie van het verslag: versie {}.\nWaarom: {reason}\n\n", published.version)
    });
    let subject = match &correction {
        None => format!("Wat er met je inbreng is gedaan: {title}"),
        Some(_) => format!("Verslag verbeterd: {title}"),
    };
    let mut told_accounts = Vec::new();
    for (address, (account, given)) in contributors(db, items).await? {
        told_accounts.extend(account);
        let mut links = String::new();
        for item in given.iter().take(LINKS_PER_MAIL) {
            links.push_str(&format!(
                "- {}\n  {}\n",
                what(item),
                answer_url(settings, slug, trajectory.row.id, item.reference)
            ));
        }
        if given.len() > LINKS_PER_MAIL {
            links.push_str(&format!("- en nog {} meer: {url}\n", given.len() - LINKS_PER_MAIL));
        }
        let body = format!(
            "Hallo,\n\nJe hebt meegedaan aan \"{title}\". Het verslag is gepubliceerd. Daarin staat bij elke reactie wat de gemeente ermee heeft gedaan, en waarom.\n\n{correction}Lees het antwoord op jouw inbreng:\n{links}\nHet hele verslag: {url}\n\n--\nJe krijgt deze e-mail omdat je in dit traject hebt meegedaan.\n",
            correction = correction.clone().unwrap_or_default(),
        );
        mail::enqueue(db, Mail { to: &address, subject: &subject, body, unsubscribe_url: None }).await?;
    }
    let municipality = MunicipalityId(trajectory.row.municipality_id);
    let target = FollowTarget::Trajectory(TrajectoryId(trajectory.row.id));
    for (person, (address, key)) in followers(db, municipality, &[target]).await? {
        if told_accounts.contains(&person) {
            continue;
        }
        let body = format!(
            "Hallo,\n\nHet verslag van \"{title}\" is gepubliceerd: wat er met alle inbreng is gedaan, en waarom.\n\n{correction}Lees het verslag: {url}\n{footer}",
            correction = correction.clone().unwrap_or_default(),
            footer = footer(settings, &key),
        );
        mail::enqueue(
            db,
            Mail { to: &address, subject: &subject, body, unsubscribe_url: Some(unsubscribe_url(settings, &key)) },
        )
        .await?;
    }
    Ok(())
}
