//! Mee-weten: following a trajectory, an area or a theme, and leaving again, also straight from
//! the link in a mail without logging in.

use crate::error::AppError;
use leptos::prelude::*;

/// Follows (`follow = true`) or stops following a trajectory, an area or a theme of a
/// municipality. `kind` is trajectory, area or theme; `target` its id or theme name.
#[server(endpoint = "set_follow")]
pub async fn set_follow(
    municipality: String,
    kind: String,
    target: String,
    follow: bool,
    #[server(default)] back_to: String,
) -> Result<(), AppError> {
    use crate::domain::follows::FollowTarget;
    use crate::domain::tenancy::MunicipalityId;
    use crate::domain::trajectories::Status;
    use crate::server::{context, follows, trajectories};

    let context::SignedIn { state, account, actor, .. } = context::signed_in().await?;
    let found = context::municipality_named(&state, &municipality).await?;
    let municipality_id = MunicipalityId(found.id);
    let target = FollowTarget::parse(&kind, &target).ok_or_else(|| context::answer_with(AppError::Request))?;
    // Only what exists, and is public (or visible to this person), can be followed.
    let exists = match target {
        FollowTarget::Trajectory(id) => trajectories::find(&state.db, municipality_id, id)
            .await?
            .is_some_and(|t| t.status != Status::Draft || actor.is_staff_of(municipality_id)),
        FollowTarget::Area(id) => found.areas.iter().any(|a| a.id == id.0),
        FollowTarget::Theme(_) => true,
    };
    if !exists {
        return Err(context::answer_with(AppError::NotFound));
    }
    if follow {
        follows::follow(&state.db, account.id, municipality_id, target, state.clock.now()).await?;
    } else {
        follows::unfollow(&state.db, account.id, municipality_id, target).await?;
    }
    // Back to the page the button was on, but only to a page of this site.
    let back =
        if back_to.starts_with('/') && !back_to.starts_with("//") { back_to } else { format!("/{}", found.slug) };
    leptos_axum::redirect(&back);
    Ok(())
}

/// What the signed-in person follows in a municipality; None for visitors, who cannot follow.
#[server(endpoint = "list_follows")]
pub async fn list_follows(municipality: String) -> Result<Option<Vec<crate::domain::follows::FollowTarget>>, AppError> {
    use crate::domain::tenancy::MunicipalityId;
    use crate::server::{context, follows};

    let state = context::app_state()?;
    let session = context::session().await?;
    let Some((account, _)) = context::current_account(&state, &session).await? else {
        return Ok(None);
    };
    let found = context::municipality_named(&state, &municipality).await?;
    follows::followed_by(&state.db, account.id, MunicipalityId(found.id)).await.map(Some)
}

/// The one-click unsubscribe from a mail: a POST (from the button on the page the link opens, or
/// from the mail program itself under RFC 8058) with the follow's own key.
#[server(endpoint = "unsubscribe")]
pub async fn unsubscribe(key: String) -> Result<bool, AppError> {
    use crate::server::{context, follows};
    let state = context::app_state()?;
    if !follows::looks_like_key(&key) {
        // Not a key: nothing to end, and nothing of it goes back into an address.
        return Ok(false);
    }
    let done = follows::unsubscribe(&state.db, &key).await?;
    leptos_axum::redirect(&format!("/afmelden/{key}?klaar={}", if done { "ja" } else { "nee" }));
    Ok(done)
}
