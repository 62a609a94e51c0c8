//! Mail about a discussion, written to the outbox inside the action's transaction: a resident
//! hears when the municipality answers their comment, and a municipality's moderators hear when a
//! comment is reported for the first time (more reports on it do not send more mail).

use super::context::internal;
use super::entities::{input, input_report, role_grant, user};
use super::mail;
use super::state::Settings;
use crate::domain::roles::Role;
use crate::error::AppResult;
use crate::server::letters::{Language, Letter};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

fn comment_url(settings: &Settings, slug: &str, consultation: i32, comment: i32) -> String {
    format!("{}/{slug}/raadplegingen/{consultation}#reactie-{comment}", settings.public_url)
}

/// Tells the author of `parent` that staff answered it, unless they answered themselves.
pub async fn tell_about_official_answer(
    db: &impl ConnectionTrait,
    settings: &Settings,
    slug: &str,
    consultation_title: &str,
    parent: i32,
    answer: &input::Model,
) -> AppResult<()> {
    let Some(parent) = input::Entity::find_by_id(parent).one(db).await.map_err(internal)? else {
        return Ok(());
    };
    let Some(author) = parent.author_id.filter(|a| Some(*a) != answer.author_id) else {
        return Ok(());
    };
    let Some(person) = user::Entity::find_by_id(author).one(db).await.map_err(internal)? else {
        return Ok(());
    };
    if person.email_verified_at.is_none() {
        return Ok(());
    }
    let url = comment_url(settings, slug, answer.activity_id.unwrap_or_default(), parent.id);
    let letter = Letter::CommentAnswered { name: &person.display_name, consultation: consultation_title, link: &url };
    mail::send(db, &person.email, Language::of(person.locale.as_deref()), &letter, None).await
}

/// Tells the municipality's moderators about a comment's first open report.
pub async fn tell_moderators_about_report(
    db: &impl ConnectionTrait,
    settings: &Settings,
    municipality_id: i32,
    slug: &str,
    comment: &input::Model,
) -> AppResult<()> {
    let open = input_report::Entity::find()
        .filter(input_report::Column::InputId.eq(comment.id))
        .filter(input_report::Column::Status.eq("open"))
        .count(db)
        .await
        .map_err(internal)?;
    if open != 1 {
        return Ok(());
    }
    let moderators: Vec<i32> = role_grant::Entity::find()
        .filter(role_grant::Column::MunicipalityId.eq(municipality_id))
        .filter(role_grant::Column::Role.eq(Role::Moderator.as_str()))
        .all(db)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|g| g.user_id)
        .collect();
    if moderators.is_empty() {
        return Ok(());
    }
    let queue = format!("{}/beheer/{slug}/moderatie", settings.public_url);
    let url = comment_url(settings, slug, comment.activity_id.unwrap_or_default(), comment.id);
    for person in user::Entity::find().filter(user::Column::Id.is_in(moderators)).all(db).await.map_err(internal)? {
        let letter = Letter::CommentReported { name: &person.display_name, queue: &queue, link: &url };
        mail::send(db, &person.email, Language::of(person.locale.as_deref()), &letter, None).await?;
    }
    Ok(())
}
