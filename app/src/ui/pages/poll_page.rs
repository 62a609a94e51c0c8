//! `/{municipality}/peilingen/{id}`: a poll. Who may vote and what happens with the ballot
//! (secret or not, changeable or not, when results are shown) comes first; then the ballot, or
//! in plain words why the reader cannot vote; then the results when they are public.

use crate::api::polls::{get_poll, CastVote};
use crate::domain::polls::{PollWindow, ResultsShown};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::polls::{MayVote, PollView, WhoMayVote};
use crate::ui::components::consultations::labels::{moment, not_eligible_text};
use crate::ui::components::content_lang::content_lang;
use crate::ui::components::form::error_of;
use crate::ui::components::polls::ballot::Ballot;
use crate::ui::components::polls::results::Results;
use crate::ui::pages::not_found_page::NotFoundPage;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn PollPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i32>().ok()).unwrap_or(0);
    let vote = ServerAction::<CastVote>::new();
    let poll = Resource::new(move || (slug(), id(), vote.version().get()), |(slug, id, _)| get_poll(slug, id));
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match poll.await {
                    Ok(p) => view! { <Poll p vote/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn who_text(i18n: leptos_i18n::I18nContext<Locale>, who: &WhoMayVote) -> AnyView {
    match who.clone() {
        WhoMayVote::Everyone => t!(i18n, poll_who_everyone).into_any(),
        WhoMayVote::Areas(areas) => {
            let areas = areas.join(", ");
            t!(i18n, poll_who_areas, areas = move || areas.clone()).into_any()
        }
        WhoMayVote::AgeBand { min, max } => t!(i18n, poll_who_age, min = move || min, max = move || max).into_any(),
        WhoMayVote::Panel(panel) => t!(i18n, poll_who_panel, panel = move || panel.clone()).into_any(),
    }
}

#[component]
fn Poll(p: PollView, vote: ServerAction<CastVote>) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let base = format!("/{}/peilingen/{}", p.municipality_slug, p.id);
    let trajectory_href = format!("/{}/trajecten/{}", p.municipality_slug, p.trajectory_id);
    let (opens, closes) = (moment(i18n, p.opens_local), moment(i18n, p.closes_local));
    let window_text = match p.window {
        PollWindow::NotYetOpen => {
            let at = opens.clone();
            t!(i18n, poll_opens_at, at = move || at.clone()).into_any()
        }
        PollWindow::Open => {
            let at = closes.clone();
            t!(i18n, poll_open_until, at = move || at.clone()).into_any()
        }
        PollWindow::Closed => {
            let at = closes.clone();
            t!(i18n, poll_closed_at, at = move || at.clone()).into_any()
        }
    };
    let voted_now = move || query.read().get("gestemd").is_some();
    let paper_saved = move || query.read().get("papier").is_some();
    let saved = move || query.read().get("opgeslagen").is_some();
    let error = error_of(vote.value());
    let phase_name = p.phase_name.clone();
    let sign_in_href = format!("/inloggen?next={base}");
    let results_shown = p.results_shown.in_effect(p.secret);
    let results_note = match (results_shown, p.results_public) {
        (_, true) => None,
        (ResultsShown::Live, false) => Some(t!(i18n, poll_results_when_open).into_any()),
        (ResultsShown::AfterClose, false) => {
            let at = closes.clone();
            Some(t!(i18n, poll_results_after_close, at = move || at.clone()).into_any())
        }
    };
    let ballots = p.ballots;
    let vote_section = match &p.may_vote {
        MayVote::Yes => {
            let p = p.clone();
            view! {
                {p.voted.then(|| view! { <p class="notice" role="note">{t!(i18n, poll_you_voted_can_change)}</p> })}
                <Ballot poll=p.clone() action=vote error/>
            }
            .into_any()
        }
        MayVote::SignIn => view! {
            <p class="notice" role="note">{t!(i18n, poll_sign_in)}</p>
            <p><a class="button" href=sign_in_href>{t!(i18n, nav_log_in)}</a></p>
        }
        .into_any(),
        MayVote::NotYetOpen => {
            let at = opens.clone();
            view! { <p class="notice" role="note">{t!(i18n, poll_opens_at, at = move || at.clone())}</p> }.into_any()
        }
        MayVote::Closed => view! { <p class="notice" role="note">{t!(i18n, poll_closed_note)}</p> }.into_any(),
        MayVote::AlreadyVoted => view! { <p class="notice" role="note">{t!(i18n, poll_you_voted)}</p> }.into_any(),
        MayVote::NotEligible(reason) => {
            view! { <p class="notice" role="note">{not_eligible_text(i18n, reason)}</p> }.into_any()
        }
    };
    view! {
        <PageTitle text=p.title.clone()/>
        <nav aria-label=move || t_string!(i18n, breadcrumb_label) class="breadcrumb">
            <a href=format!("/{}", p.municipality_slug)>{p.municipality_name.clone()}</a>
            " › "
            <a href=trajectory_href.clone()>{p.trajectory_title.clone()}</a>
        </nav>
        <h1 lang=content_lang()>{p.title.clone()}</h1>
        <p class="trajectory-meta">
            <span class="badge">{t!(i18n, poll_badge)}</span>
            <span>{t!(i18n, consultation_in_phase, phase = move || phase_name.clone())}</span>
            " · "
            <strong>{window_text}</strong>
        </p>
        {move || paper_saved().then(|| view! { <p class="notice" role="status">{t!(i18n, poll_paper_saved)}</p> })}
        {(p.can_enter_paper || p.can_manage).then(|| view! {
            <ul class="staff-links" aria-label=move || t_string!(i18n, staff_links_label)>
                {p.can_manage.then(|| view! { <li><a class="button button--secondary" href=format!("{base}/bewerken")>{t!(i18n, poll_edit)}</a></li> })}
                {p.can_enter_paper.then(|| view! { <li><a class="button button--secondary" href=format!("{base}/papieren-stemmen")>{t!(i18n, poll_paper_enter)}</a></li> })}
            </ul>
        })}
        {move || saved().then(|| view! { <p class="notice" role="status">{t!(i18n, saved_details)}</p> })}
        <div class="prose" lang=content_lang() inner_html=p.intro_html.clone()></div>
        <section aria-labelledby="spelregels-peiling">
            <h2 id="spelregels-peiling">{t!(i18n, poll_how_title)}</h2>
            <ul>
                {p.who.iter().map(|w| view! { <li>{who_text(i18n, w)}</li> }).collect_view()}
                <li>{if p.secret { t!(i18n, poll_secret).into_any() } else { t!(i18n, poll_not_secret).into_any() }}</li>
                <li>{if p.changeable { t!(i18n, poll_changeable).into_any() } else { t!(i18n, poll_not_changeable).into_any() }}</li>
                <li>{match results_shown {
                    ResultsShown::Live => t!(i18n, poll_results_live).into_any(),
                    ResultsShown::AfterClose => t!(i18n, poll_results_after).into_any(),
                }}</li>
            </ul>
            <p><a href=trajectory_href>{t!(i18n, consultation_rules_link)}</a></p>
        </section>
        // A ballot sent comes back here (`#stem`): the section takes focus and says it was counted.
        <section id="stem" tabindex="-1" aria-labelledby="stem-kop">
            <h2 id="stem-kop">{t!(i18n, poll_vote_title)}</h2>
            {move || voted_now().then(|| view! { <p class="notice" role="status">{t!(i18n, poll_vote_counted)}</p> })}
            {vote_section}
        </section>
        <section aria-labelledby="uitslag">
            <h2 id="uitslag">{t!(i18n, poll_results_title)}</h2>
            {(!p.results_public && p.results.is_some()).then(|| view! { <p class="notice" role="note">{t!(i18n, poll_results_staff_only)}</p> })}
            {results_note.map(|note| view! {
                <p>{note}</p>
                <p>{t!(i18n, poll_results_ballots, count = move || ballots)}</p>
            })}
            {p.results.clone().map(|results| view! { <Results results/> })}
        </section>
    }
}
