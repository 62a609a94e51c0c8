//! Follows and the mail they bring. Each follow has its own random unsubscribe key, so the link
//! in a mail stops exactly that follow in one click, without logging in, and reveals nothing else.

use super::context::internal;
use super::entities::{follow, user};
use super::mail;
use super::state::Settings;
use super::trajectories::Loaded;
use crate::domain::follows::FollowTarget;
use crate::domain::tenancy::MunicipalityId;
use crate::error::AppResult;
use crate::server::letters::{Language, Letter};
use chrono::Utc;
use rand::RngCore;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use std::collections::BTreeMap;

fn new_key() -> String {
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Starts following; following twice is the same as following once.
pub async fn follow(
    db: &impl TransactionTrait,
    user_id: i32,
    municipality: MunicipalityId,
    target: FollowTarget,
    now: chrono::DateTime<Utc>,
) -> AppResult<()> {
    let (kind, key) = target.key();
    let row = follow::ActiveModel {
        user_id: Set(user_id),
        municipality_id: Set(municipality.0),
        kind: Set(kind.to_owned()),
        target: Set(key),
        unsubscribe_key: Set(new_key()),
        created_at: Set(now),
        ..Default::default()
    };
    super::unique::insert_unless_duplicate(db, row).await?;
    Ok(())
}

pub async fn unfollow(
    db: &impl ConnectionTrait,
    user_id: i32,
    municipality: MunicipalityId,
    target: FollowTarget,
) -> AppResult<()> {
    let (kind, key) = target.key();
    follow::Entity::delete_many()
        .filter(follow::Column::UserId.eq(user_id))
        .filter(follow::Column::MunicipalityId.eq(municipality.0))
        .filter(follow::Column::Kind.eq(kind))
        .filter(follow::Column::Target.eq(key))
        .exec(db)
        .await
        .map_err(internal)?;
    Ok(())
}

/// What one person follows in one municipality.
pub async fn followed_by(
    db: &impl ConnectionTrait,
    user_id: i32,
    municipality: MunicipalityId,
) -> AppResult<Vec<FollowTarget>> {
    Ok(follow::Entity::find()
        .filter(follow::Column::UserId.eq(user_id))
        .filter(follow::Column::MunicipalityId.eq(municipality.0))
        .order_by_asc(follow::Column::Id)
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .filter_map(|f| FollowTarget::parse(&f.kind, &f.target))
        .collect())
}

/// Keys are hex of a fixed length; anything else is not a key and is never looked up.
pub fn looks_like_key(key: &str) -> bool {
    !key.is_empty() && key.len() <= 64 && key.chars().all(|c| c.is_ascii_hexdigit())
}

/// Ends the follow with this key; false when there is none (already ended, or a made-up key).
pub async fn unsubscribe(db: &impl ConnectionTrait, key: &str) -> AppResult<bool> {
    if !looks_like_key(key) {
        return Ok(false);
    }
    let done = follow::Entity::delete_many()
        .filter(follow::Column::UnsubscribeKey.eq(key))
        .exec(db)
        .await
        .map_err(internal)?;
    Ok(done.rows_affected > 0)
}

/// The followers of any of these targets, one entry per person (with the key of the first
/// matching follow, which that mail's unsubscribe link ends).
/// Someone who follows something: where their mail goes, in which language, and the key that
/// stops it.
pub(crate) struct Follower {
    pub email: String,
    pub unsubscribe_key: String,
    pub language: Language,
}

pub(crate) async fn followers(
    db: &impl ConnectionTrait,
    municipality: MunicipalityId,
    targets: &[FollowTarget],
) -> AppResult<BTreeMap<i32, Follower>> {
    if targets.is_empty() {
        return Ok(BTreeMap::new());
    }
    let mut any = Condition::any();
    for target in targets {
        let (kind, key) = target.key();
        any = any.add(Condition::all().add(follow::Column::Kind.eq(kind)).add(follow::Column::Target.eq(key)));
    }
    let rows = follow::Entity::find()
        .filter(follow::Column::MunicipalityId.eq(municipality.0))
        .filter(any)
        .order_by_asc(follow::Column::Id)
        .find_also_related(user::Entity)
        .all(db)
        .await
        .map_err(internal)?;
    let mut by_person = BTreeMap::new();
    for (follow, person) in rows {
        if let Some(person) = person.filter(|p| p.email_verified_at.is_some()) {
            let language = Language::of(person.locale.as_deref());
            let follower = Follower { email: person.email, unsubscribe_key: follow.unsubscribe_key, language };
            by_person.entry(follow.user_id).or_insert(follower);
        }
    }
    Ok(by_person)
}

pub(crate) fn unsubscribe_url(settings: &Settings, key: &str) -> String {
    format!("{}/afmelden/{key}", settings.public_url)
}

/// The verified e-mail addresses of people who gave input in a trajectory (online, under their
/// own account) and do not follow it.
async fn participants_not_following(
    db: &impl ConnectionTrait,
    trajectory_id: i32,
    following: &BTreeMap<i32, Follower>,
) -> AppResult<Vec<(String, Language)>> {
    use super::entities::input;
    use sea_orm::QuerySelect;
    let authors: Vec<i32> = input::Entity::find()
        .select_only()
        .column(input::Column::AuthorId)
        .filter(input::Column::TrajectoryId.eq(trajectory_id))
        .filter(input::Column::AuthorId.is_not_null())
        .distinct()
        .into_tuple::<Option<i32>>()
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .flatten()
        .filter(|id| !following.contains_key(id))
        .collect();
    if authors.is_empty() {
        return Ok(Vec::new());
    }
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(authors))
        .filter(user::Column::EmailVerifiedAt.is_not_null())
        .order_by_asc(user::Column::Id)
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|u| (u.email, Language::of(u.locale.as_deref())))
        .collect())
}

