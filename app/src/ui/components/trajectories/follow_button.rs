//! Follow (mee-weten) or stop following a trajectory, an area or a theme. A plain form, so it works
//! without JavaScript; visitors are invited to log in first.

use crate::api::follows::SetFollow;
use crate::domain::follows::FollowTarget;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn FollowButton(
    slug: String,
    target: FollowTarget,
    back_to: String,
    following: Option<bool>,
    action: ServerAction<SetFollow>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (kind, key) = target.key();
    match following {
        None => view! {
            <p class="follow">{t!(i18n, follow_log_in_first)} " " <a href="/inloggen">{t!(i18n, nav_log_in)}</a></p>
        }
        .into_any(),
        Some(now) => view! {
            <ActionForm action attr:class="follow">
                <input type="hidden" name="municipality" value=slug/>
                <input type="hidden" name="kind" value=kind/>
                <input type="hidden" name="target" value=key/>
                <input type="hidden" name="follow" value=(!now).to_string()/>
                <input type="hidden" name="back_to" value=back_to/>
                {if now {
                    view! {
                        <p>{t!(i18n, follow_following)}</p>
                        <button class="button button--secondary" type="submit">{t!(i18n, follow_stop)}</button>
                    }.into_any()
                } else {
                    view! {
                        <p>{t!(i18n, follow_explained)}</p>
                        <button class="button" type="submit">{t!(i18n, follow_start)}</button>
                    }.into_any()
                }}
            </ActionForm>
        }
        .into_any(),
    }
}
