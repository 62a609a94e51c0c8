//! `/beheer/{municipality}/panels` and `/beheer/{municipality}/panels/{id}`: the municipality's
//! administrators keep its panels: the description, age band and term; the members (by display
//! name only); single-use codes to print and hand out; invitations by e-mail.

use crate::api::panels::{
    get_panel, list_panels, AddPanelMember, EndPanelMembership, InviteToPanel, MakePanelCodes, SavePanel,
};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::panels::{PanelDetail, PanelSummary};
use crate::ui::components::content_lang::content_lang;
use crate::ui::components::dates::long_date;
use crate::ui::components::form::{error_of, Field, FormAlert, FormError, SubmissionToken, TextArea};
use crate::ui::components::table_scroll::TableScroll;
use crate::ui::pages::not_found_page::NotFoundPage;
use crate::ui::pages::trajectory_editor_page::Forbidden;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

fn text(s: String) -> Signal<String> {
    Signal::derive(move || s.clone())
}

/// "12 tot en met 23 jaar", or nothing without an age band.
fn ages(i18n: leptos_i18n::I18nContext<Locale>, panel: &PanelSummary) -> Option<AnyView> {
    match (panel.min_age, panel.max_age) {
        (None, None) => None,
        (min, max) => {
            let (min, max) = (min.unwrap_or(0), max.unwrap_or(120));
            Some(t!(i18n, panel_ages, min = move || min, max = move || max).into_any())
        }
    }
}

#[component]
fn PanelFields(error: FormError, initial: Option<PanelSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let value = |f: fn(&PanelSummary) -> String| initial.as_ref().map(f).unwrap_or_default();
    view! {
        <Field name="name" autocomplete="off" error required=true initial=value(|p| p.name.clone())
            label=text(t_string!(i18n, panel_field_name).to_string())/>
        <TextArea name="description" error rows=3 initial=value(|p| p.description.clone())
            label=text(t_string!(i18n, panel_field_description).to_string())/>
        <div class="field-pair">
            <Field name="min_age" kind="number" autocomplete="off" error initial=value(|p| p.min_age.map(|a| a.to_string()).unwrap_or_default())
                label=text(t_string!(i18n, field_eligible_min_age).to_string())/>
            <Field name="max_age" kind="number" autocomplete="off" error initial=value(|p| p.max_age.map(|a| a.to_string()).unwrap_or_default())
                label=text(t_string!(i18n, field_eligible_max_age).to_string())/>
        </div>
        <div class="field-pair">
            <Field name="term_starts_on" kind="date" autocomplete="off" error required=true
                initial=value(|p| p.term_starts_on.format("%Y-%m-%d").to_string())
                label=text(t_string!(i18n, panel_field_term_starts_on).to_string())/>
            <Field name="term_ends_on" kind="date" autocomplete="off" error
                initial=value(|p| p.term_ends_on.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default())
                label=text(t_string!(i18n, panel_field_term_ends_on).to_string())
                hint=text(t_string!(i18n, panel_field_term_ends_on_hint).to_string())/>
        </div>
    }
}

