//! A poll's results: per question an SVG bar chart (role img, with a label that reads the
//! numbers) and a table with the same numbers, a scale's distribution and mean, a ranking's
//! points, breakdowns by age band and area (groups under 10 voters left out), and the paper and
//! meeting votes entered by staff, shown apart (a withdrawn batch marked, with its reason).

use crate::i18n::*;
use crate::model::polls::{Breakdown, OptionResult, PaperBatchView, PollResults, QuestionResult};
use crate::ui::components::bar_chart::{Bar, BarChart};
use crate::ui::components::consultations::labels::channel_label;
use crate::ui::components::dates::long_date;
use crate::ui::components::numbers::{percent, tenths};
use crate::ui::components::table_scroll::TableScroll;
use leptos::prelude::*;

/// A poll's bars: the share of each answer, written as a percentage.
fn share_bars(locale: Locale, bars: Vec<(String, u64)>) -> Vec<Bar> {
    bars.into_iter().map(|(label, per_mille)| Bar { label, per_mille, value: percent(locale, per_mille) }).collect()
}

#[component]
fn ChoiceTable(q: QuestionResult, with_paper: bool) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let answered = q.answered + q.paper_answered;
    view! {
        <TableScroll label=q.prompt.clone()>
        <table class="data-table">
            <caption>{t!(i18n, poll_results_table_caption, count = move || answered)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, poll_results_option)}</th>
                    {with_paper.then(|| view! {
                        <th scope="col" class="number">{t!(i18n, poll_results_online)}</th>
                        <th scope="col" class="number">{t!(i18n, poll_results_paper)}</th>
                    })}
                    <th scope="col" class="number">{t!(i18n, poll_results_votes)}</th>
                    <th scope="col" class="number">{t!(i18n, poll_results_share)}</th>
                </tr>
            </thead>
            <tbody>
                {q.options.iter().map(|o: &OptionResult| view! {
                    <tr>
                        <th scope="row">{o.label.clone()}</th>
                        {with_paper.then(|| view! {
                            <td class="number">{o.online}</td>
                            <td class="number">{o.paper}</td>
                        })}
                        <td class="number">{o.total}</td>
                        <td class="number">{percent(locale, o.per_mille)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </TableScroll>
    }
}

#[component]
fn BreakdownTable(breakdown: Breakdown, options: Vec<OptionResult>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let by_age = breakdown.dimension == "age";
    let caption =
        move || if by_age { t!(i18n, poll_breakdown_age).into_any() } else { t!(i18n, poll_breakdown_area).into_any() };
    if breakdown.groups.is_empty() {
        return view! {
            <p class="poll-breakdown-empty">{caption} ": " {t!(i18n, poll_breakdown_too_small)}</p>
        }
        .into_any();
    }
    view! {
        <TableScroll label=move || if by_age { t_string!(i18n, poll_breakdown_age).to_string() } else { t_string!(i18n, poll_breakdown_area).to_string() }>
        <table class="data-table">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{if by_age { t!(i18n, poll_breakdown_age_column).into_any() } else { t!(i18n, poll_breakdown_area_column).into_any() }}</th>
                    <th scope="col" class="number">{t!(i18n, poll_breakdown_voters)}</th>
                    {options.iter().map(|o| view! { <th scope="col" class="number">{o.label.clone()}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>
                {breakdown.groups.iter().map(|g| {
                    let label = if by_age { g.label.replace("0-15", "tot 16") } else { g.label.clone() };
                    view! {
                        <tr>
                            <th scope="row">{label}</th>
                            <td class="number">{g.answered}</td>
                            {g.options.iter().map(|(_, n, pm)| view! {
                                <td class="number">{*n} " (" {percent(locale, *pm)} ")"</td>
                            }).collect_view()}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </TableScroll>
        {breakdown.smaller_groups_left_out.then(|| view! { <p class="field__hint">{t!(i18n, poll_breakdown_left_out)}</p> })}
    }
    .into_any()
}

#[component]
fn QuestionResults(q: QuestionResult, number: usize, with_paper: bool) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let heading = format!("uitslag-vraag-{}", q.id);
    let prompt = q.prompt.clone();
    let body = match q.kind.as_str() {
        "single" | "multiple" => {
            let bars = q.options.iter().map(|o| (o.label.clone(), o.per_mille)).collect();
            let breakdowns = q.breakdowns.clone();
            let options = q.options.clone();
            view! {
                {(q.kind == "multiple").then(|| view! { <p class="field__hint">{t!(i18n, poll_results_multiple_note)}</p> })}
                <BarChart title=prompt.clone() bars=share_bars(locale, bars)/>
                <ChoiceTable q=q.clone() with_paper/>
                {breakdowns.into_iter().map(|b| view! { <BreakdownTable breakdown=b options=options.clone()/> }).collect_view()}
            }
            .into_any()
        }
        "ranking" => {
            let most = q.options.iter().map(|o| o.points).max().unwrap_or(0).max(1);
            let bars = q.options.iter().map(|o| (o.label.clone(), o.points * 1000 / most)).collect();
            let answered = q.answered;
            view! {
                <p class="field__hint">{t!(i18n, poll_results_ranking_note)}</p>
                <BarChart title=prompt.clone() bars=share_bars(locale, bars)/>
                <TableScroll label=prompt.clone()>
                <table class="data-table">
                    <caption>{t!(i18n, poll_results_table_caption, count = move || answered)}</caption>
                    <thead><tr>
                        <th scope="col">{t!(i18n, poll_results_option)}</th>
                        <th scope="col" class="number">{t!(i18n, poll_results_points)}</th>
                        <th scope="col" class="number">{t!(i18n, poll_results_first_places)}</th>
                    </tr></thead>
                    <tbody>
                        {q.options.iter().map(|o| view! {
                            <tr><th scope="row">{o.label.clone()}</th><td class="number">{o.points}</td><td class="number">{o.first_places}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </TableScroll>
            }
            .into_any()
        }
        "scale" => {
            let bars = q.scale.iter().map(|s| (s.value.to_string(), s.per_mille)).collect();
            let mean = q.mean_tenths.map(|m| tenths(locale, m));
            let answered = q.answered;
            view! {
                {mean.map(|mean| view! { <p>{t!(i18n, poll_results_mean, mean = move || mean.clone())}</p> })}
                <BarChart title=prompt.clone() bars=share_bars(locale, bars)/>
                <TableScroll label=prompt.clone()>
                <table class="data-table">
                    <caption>{t!(i18n, poll_results_table_caption, count = move || answered)}</caption>
                    <thead><tr>
                        <th scope="col">{t!(i18n, poll_results_value)}</th>
                        <th scope="col" class="number">{t!(i18n, poll_results_votes)}</th>
                        <th scope="col" class="number">{t!(i18n, poll_results_share)}</th>
                    </tr></thead>
                    <tbody>
                        {q.scale.iter().map(|s| view! {
                            <tr><th scope="row">{s.value}</th><td class="number">{s.count}</td><td class="number">{percent(locale, s.per_mille)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </TableScroll>
            }
            .into_any()
        }
        _ => {
            let answered = q.answered;
            view! { <p>{t!(i18n, poll_results_open, count = move || answered)}</p> }.into_any()
        }
    };
    let heading_id = heading.clone();
    view! {
        <section class="poll-result" aria-labelledby=heading>
            <h3 id=heading_id>{t!(i18n, poll_question_number, number = move || number)} " " {q.prompt.clone()}</h3>
            {body}
        </section>
    }
}

#[component]
pub fn Results(results: PollResults) -> impl IntoView {
    let i18n = use_i18n();
    let with_paper = !results.paper.is_empty();
    let ballots = results.ballots;
    view! {
        <p>{t!(i18n, poll_results_ballots, count = move || ballots)}</p>
        {results.questions.into_iter().enumerate().map(|(n, q)| view! { <QuestionResults q number=n + 1 with_paper/> }).collect_view()}
        {with_paper.then(|| view! {
            <section aria-labelledby="papieren-stemmen">
                <h3 id="papieren-stemmen">{t!(i18n, poll_paper_title)}</h3>
                <ul>
                    {results.paper.into_iter().map(|b| view! { <li><PaperBatch batch=b/></li> }).collect_view()}
                </ul>
            </section>
        })}
    }
}

/// One batch of paper votes: where and when it was counted and how many votes it held; a
/// withdrawn batch says so in words (not only struck through) with the day and the reason.
#[component]
pub fn PaperBatch(batch: PaperBatchView) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let votes = batch.votes;
    let counted = view! {
        {batch.description.clone()} " (" {channel_label(i18n, batch.channel)} ", " {long_date(locale, batch.counted_on)} "): "
        {t!(i18n, poll_paper_votes, count = move || votes)}
    };
    match batch.withdrawn {
        None => counted.into_any(),
        Some(w) => {
            let on = long_date(locale, w.on);
            view! {
                <del class="paper-batch--withdrawn">{counted}</del>
                " " <strong>{t!(i18n, poll_paper_withdrawn_on, date = move || on.clone())}</strong> " " {w.reason}
            }
            .into_any()
        }
    }
}
