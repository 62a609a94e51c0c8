//! `/{municipality}/trajecten/{id}`: one trajectory. On a phone the first screen holds what
//! matters to take part: the rules of play in short (before any way to take part), then what can
//! be done now and until when. Then the planning, the full rules-of-play card, every activity,
//! the plan itself, the contact person and the card's history.

use crate::api::follows::{list_follows, SetFollow};
use crate::api::trajectories::get_trajectory;
use crate::domain::consultations::Window;
use crate::domain::follows::FollowTarget;
use crate::domain::trajectories::{Stage, TrajectoryId};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::trajectories::TrajectoryDetail;
use crate::ui::components::content_lang::content_lang;
use crate::ui::components::dates::long_date;
use crate::ui::components::trajectories::follow_button::FollowButton;
use crate::ui::components::trajectories::labels::{stage_label, theme_label};
use crate::ui::components::trajectories::phases::{Milestone, PhaseTimeline};
use crate::ui::components::trajectories::rules_card::{ChangeNotice, RulesCard, RulesHistory};
use crate::ui::components::trajectories::take_part::{RulesInShort, TakePart};
use crate::ui::pages::not_found_page::NotFoundPage;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn TrajectoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i32>().ok()).unwrap_or(0);
    let follow = ServerAction::<SetFollow>::new();
    let trajectory = Resource::new(move || (slug(), id()), |(slug, id)| get_trajectory(slug, id));
    let follows = Resource::new(move || (slug(), follow.version().get()), |(slug, _)| list_follows(slug));
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match trajectory.await {
                    Ok(t) => {
                        let following = follows.await.ok().flatten().map(|list| list.contains(&FollowTarget::Trajectory(TrajectoryId(t.id))));
                        view! { <Trajectory t following follow/> }.into_any()
                    }
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Trajectory(t: TrajectoryDetail, following: Option<bool>, follow: ServerAction<SetFollow>) -> impl IntoView {
    let i18n = use_i18n();
    let stage = t.stage;
    let edit_href = format!("/{}/trajecten/{}/bewerken", t.municipality_slug, t.id);
    let answers_href = format!("/{}/trajecten/{}/antwoorden", t.municipality_slug, t.id);
    let report_href = format!("/{}/trajecten/{}/verslag", t.municipality_slug, t.id);
    let desk_href = format!("/{}", t.municipality_slug);
    let themes = t.themes.clone();
    let contact_mail = format!("mailto:{}", t.contact_email);
    let milestones: Vec<Milestone> =
        [t.rules.rules.decision_date.map(Milestone::Decision), t.rules.rules.report_date.map(Milestone::Report)]
            .into_iter()
            .flatten()
            .collect();
    // In parts, each made into one view: one nested type for the whole page is deeper than the
    // compiler's limit.
    let head = view! {
        <PageTitle text=t.title.clone()/>
        <nav aria-label=move || t_string!(i18n, breadcrumb_label) class="breadcrumb">
            <a href=desk_href>{t.municipality_name.clone()}</a>
        </nav>
        <h1 lang=content_lang()>{t.title.clone()}</h1>
        <p class="trajectory-meta">
            <span class=format!("badge badge--{}", stage.as_str())>{move || stage_label(i18n, stage)}</span>
            {t.areas.iter().map(|a| view! { <span class="badge">{a.name.clone()}</span> }).collect_view()}
            {themes.into_iter().map(|theme| view! { <span class="badge">{move || theme_label(i18n, theme)}</span> }).collect_view()}
        </p>
        {(stage == Stage::Draft).then(|| view! { <p class="notice" role="note">{t!(i18n, trajectory_draft_notice)}</p> })}
        {t.can_manage.then(|| view! {
            <p class="button-row">
                <a class="button button--secondary" href=edit_href>{t!(i18n, trajectory_edit)}</a>
                <a class="button button--secondary" href=answers_href>{t!(i18n, answering_title)}</a>
            </p>
        })}
        {t.report.clone().map(|report| {
            let locale = i18n.get_locale_untracked();
            view! {
                <section class="card card--highlight" aria-labelledby="verslag">
                    <h2 id="verslag">{t!(i18n, trajectory_report_title)}</h2>
                    <p>
                        {t!(i18n, trajectory_report_published)} " " {long_date(locale, report.published_on)} "."
                        {report.late.then(|| view! { " " {t!(i18n, trajectory_report_late)} })}
                    </p>
                    <p><a class="button" href=report_href.clone()>{t!(i18n, trajectory_report_read)}</a></p>
                </section>
            }
        })}
        <p class="lead" lang=content_lang()>{t.summary.clone()}</p>
    }
    .into_any();
    let first_screen = view! {
        {(stage != Stage::Draft).then(|| view! { <RulesInShort rules=t.rules.clone()/> })}
        <TakePart slug=t.municipality_slug.clone() activities=t.activities.clone()/>
        <FollowButton slug=t.municipality_slug.clone() target=FollowTarget::Trajectory(TrajectoryId(t.id))
            back_to=format!("/{}/trajecten/{}", t.municipality_slug, t.id) following action=follow/>
        <section aria-labelledby="fasen">
            <h2 id="fasen">{t!(i18n, phases_title)}</h2>
            <PhaseTimeline phases=t.phases.clone() milestones=milestones/>
        </section>
        <section class="rules" aria-labelledby="spelregels">
            <h2 id="spelregels">{t!(i18n, rules_title)}</h2>
            <p>{t!(i18n, rules_intro)}</p>
            <ChangeNotice rules=t.rules.clone()/>
            <RulesCard rules=t.rules.clone()/>
        </section>
    }
    .into_any();
    let rest = view! {
        <Activities t=t.clone()/>
        <section aria-labelledby="over-het-plan">
            <h2 id="over-het-plan">{t!(i18n, trajectory_about)}</h2>
            <div class="prose" lang=content_lang() inner_html=t.body_html.clone()></div>
        </section>
        <section aria-labelledby="contact">
            <h2 id="contact">{t!(i18n, trajectory_contact)}</h2>
            <p>{t.contact_name.clone()}</p>
            <p><a href=contact_mail>{t.contact_email.clone()}</a></p>
            {(!t.contact_phone.is_empty()).then(|| view! { <p>{t.contact_phone.clone()}</p> })}
        </section>
        <RulesHistory history=t.history.clone()/>
    }
    .into_any();
    view! { {head} {first_screen} {rest} }
}

/// Where residents take part: the trajectory's consultations and polls, each with whether it is open.
#[component]
fn Activities(t: TrajectoryDetail) -> impl IntoView {
    let i18n = use_i18n();
    let add_href = format!("/{}/trajecten/{}/raadpleging-toevoegen", t.municipality_slug, t.id);
    let add_poll_href = format!("/{}/trajecten/{}/peiling-toevoegen", t.municipality_slug, t.id);
    let add_ideas_href = format!("/{}/trajecten/{}/ideeen-toevoegen", t.municipality_slug, t.id);
    (!t.activities.is_empty() || t.can_manage).then(|| {
        view! {
            <section aria-labelledby="meedoen">
                <h2 id="meedoen">{t!(i18n, activities_title)}</h2>
                {(t.activities.is_empty()).then(|| view! { <p>{t!(i18n, activities_none)}</p> })}
                <ul class="activity-list">
                    {t.activities.iter().map(|a| {
                        let (is_poll, is_ideas) = (a.kind == "poll", a.kind == "ideas");
                        let href = a.path(&t.municipality_slug);
                        let (count, ballots, ideas) = (a.visible_comments, a.ballots, a.ideas);
                        let open = matches!(a.window, Window::Open { .. });
                        view! {
                            <li class="activity-card">
                                <h3><a href=href>{a.title.clone()}</a></h3>
                                <p>
                                    <span class="badge">
                                        {if is_poll {
                                            t!(i18n, poll_badge).into_any()
                                        } else if is_ideas {
                                            t!(i18n, ideas_badge).into_any()
                                        } else {
                                            t!(i18n, consultation_badge).into_any()
                                        }}
                                    </span>
                                    {open.then(|| view! { " " <span class="badge badge--open">{t!(i18n, activity_open_now)}</span> })}
                                    " " {a.phase_name.clone()} " · "
                                    {if is_poll {
                                        t!(i18n, activity_ballot_count, count = move || ballots).into_any()
                                    } else if is_ideas {
                                        t!(i18n, ideas_count, count = move || ideas).into_any()
                                    } else {
                                        t!(i18n, activity_comment_count, count = move || count).into_any()
                                    }}
                                </p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {t.can_manage.then(|| view! {
                    <p class="button-row">
                        <a class="button button--secondary" href=add_href>{t!(i18n, consultation_new_title)}</a>
                        " "
                        <a class="button button--secondary" href=add_poll_href>{t!(i18n, poll_new_title)}</a>
                        " "
                        <a class="button button--secondary" href=add_ideas_href>{t!(i18n, ideas_new_title)}</a>
                    </p>
                })}
            </section>
        }
    })
}
