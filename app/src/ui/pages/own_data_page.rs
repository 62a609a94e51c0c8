//! `/account/mijn-gegevens`: everything Samenspraak keeps about the signed-in person, per kind,
//! and the same as a JSON download. Shown only after the password is confirmed again.

use crate::api::own_data::{get_own_data, ConfirmPassword};
use crate::domain::desk::CaseStatus;
use crate::domain::reports::{Disposition, ItemKind};
use crate::i18n::*;
use crate::model::own_data::*;
use crate::ui::components::consultations::labels::channel_label;
use crate::ui::components::dates::{long_date, moment};
use crate::ui::components::desk::labels::status_label;
use crate::ui::components::password_confirmation::ConfirmPasswordFirst;
use crate::ui::components::reports::{disposition_label, item_kind_label};
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;

/// Where the download is served (a plain route of the server, see `server::own_data`).
pub const DOWNLOAD_PATH: &str = "/account/mijn-gegevens.json";

#[component]
pub fn OwnDataPage() -> impl IntoView {
    let i18n = use_i18n();
    let confirm = ServerAction::<ConfirmPassword>::new();
    let page = Resource::new(move || confirm.version().get(), |_| get_own_data());
    view! {
        <PageTitle text=t_string!(i18n, own_data_title).to_string()/>
        <h1>{t!(i18n, own_data_title)}</h1>
        <p>{t!(i18n, own_data_intro)}</p>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(OwnDataPage::ConfirmFirst) => view! { <ConfirmPasswordFirst confirm then="/account/mijn-gegevens"/> }.into_any(),
                    Ok(OwnDataPage::Shown(data)) => view! { <Overview data=*data/> }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
        <p><a href="/account">{t!(i18n, own_data_back)}</a></p>
    }
}

#[component]
fn Overview(data: OwnData) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let made = moment(locale, data.made_at);
    view! {
        <p class="notice">
            <a class="button" href=DOWNLOAD_PATH download="mijn-gegevens.json">{t!(i18n, own_data_download)}</a>
            " " {t!(i18n, own_data_made_at, at = move || made.clone())}
        </p>
        <AccountSection account=data.account roles=data.roles/>
        <InputsSection inputs=data.inputs/>
        <Listed title=t_string!(i18n, own_data_supports_title).to_string() empty=t_string!(i18n, own_data_none).to_string()
            rows=data.supports.into_iter().map(|s| format!("{} — {} — {}", s.municipality, s.what, moment(locale, s.given_at))).collect()/>
        <VotesSection votes=data.votes/>
        <Listed title=t_string!(i18n, own_data_panels_title).to_string() empty=t_string!(i18n, own_data_none).to_string()
            rows=data.panels.into_iter().map(|p| {
                let until = p.ends_on.map(|d| format!(" – {}", long_date(locale, d))).unwrap_or_default();
                format!("{} — {}: {}{until}", p.municipality, p.panel, long_date(locale, p.starts_on))
            }).collect()/>
        <Listed title=t_string!(i18n, own_data_follows_title).to_string() empty=t_string!(i18n, own_data_none).to_string()
            rows=data.follows.into_iter().map(|f| format!("{} — {} — {}", f.municipality, f.what, moment(locale, f.since))).collect()/>
        <CasesSection cases=data.desk_cases/>
        <Listed title=t_string!(i18n, own_data_case_supports_title).to_string() empty=t_string!(i18n, own_data_none).to_string()
            rows=data.case_supports.into_iter().map(|s| format!("{} — {} — {}", s.municipality, s.what, moment(locale, s.given_at))).collect()/>
        <SessionsSection sessions=data.sessions/>
        <h2>{t!(i18n, own_data_leave_title)}</h2>
        <p>{t!(i18n, own_data_leave_intro)} " " <a href="/account/verwijderen">{t!(i18n, own_data_leave_link)}</a></p>
    }
}

#[component]
fn AccountSection(account: AccountData, roles: Vec<RoleData>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let none = move || t_string!(i18n, own_data_not_given).to_string();
    let rows: Vec<(String, String)> = vec![
        (t_string!(i18n, own_data_email).to_string(), account.email),
        (
            t_string!(i18n, own_data_email_confirmed).to_string(),
            account.email_confirmed_at.map(|at| moment(locale, at)).unwrap_or_else(none),
        ),
        (t_string!(i18n, field_display_name).to_string(), account.display_name),
        (
            t_string!(i18n, field_birth_date).to_string(),
            account.birth_date.map(|d| long_date(locale, d)).unwrap_or_else(none),
        ),
        (t_string!(i18n, own_data_area).to_string(), account.area.unwrap_or_else(none)),
        (t_string!(i18n, own_data_language).to_string(), account.language.unwrap_or_else(none)),
        (t_string!(i18n, own_data_created).to_string(), moment(locale, account.created_at)),
        (t_string!(i18n, own_data_password_changed).to_string(), moment(locale, account.password_changed_at)),
    ];
    view! {
        <h2>{t!(i18n, own_data_account_title)}</h2>
        <dl class="facts">
            {rows.into_iter().map(|(term, value)| view! { <dt>{term}</dt><dd>{value}</dd> }).collect_view()}
            {(!roles.is_empty()).then(|| view! {
                <dt>{t!(i18n, own_data_roles)}</dt>
                <dd>{roles.into_iter().map(|r| format!("{} ({})", r.role, r.municipality)).collect::<Vec<_>>().join(", ")}</dd>
            })}
        </dl>
    }
}

