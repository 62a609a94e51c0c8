//! `/{municipality}/panel-aanmelden`: joining a panel with a personal code, from an invitation
//! e-mail (`?code=` fills it in) or typed from paper.

use crate::api::accounts::current_account;
use crate::api::panels::{panel_welcome, JoinPanel};
use crate::i18n::*;
use crate::ui::components::dates::long_date;
use crate::ui::components::form::{error_of, Field, FormAlert};
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn JoinPanelPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let join = ServerAction::<JoinPanel>::new();
    let error = error_of(join.value());
    let account = Resource::new(|| (), |_| current_account());
    let code = move || query.read().get("code").unwrap_or_default();
    let joined_panel = move || query.read().get("lid").and_then(|id| id.parse::<i32>().ok());
    let welcome = Resource::new(
        move || (slug(), joined_panel()),
        |(slug, panel)| async move {
            match panel {
                Some(panel) => panel_welcome(slug, panel).await.ok(),
                None => None,
            }
        },
    );
    view! {
        <PageTitle text=t_string!(i18n, join_panel_title).to_string()/>
        <h1>{t!(i18n, join_panel_title)}</h1>
        // Which panel, and where to go next: its open polls.
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                welcome.await.map(|w| {
                    let locale = i18n.get_locale_untracked();
                    let name = w.name.clone();
                    view! {
                        <div class="notice" role="status">
                            <p><strong>{t!(i18n, join_panel_done_named, panel = move || name.clone())}</strong></p>
                            {if w.open_polls.is_empty() {
                                view! { <p>{t!(i18n, join_panel_no_polls)}</p> }.into_any()
                            } else {
                                view! {
                                    <p>{t!(i18n, join_panel_open_polls)}</p>
                                    <ul>
                                        {w.open_polls.iter().map(|p| {
                                            let day = long_date(locale, p.closes_on);
                                            view! {
                                                <li>
                                                    <a href=format!("/{}/peilingen/{}", slug(), p.id)>{p.title.clone()}</a>
                                                    " (" {t!(i18n, take_part_vote_until, day = move || day.clone())} ")"
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        </div>
                    }
                })
            })}
        </Suspense>
        <p class="lead">{t!(i18n, join_panel_intro)}</p>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                let signed_in = matches!(account.await, Ok(Some(_)));
                if signed_in {
                    view! {
                        <FormAlert error/>
                        <ActionForm action=join attr:class="form" attr:novalidate=true>
                            <input type="hidden" name="municipality" value=slug()/>
                            <Field name="code" autocomplete="off" error required=true initial=code()
                                label=Signal::derive(move || t_string!(i18n, join_panel_code).to_string())
                                hint=Signal::derive(move || t_string!(i18n, join_panel_code_hint).to_string())/>
                            <button class="button" type="submit">{t!(i18n, join_panel_button)}</button>
                        </ActionForm>
                        <p>{t!(i18n, join_panel_leave_note)}</p>
                    }.into_any()
                } else {
                    let next = format!("/{}/panel-aanmelden?code={}", slug(), code());
                    view! {
                        <p class="notice" role="note">{t!(i18n, join_panel_sign_in)}</p>
                        <p>
                            <a class="button" href=format!("/inloggen?next={}", urlencoding(&next))>{t!(i18n, nav_log_in)}</a>
                            " "
                            <a class="button button--secondary" href="/registreren">{t!(i18n, nav_register)}</a>
                        </p>
                    }.into_any()
                }
            })}
        </Suspense>
    }
}

/// Just enough escaping for a path with a query inside a `next` parameter.
fn urlencoding(s: &str) -> String {
    s.replace('%', "%25").replace('?', "%3F").replace('=', "%3D").replace('&', "%26")
}