/// Tells the followers of a trajectory, and everyone who gave input in it, that its rules of
/// play changed, and why.
pub async fn tell_about_new_rules(
    db: &impl ConnectionTrait,
    settings: &Settings,
    trajectory: &Loaded,
    version: i32,
    reason: &str,
) -> AppResult<()> {
    let municipality = MunicipalityId(trajectory.row.municipality_id);
    let target = FollowTarget::Trajectory(crate::domain::trajectories::TrajectoryId(trajectory.row.id));
    let slug = municipality_slug(db, municipality).await?;
    let following = followers(db, municipality, &[target]).await?;
    // Whoever already gave input is told too: the rules decide what happens with it. They get
    // this one mail because they took part, not a subscription, so there is nothing to end.
    let link = format!("{}/{slug}/trajecten/{}#spelregels", settings.public_url, trajectory.row.id);
    let (title, unsubscribe) = (&trajectory.row.title, None);
    for (email, language) in participants_not_following(db, trajectory.row.id, &following).await? {
        let letter = Letter::RulesChanged { trajectory: title, version, reason, link: &link, unsubscribe };
        mail::send(db, &email, language, &letter, None).await?;
    }
    for follower in following.into_values() {
        let unsubscribe = unsubscribe_url(settings, &follower.unsubscribe_key);
        let letter =
            Letter::RulesChanged { trajectory: title, version, reason, link: &link, unsubscribe: Some(&unsubscribe) };
        mail::send(db, &follower.email, follower.language, &letter, Some(unsubscribe.clone())).await?;
    }
    Ok(())
}

/// Tells the followers of the trajectory's areas and themes that it has been published.
pub async fn tell_about_new_trajectory(
    db: &impl ConnectionTrait,
    settings: &Settings,
    trajectory: &Loaded,
) -> AppResult<()> {
    let municipality = MunicipalityId(trajectory.row.municipality_id);
    let targets: Vec<FollowTarget> = trajectory
        .areas
        .iter()
        .map(|&a| FollowTarget::Area(a))
        .chain(trajectory.themes.iter().map(|&t| FollowTarget::Theme(t)))
        .collect();
    let slug = municipality_slug(db, municipality).await?;
    let link = format!("{}/{slug}/trajecten/{}", settings.public_url, trajectory.row.id);
    for follower in followers(db, municipality, &targets).await?.into_values() {
        let unsubscribe = unsubscribe_url(settings, &follower.unsubscribe_key);
        let letter = Letter::NewTrajectory {
            trajectory: &trajectory.row.title,
            summary: &trajectory.row.summary,
            link: &link,
            unsubscribe: &unsubscribe,
        };
        mail::send(db, &follower.email, follower.language, &letter, Some(unsubscribe.clone())).await?;
    }
    Ok(())
}

pub(crate) async fn municipality_slug(db: &impl ConnectionTrait, municipality: MunicipalityId) -> AppResult<String> {
    super::entities::municipality::Entity::find_by_id(municipality.0)
        .one(db)
        .await
        .map_err(internal)?
        .map(|m| m.slug)
        .ok_or_else(|| internal("trajectory of a municipality that does not exist"))
}