#[component]
fn InputsSection(inputs: Vec<InputData>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <h2>{t!(i18n, own_data_inputs_title)}</h2>
        {if inputs.is_empty() {
            view! { <p>{t!(i18n, own_data_none)}</p> }.into_any()
        } else {
            view! {
                <ul class="own-data">
                    {inputs.into_iter().map(|input| {
                        let kind = ItemKind::parse(&input.kind).map(|k| item_kind_label(i18n, k)).unwrap_or(input.kind);
                        let place = [Some(input.municipality), input.trajectory, input.activity].into_iter().flatten()
                            .filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" — ");
                        let status = input_status_label(i18n, &input.status);
                        let channel = crate::domain::consultations::Channel::parse(&input.channel).map(|c| channel_label(i18n, c))
                            .unwrap_or(input.channel);
                        let answer = input.answer.map(|a| {
                            let disposition = Disposition::parse(&a.disposition).map(|d| disposition_label(i18n, d)).unwrap_or(a.disposition);
                            format!("{disposition}: {}", a.reason)
                        });
                        view! {
                            <li>
                                <p><strong>{kind}</strong> " · " {place} " · " {moment(locale, input.created_at)} " · " {channel} " · " {status}</p>
                                <p class="own-data__text">{input.body}</p>
                                {input.moderation_reason.map(|r| view! { <p>{t!(i18n, own_data_moderation_reason)} " " {r}</p> })}
                                {answer.map(|a| view! { <p>{t!(i18n, own_data_answer)} " " {a}</p> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

fn input_status_label(i18n: leptos_i18n::I18nContext<Locale>, status: &str) -> String {
    use crate::domain::consultations::InputStatus;
    match InputStatus::parse(status) {
        Some(InputStatus::Visible) => t_string!(i18n, own_data_status_visible).to_string(),
        Some(InputStatus::Pending) => t_string!(i18n, own_data_status_pending).to_string(),
        Some(InputStatus::Hidden) => t_string!(i18n, own_data_status_hidden).to_string(),
        Some(InputStatus::Withdrawn) => t_string!(i18n, own_data_status_withdrawn).to_string(),
        None => status.to_owned(),
    }
}

#[component]
fn VotesSection(votes: Vec<VoteData>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let rows = votes
        .into_iter()
        .map(|v| {
            let choice =
                if v.secret { t_string!(i18n, own_data_vote_secret).to_string() } else { v.ballot.unwrap_or_default() };
            format!("{} — {} — {} — {choice}", v.municipality, v.poll, long_date(locale, v.voted_on))
        })
        .collect();
    view! {
        <Listed title=t_string!(i18n, own_data_votes_title).to_string() empty=t_string!(i18n, own_data_none).to_string() rows/>
    }
}

#[component]
fn CasesSection(cases: Vec<CaseData>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <h2>{t!(i18n, own_data_cases_title)}</h2>
        {if cases.is_empty() {
            view! { <p>{t!(i18n, own_data_none)}</p> }.into_any()
        } else {
            view! {
                <ul class="own-data">
                    {cases.into_iter().map(|c| {
                        let status = CaseStatus::parse(&c.status).map(|s| status_label(i18n, s)).unwrap_or(c.status);
                        let contact = [c.contact_name, c.contact_email, c.contact_phone].into_iter().flatten().collect::<Vec<_>>().join(", ");
                        view! {
                            <li>
                                <p><strong>{c.number} " " {c.title}</strong> " · " {c.municipality} " · " {long_date(locale, c.received_on)} " · " {status}</p>
                                <p class="own-data__text">{c.description}</p>
                                {(!contact.is_empty()).then(|| view! { <p>{t!(i18n, own_data_contact)} " " {contact}</p> })}
                                <ul>
                                    {c.messages.into_iter().map(|m| {
                                        let from = if m.from_desk { t_string!(i18n, own_data_from_desk) } else { t_string!(i18n, own_data_from_you) };
                                        view! { <li><strong>{from.to_string()}</strong> " · " {moment(locale, m.at)} <p class="own-data__text">{m.body}</p></li> }
                                    }).collect_view()}
                                </ul>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn SessionsSection(sessions: Vec<SessionData>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let rows = sessions
        .into_iter()
        .map(|s| {
            let device = s.device.unwrap_or_else(|| t_string!(i18n, own_data_device_unknown).to_string());
            let since = s.signed_in_at.map(|at| moment(locale, at)).unwrap_or_default();
            let used = s.last_used_at.map(|at| moment(locale, at)).unwrap_or_default();
            let this =
                if s.this_session { format!(" ({})", t_string!(i18n, own_data_this_session)) } else { String::new() };
            format!(
                "{device}{this} — {} {since} — {} {used}",
                t_string!(i18n, own_data_signed_in),
                t_string!(i18n, own_data_last_used)
            )
        })
        .collect();
    view! {
        <Listed title=t_string!(i18n, own_data_sessions_title).to_string() empty=t_string!(i18n, own_data_none).to_string() rows/>
    }
}

/// A heading with its lines of text, or a line saying there is nothing.
#[component]
fn Listed(title: String, empty: String, rows: Vec<String>) -> impl IntoView {
    view! {
        <h2>{title}</h2>
        {if rows.is_empty() {
            view! { <p>{empty}</p> }.into_any()
        } else {
            view! { <ul class="own-data">{rows.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul> }.into_any()
        }}
    }
}