#[component]
pub fn PanelsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let page = Resource::new(slug, list_panels);
    let save = ServerAction::<SavePanel>::new();
    view! {
        <PageTitle text=t_string!(i18n, panels_title).to_string()/>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => {
                        let error = error_of(save.value());
                        let locale = i18n.get_locale_untracked();
                        view! {
                            <nav aria-label=move || t_string!(i18n, breadcrumb_label) class="breadcrumb">
                                <a href=format!("/beheer/{}", page.municipality_slug)>{page.municipality_name.clone()}</a>
                            </nav>
                            <h1>{t!(i18n, panels_title)}</h1>
                            <p class="lead">{t!(i18n, panels_intro)}</p>
                            {if page.panels.is_empty() {
                                view! { <p>{t!(i18n, panels_none)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="activity-list">
                                        {page.panels.iter().map(|p| {
                                            let members = p.members;
                                            let since = long_date(locale, p.term_starts_on);
                                            view! {
                                                <li class="activity-card">
                                                    <h2><a href=format!("/beheer/{}/panels/{}", page.municipality_slug, p.id)>{p.name.clone()}</a></h2>
                                                    <p>
                                                        {ages(i18n, p).map(|a| view! { {a} " · " })}
                                                        {t!(i18n, panel_members_count, count = move || members)} " · "
                                                        {t!(i18n, panel_since, day = move || since.clone())}
                                                    </p>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            <h2>{t!(i18n, panel_new)}</h2>
                            <FormAlert error/>
                            <ActionForm action=save attr:class="form" attr:novalidate=true>
                                <input type="hidden" name="municipality" value=page.municipality_slug.clone()/>
                                <PanelFields error initial=None/>
                                <button class="button" type="submit">{t!(i18n, panel_create)}</button>
                            </ActionForm>
                        }.into_any()
                    }
                    Err(AppError::Forbidden | AppError::Unauthenticated) => view! { <Forbidden/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn PanelPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i32>().ok()).unwrap_or(0);
    let end = ServerAction::<EndPanelMembership>::new();
    let add = ServerAction::<AddPanelMember>::new();
    let make = ServerAction::<MakePanelCodes>::new();
    let panel = Resource::new(
        move || (slug(), id(), end.version().get(), add.version().get(), make.version().get()),
        |(slug, id, _, _, _)| get_panel(slug, id),
    );
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match panel.await {
                    Ok(detail) => view! { <Panel detail end add make/> }.into_any(),
                    Err(AppError::Forbidden | AppError::Unauthenticated) => view! { <Forbidden/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MemberRow(
    slug: String,
    panel: i32,
    m: crate::model::panels::MemberView,
    end: ServerAction<EndPanelMembership>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <tr>
            <th scope="row">{m.display_name.clone()}</th>
            <td>{long_date(locale, m.starts_on)}</td>
            <td>{if m.added_by_staff { t!(i18n, panel_member_added).into_any() } else { t!(i18n, panel_member_joined).into_any() }}</td>
            <td>
                <ActionForm action=end>
                    <input type="hidden" name="municipality" value=slug/>
                    <input type="hidden" name="panel" value=panel/>
                    <input type="hidden" name="member" value=m.user_id/>
                    <button class="button button--secondary button--small" type="submit">
                        {t!(i18n, panel_member_end)} <span class="visually-hidden">": " {m.display_name.clone()}</span>
                    </button>
                </ActionForm>
            </td>
        </tr>
    }
}

#[component]
fn Panel(
    detail: PanelDetail,
    end: ServerAction<EndPanelMembership>,
    add: ServerAction<AddPanelMember>,
    make: ServerAction<MakePanelCodes>,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let save = ServerAction::<SavePanel>::new();
    let invite = ServerAction::<InviteToPanel>::new();
    let (save_error, make_error, invite_error, add_error) =
        (error_of(save.value()), error_of(make.value()), error_of(invite.value()), error_of(add.value()));
    let slug = detail.municipality_slug.clone();
    let slug_add = slug.clone();
    let slug_make = slug.clone();
    let slug_invite = slug.clone();
    let slug_save = slug.clone();

    let panel = detail.panel.clone();
    let (open_codes, used_codes) = (detail.open_codes, detail.used_codes);
    let shown_codes = detail.new_codes.clone();
    let join_url = detail.join_url.clone();
    // The page is loaded again after codes are made, and shows them from there (the same way
    // as after a form sent without JavaScript).
    let made = move || (!shown_codes.is_empty()).then(|| shown_codes.clone());
    let invited = move || query.read().get("uitgenodigd").is_some();
    let running: Vec<_> = detail.members.iter().filter(|m| m.ends_on.is_none()).cloned().collect();
    let past: Vec<_> = detail.members.iter().filter(|m| m.ends_on.is_some()).cloned().collect();
    view! {
        <PageTitle text=panel.name.clone()/>
        <nav aria-label=move || t_string!(i18n, breadcrumb_label) class="breadcrumb">
            <a href=format!("/beheer/{slug}/panels")>{t!(i18n, panels_title)}</a>
        </nav>
        <h1 lang=content_lang()>{panel.name.clone()}</h1>
        <p class="lead" lang=content_lang()>{panel.description.clone()}</p>
        {move || invited().then(|| view! { <p class="notice" role="status">{t!(i18n, panel_invited)}</p> })}
        <section aria-labelledby="leden">
            <h2 id="leden">{t!(i18n, panel_members_title)}</h2>
            {if running.is_empty() {
                view! { <p>{t!(i18n, panel_members_none)}</p> }.into_any()
            } else {
                view! {
                    <TableScroll label=move || t_string!(i18n, panel_members_caption).to_string()>
                    <table class="data-table">
                        <caption>{t!(i18n, panel_members_caption)}</caption>
                        <thead><tr>
                            <th scope="col">{t!(i18n, panel_member_name)}</th>
                            <th scope="col">{t!(i18n, panel_member_since)}</th>
                            <th scope="col">{t!(i18n, panel_member_how)}</th>
                            <th scope="col"><span class="visually-hidden">{t!(i18n, panel_member_actions)}</span></th>
                        </tr></thead>
                        <tbody>
                            {running.into_iter().map(|m| view! { <MemberRow slug=slug.clone() panel=panel.id m end/> }).collect_view()}
                        </tbody>
                    </table>
                    </TableScroll>
                }.into_any()
            }}
            {(!past.is_empty()).then(|| {
                let count = past.len();
                view! { <p>{t!(i18n, panel_members_past, count = move || count)}</p> }
            })}
            <h3>{t!(i18n, panel_add_member)}</h3>
            <FormAlert error=add_error/>
            <ActionForm action=add attr:class="form form--inline" attr:novalidate=true>
                <input type="hidden" name="municipality" value=slug_add/>
                <input type="hidden" name="panel" value=panel.id/>
                <Field name="email" kind="email" autocomplete="off" error=add_error form="lid"
                    label=text(t_string!(i18n, panel_add_member_email).to_string())
                    hint=text(t_string!(i18n, panel_add_member_hint).to_string())/>
                <button class="button" type="submit">{t!(i18n, panel_add_member_button)}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="codes">
            <h2 id="codes">{t!(i18n, panel_codes_title)}</h2>
            <p>{t!(i18n, panel_codes_intro, open = move || open_codes, used = move || used_codes)}</p>
            <FormAlert error=make_error/>
            <ActionForm action=make attr:class="form form--inline" attr:novalidate=true>
                <input type="hidden" name="municipality" value=slug_make/>
                <input type="hidden" name="panel" value=panel.id/>
                <SubmissionToken/>
                <Field name="count" kind="number" autocomplete="off" error=make_error initial="30".to_owned()
                    label=text(t_string!(i18n, panel_codes_count).to_string())/>
                <button class="button" type="submit">{t!(i18n, panel_codes_make)}</button>
            </ActionForm>
            {move || made().map(|codes| view! {
                <div class="code-sheet" role="status">
                    <p>{t!(i18n, panel_codes_made)}</p>
                    <ol class="code-list">
                        {codes.into_iter().map(|c| {
                            let url = join_url.clone();
                            view! {
                                <li>
                                    <code>{c}</code>
                                    <span class="code-list__where">{t!(i18n, panel_code_where, url = move || url.clone())}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                </div>
            })}
            <h3>{t!(i18n, panel_invite_title)}</h3>
            <FormAlert error=invite_error/>
            <ActionForm action=invite attr:class="form form--inline" attr:novalidate=true>
                <input type="hidden" name="municipality" value=slug_invite/>
                <input type="hidden" name="panel" value=panel.id/>
                <SubmissionToken/>
                <Field name="email" kind="email" autocomplete="off" error=invite_error form="uitnodiging"
                    label=text(t_string!(i18n, panel_invite_email).to_string())/>
                <button class="button" type="submit">{t!(i18n, panel_invite_button)}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="gegevens">
            <h2 id="gegevens">{t!(i18n, panel_edit_title)}</h2>
            <FormAlert error=save_error/>
            <ActionForm action=save attr:class="form" attr:novalidate=true>
                <input type="hidden" name="municipality" value=slug_save/>
                <input type="hidden" name="id" value=panel.id/>
                <PanelFields error=save_error initial=Some(panel.clone())/>
                <button class="button" type="submit">{t!(i18n, save)}</button>
            </ActionForm>
        </section>
    }
}
