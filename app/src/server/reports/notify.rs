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
use crate::server::follows::{followers, unsubscribe_url};
use crate::server::letters::{Answered, Correction, Language, Letter};
use crate::server::mail;
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

/// Someone who gave input: their account (if they have one), their language and their inputs.
struct Contributor<'a> {
    account: Option<i32>,
    language: Language,
    given: Vec<&'a Answerable>,
}

/// Who gave which inputs, by e-mail address: account holders by their verified address, people
/// without an account by the address staff noted with their consent (mailed in Dutch).
async fn contributors<'a>(
    db: &impl ConnectionTrait,
    items: &[&'a Answerable],
) -> AppResult<BTreeMap<String, Contributor<'a>>> {
    let ids: Vec<i32> = items.iter().filter_map(|i| i.author_id).collect();
    let mut addresses: BTreeMap<i32, (String, Language)> = BTreeMap::new();
    for chunk in ids.chunks(400) {
        for person in user::Entity::find()
            .filter(user::Column::Id.is_in(chunk.to_vec()))
            .filter(user::Column::EmailVerifiedAt.is_not_null())
            .all(db)
            .await
            .map_err(internal)?
        {
            addresses.insert(person.id, (person.email, Language::of(person.locale.as_deref())));
        }
    }
    let mut by_address: BTreeMap<String, Contributor> = BTreeMap::new();
    for item in items {
        let address = match item.author_id {
            Some(id) => addresses.get(&id).cloned(),
            None => item.contact_email.clone().map(|address| (address, Language::Dutch)),
        };
        if let Some((address, language)) = address {
            let entry = by_address.entry(address).or_insert(Contributor {
                account: item.author_id,
                language,
                given: Vec::new(),
            });
            entry.given.push(item);
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
    let correction =
        published.correction_reason.as_deref().map(|reason| Correction { version: published.version, reason });
    let mut told_accounts = Vec::new();
    for (address, contributor) in contributors(db, items).await? {
        told_accounts.extend(contributor.account);
        let answers: Vec<Answered> = contributor
            .given
            .iter()
            .take(LINKS_PER_MAIL)
            .map(|item| Answered {
                what: what(item),
                link: answer_url(settings, slug, trajectory.row.id, item.reference),
            })
            .collect();
        let more = contributor.given.len().saturating_sub(LINKS_PER_MAIL);
        let letter =
            Letter::ReportForParticipant { trajectory: title, correction, answers: &answers, more, report: &url };
        mail::send(db, &address, contributor.language, &letter, None).await?;
    }
    let municipality = MunicipalityId(trajectory.row.municipality_id);
    let target = FollowTarget::Trajectory(TrajectoryId(trajectory.row.id));
    for (person, follower) in followers(db, municipality, &[target]).await? {
        if told_accounts.contains(&person) {
            continue;
        }
        let unsubscribe = unsubscribe_url(settings, &follower.unsubscribe_key);
        let letter =
            Letter::ReportForFollower { trajectory: title, correction, report: &url, unsubscribe: &unsubscribe };
        mail::send(db, &follower.email, follower.language, &letter, Some(unsubscribe.clone())).await?;
    }
    Ok(())
}
