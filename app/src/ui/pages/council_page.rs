//! `/{municipality}/raad`: the page for council members and the executive. Every public
//! trajectory with its rung on the ladder, where it stands, the input it drew, whether its report
//! came on the promised day and what was done with the input; the desk's service norm figures;
//! and who took part per year, by area and age band. Every chart has its numbers in a table.

use crate::api::reports::get_council;
use crate::domain::reports::{AgeBand, Outcome, Shown};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::reports::CouncilPage;
use crate::ui::components::bar_chart::{Bar, BarChart};
use crate::ui::components::dates::long_date;
use crate::ui::components::desk::norm_figures::NormFigures;
use crate::ui::components::numbers::percent;
use crate::ui::components::reports::{age_band_label, shown_label};
use crate::ui::components::table_scroll::TableScroll;
use crate::ui::components::trajectories::labels::{level_label, stage_label};
use crate::ui::pages::not_found_page::NotFoundPage;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CouncilOverviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let page = Resource::new(slug, get_council);
    view! {
        <PageTitle text=t_string!(i18n, council_title).to_string()/>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Council page/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn count_of(shown: Shown) -> u64 {
    match shown {
        Shown::Exactly(n) => n,
        Shown::FewerThan(_) | Shown::Hidden => 0,
    }
}

#[component]
fn Council(page: CouncilPage) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let slug = page.municipality_slug.clone();
    let (reports, on_time, overdue) = (page.reports, page.reports_on_time, page.overdue);
    let outcome = page.outcome;
    let outcome_bars = [
        (t_string!(i18n, disposition_adopted).to_string(), outcome.adopted),
        (t_string!(i18n, disposition_partly_adopted).to_string(), outcome.partly_adopted),
        (t_string!(i18n, disposition_not_adopted).to_string(), outcome.not_adopted),
        (
            t_string!(i18n, council_other_dispositions).to_string(),
            outcome.answered - outcome.adopted - outcome.partly_adopted - outcome.not_adopted,
        ),
    ];
    let head = view! {
        <nav aria-label=move || t_string!(i18n, breadcrumb_label) class="breadcrumb">
            <a href=format!("/{slug}")>{page.municipality_name.clone()}</a>
        </nav>
        <h1>{t!(i18n, council_title)}</h1>
        <p class="lead">{t!(i18n, council_intro)}</p>
        <ul class="tally">
            <li>{t!(i18n, council_reports, count = move || reports)}</li>
            <li>{t!(i18n, council_on_time, count = move || on_time)}</li>
            <li>{t!(i18n, council_overdue, count = move || overdue)}</li>
        </ul>
        <section aria-labelledby="uitkomst">
            <h2 id="uitkomst">{t!(i18n, council_outcome_title)}</h2>
            {if outcome.answered == 0 {
                view! { <p>{t!(i18n, council_no_reports)}</p> }.into_any()
            } else {
                let bars: Vec<Bar> = outcome_bars.iter().map(|(label, n)| Bar {
                    label: label.clone(),
                    per_mille: outcome.per_mille(*n),
                    value: percent(locale, outcome.per_mille(*n)),
                }).collect();
                view! {
                    <BarChart title=t_string!(i18n, council_outcome_title).to_string() bars/>
                    <TableScroll label=move || t_string!(i18n, council_outcome_title).to_string()>
                    <table class="table">
                        <caption>{t!(i18n, council_outcome_caption, count = move || outcome.answered)}</caption>
                        <thead><tr><th scope="col">{t!(i18n, report_filter_disposition)}</th><th scope="col">{t!(i18n, report_inputs)}</th><th scope="col">{t!(i18n, report_poll_share)}</th></tr></thead>
                        <tbody>
                            {outcome_bars.iter().map(|(label, n)| view! {
                                <tr><th scope="row">{label.clone()}</th><td>{*n}</td><td>{percent(locale, outcome.per_mille(*n))}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    </TableScroll>
                }.into_any()
            }}
        </section>
    }
    .into_any();
    let list = view! {
        <section aria-labelledby="trajecten">
            <h2 id="trajecten">{t!(i18n, council_trajectories_title)}</h2>
            <TableScroll label=move || t_string!(i18n, council_trajectories_caption).to_string()>
                <table class="table">
                    <caption>{t!(i18n, council_trajectories_caption)}</caption>
                    <thead><tr>
                        <th scope="col">{t!(i18n, council_col_trajectory)}</th>
                        <th scope="col">{t!(i18n, council_col_level)}</th>
                        <th scope="col">{t!(i18n, council_col_stage)}</th>
                        <th scope="col">{t!(i18n, report_inputs)}</th>
                        <th scope="col">{t!(i18n, council_col_people)}</th>
                        <th scope="col">{t!(i18n, council_col_report)}</th>
                        <th scope="col">{t!(i18n, disposition_adopted)}</th>
                        <th scope="col">{t!(i18n, disposition_partly_adopted)}</th>
                        <th scope="col">{t!(i18n, disposition_not_adopted)}</th>
                    </tr></thead>
                    <tbody>
                        {page.trajectories.iter().map(|t| {
                            let report = match (t.reported_on, t.promised_on) {
                                (Some(on), _) if t.late => format!("{} ({})", long_date(locale, on), t_string!(i18n, council_late)),
                                (Some(on), _) => format!("{} ({})", long_date(locale, on), t_string!(i18n, council_in_time)),
                                (None, Some(promised)) if t.overdue => format!("{} {}", t_string!(i18n, council_overdue_since), long_date(locale, promised)),
                                (None, Some(promised)) => format!("{} {}", t_string!(i18n, council_promised), long_date(locale, promised)),
                                (None, None) => "–".to_owned(),
                            };
                            let share = |n: fn(&Outcome) -> u64| t.outcome.map(|o| percent(locale, o.per_mille(n(&o)))).unwrap_or_else(|| "–".to_owned());
                            let href = if t.reported_on.is_some() {
                                format!("/{}/trajecten/{}/verslag", slug, t.id)
                            } else {
                                format!("/{}/trajecten/{}", slug, t.id)
                            };
                            view! {
                                <tr class=(t.overdue || t.late).then_some("queue__row--late")>
                                    <th scope="row"><a href=href>{t.title.clone()}</a></th>
                                    <td>{t.level.map(|l| level_label(i18n, l))}</td>
                                    <td>{stage_label(i18n, t.stage)}</td>
                                    <td>{t.inputs}</td>
                                    <td>{t.people.map(|p| shown_label(i18n, p)).unwrap_or_else(|| "–".to_owned())}</td>
                                    <td>{report}</td>
                                    <td>{share(|o| o.adopted)}</td>
                                    <td>{share(|o| o.partly_adopted)}</td>
                                    <td>{share(|o| o.not_adopted)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </TableScroll>
            <p class="field__hint">{t!(i18n, council_people_note)}</p>
        </section>
    }
    .into_any();
    let desk = view! {
        <section aria-labelledby="loket">
            <h2 id="loket">{t!(i18n, council_desk_title)}</h2>
            <NormFigures figures=page.figures.clone() acknowledge_within=page.acknowledge_within answer_within=page.answer_within/>
        </section>
    }
    .into_any();
    let reach = page.reach.clone();
    let most = reach.iter().map(|y| count_of(y.people)).max().unwrap_or(0).max(1);
    let year_bars: Vec<Bar> = reach
        .iter()
        .map(|y| Bar {
            label: y.year.to_string(),
            per_mille: count_of(y.people) * 1000 / most,
            value: shown_label(i18n, y.people),
        })
        .collect();
    let reach_by_age = reach.clone();
    let areas: Vec<Option<String>> =
        reach.first().map(|y| y.by_area.iter().map(|(a, _)| a.clone()).collect()).unwrap_or_default();
    let reach_view = view! {
        <section aria-labelledby="bereik">
            <h2 id="bereik">{t!(i18n, council_reach_title)}</h2>
            <p>{t!(i18n, council_reach_intro)}</p>
            <BarChart title=t_string!(i18n, council_reach_chart).to_string() bars=year_bars/>
            <TableScroll label=move || t_string!(i18n, council_reach_by_area).to_string()>
                <table class="table">
                    <caption>{t!(i18n, council_reach_by_area)}</caption>
                    <thead><tr>
                        <th scope="col">{t!(i18n, report_area)}</th>
                        {reach.iter().map(|y| view! { <th scope="col">{y.year}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {areas.iter().enumerate().map(|(i, area)| {
                            let name = area.clone().unwrap_or_else(|| t_string!(i18n, report_area_unknown).to_string());
                            view! {
                                <tr>
                                    <th scope="row">{name}</th>
                                    {reach.iter().map(|y| view! { <td>{y.by_area.get(i).map(|(_, n)| shown_label(i18n, *n))}</td> }).collect_view()}
                                </tr>
                            }
                        }).collect_view()}
                        <tr>
                            <th scope="row">{t!(i18n, council_total)}</th>
                            {reach.iter().map(|y| view! { <td>{shown_label(i18n, y.people)}</td> }).collect_view()}
                        </tr>
                    </tbody>
                </table>
            </TableScroll>
            <TableScroll label=move || t_string!(i18n, council_reach_by_age).to_string()>
                <table class="table">
                    <caption>{t!(i18n, council_reach_by_age)}</caption>
                    <thead><tr>
                        <th scope="col">{t!(i18n, report_age)}</th>
                        {reach_by_age.iter().map(|y| view! { <th scope="col">{y.year}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {AgeBand::ALL.into_iter().enumerate().map(|(i, band)| view! {
                            <tr>
                                <th scope="row">{age_band_label(i18n, band)}</th>
                                {reach_by_age.iter().map(|y| view! { <td>{y.by_age.get(i).map(|(_, n)| shown_label(i18n, *n))}</td> }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </TableScroll>
            <p class="field__hint">{t!(i18n, report_small_groups)}</p>
        </section>
    }
    .into_any();
    view! { {head} {list} {desk} {reach_view} }
}
