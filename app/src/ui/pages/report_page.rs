//! `/{municipality}/trajecten/{id}/verslag`: the published report. The decision, the rules of
//! play that applied, what was asked, who took part, the poll results and every input with what
//! was done with it and why. `?versie=N` reads an older version, `?inbreng=i12` (the link in the
//! mail) puts one input's answer first, `?pagina=alle` shows every input at once for printing.

use crate::api::reports::get_report;
use crate::domain::reports::Disposition;
use crate::error::AppError;
use crate::i18n::*;
use crate::model::reports::{ReportAnswerView, ReportLine, ReportPage};
use crate::ui::components::consultations::labels::channel_label;
use crate::ui::components::content_lang::content_lang;
use crate::ui::components::dates::long_date;
use crate::ui::components::numbers::percent;
use crate::ui::components::pagination::PageLinks;
use crate::ui::components::reports::{
    age_band_label, disposition_label, item_kind_label, line_author_label, shown_label,
};
use crate::ui::components::table_scroll::TableScroll;
use crate::ui::pages::not_found_page::NotFoundPage;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let p = params.read();
        let q = query.read();
        let get = |name: &str| q.get(name).unwrap_or_default();
        (
            p.get("municipality").unwrap_or_default(),
            p.get("id").and_then(|id| id.parse::<i32>().ok()).unwrap_or_default(),
            [get("versie"), get("activiteit"), get("afweging"), get("pagina"), get("inbreng")],
        )
    };
    let report = Resource::new(key, |(m, id, [version, activity, disposition, page, input])| {
        get_report(m, id, version, activity, disposition, page, input)
    });
    view! {
        <PageTitle text=t_string!(i18n, report_title).to_string()/>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match report.await {
                    Ok(page) => view! { <Report page/> }.into_any(),
                    Err(AppError::NotFound) => view! { <ReportNotYet/> }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The address of a report that is not published yet: not "maybe a typo", but when it comes, as
/// the rules of play promise, with the way back to the trajectory. Anything else is not found.
#[component]
fn ReportNotYet() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let trajectory = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("municipality").unwrap_or_default(),
                p.get("id").and_then(|id| id.parse::<i32>().ok()).unwrap_or_default(),
            )
        },
        |(slug, id)| crate::api::trajectories::get_trajectory(slug, id),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match trajectory.await {
                    Ok(t) if t.report.is_none() => {
                        let locale = i18n.get_locale_untracked();
                        let promised = t.rules.rules.report_date.map(|d| long_date(locale, d));
                        let href = format!("/{}/trajecten/{}", t.municipality_slug, t.id);
                        view! {
                            <h1>{t!(i18n, report_not_yet_title)}</h1>
                            <p role="status">
                                {match promised {
                                    Some(day) => t!(i18n, report_not_yet_on, day = move || day.clone()).into_any(),
                                    None => t!(i18n, report_not_yet).into_any(),
                                }}
                            </p>
                            <p><a href=href lang=content_lang()>{t.title.clone()}</a></p>
                        }.into_any()
                    }
                    _ => view! { <NotFoundPage/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Report(page: ReportPage) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let base = format!("/{}/trajecten/{}/verslag", page.municipality_slug, page.trajectory_id);
    let version = page.version.clone();
    let is_latest = version.version == page.latest_version;
    let version_query = if is_latest { String::new() } else { format!("versie={}&", version.version) };
    let filter_query = format!(
        "{version_query}{}{}",
        page.activity.map(|a| format!("activiteit={a}&")).unwrap_or_default(),
        page.disposition.map(|d| format!("afweging={}&", d.as_str())).unwrap_or_default()
    );
    let (current, pages) = (page.page, page.pages);
    let prev = (pages > 0 && current > 1).then(|| format!("{base}?{filter_query}pagina={}", current - 1));
    let next = (current < pages).then(|| format!("{base}?{filter_query}pagina={}", current + 1));
    let answers = page.answers.clone();
    let answer_of = move |number: i32| answers.iter().find(|a| a.number == number).cloned();
    let participation = page.contents.participation.clone();
    let part0 = view! {
        <nav aria-label=move || t_string!(i18n, breadcrumb_label) class="breadcrumb no-print">
            <a href=format!("/{}", page.municipality_slug)>{page.municipality_name.clone()}</a>
            " › "
            <a href=format!("/{}/trajecten/{}", page.municipality_slug, page.trajectory_id)>{page.trajectory_title.clone()}</a>
        </nav>
        <h1>{t!(i18n, report_title)} ": " {page.trajectory_title.clone()}</h1>
        <p class="lead">
            {t!(i18n, report_version_line, version = move || version.version)} " "
            {long_date(locale, version.published_on)} "."
        </p>
        {version.late.then(|| view! {
            <p class="notice notice--warning">
                {t!(i18n, report_late)} " "
                {page.promised_on.map(|d| long_date(locale, d))} "."
            </p>
        })}
        {version.correction_reason.clone().map(|reason| view! {
            <p class="notice"><strong>{t!(i18n, report_correction)}</strong> " " {reason}</p>
        })}
        {(!is_latest).then(|| view! {
            <p class="notice notice--warning">
                {t!(i18n, report_older_version)} " "
                <a href=base.clone()>{t!(i18n, report_read_newest)}</a>
            </p>
        })}
        {(page.versions.len() > 1).then(|| view! {
            <details class="no-print">
                <summary>{t!(i18n, report_versions)}</summary>
                <ul>
                    {page.versions.iter().map(|v| {
                        let label = format!("{} {} – {}", t_string!(i18n, report_version_word), v.version, long_date(locale, v.published_on));
                        view! {
                            <li>
                                <a href=format!("{base}?versie={}", v.version)>{label}</a>
                                {v.correction_reason.clone().map(|r| format!(": {r}"))}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </details>
        })}
    }.into_any();
    let part1 = view! {
        {page.highlighted.clone().map(|(line, answer)| view! {
            <section id="antwoord" class="card card--highlight" aria-labelledby="antwoord-kop">
                <h2 id="antwoord-kop">{t!(i18n, report_your_input)}</h2>
                <Line line answer=Some(answer)/>
            </section>
        })}
    }
    .into_any();
    let part2 = view! {
        <section aria-labelledby="besluit">
            <h2 id="besluit">{t!(i18n, report_decision)}</h2>
            <p class="preserve-lines" lang=content_lang()>{page.decision.clone()}</p>
            <dl class="case-facts">
                <dt>{t!(i18n, report_decided_by)}</dt>
                <dd>{page.decided_by.clone()}</dd>
                <dt>{t!(i18n, report_decided_on)}</dt>
                <dd>{page.decided_on.map(|d| long_date(locale, d))}</dd>
            </dl>
            {page.council_decision_url.clone().map(|url| view! {
                <p><a href=url rel="external">{t!(i18n, report_council_decision)}</a></p>
            })}
        </section>
    }
    .into_any();
    let part3 = view! {
        {page.rules.clone().map(|rules| view! {
            <section aria-labelledby="spelregels">
                <h2 id="spelregels">{t!(i18n, report_rules, version = move || rules.version)}</h2>
                <h3>{t!(i18n, report_rules_open)}</h3>
                <p class="preserve-lines" lang=content_lang()>{rules.open_for_input.clone()}</p>
                {(!rules.fixed_items.is_empty()).then(|| view! {
                    <h3>{t!(i18n, report_rules_fixed)}</h3>
                    <ol>
                        {rules.fixed_items.iter().map(|item| view! {
                            <li><strong>{item.what.clone()}</strong> " " {item.why.clone()}</li>
                        }).collect_view()}
                    </ol>
                })}
                <h3>{t!(i18n, report_rules_weighing)}</h3>
                <p class="preserve-lines" lang=content_lang()>{rules.weighing.clone()}</p>
            </section>
        })}
    }
    .into_any();
    let part4 = view! {
        <section aria-labelledby="gevraagd">
            <h2 id="gevraagd">{t!(i18n, report_asked)}</h2>
            <ul>
                {page.contents.asked.iter().map(|a| view! {
                    <li>{a.title.clone()} {(!a.phase.is_empty()).then(|| format!(" ({})", a.phase))}</li>
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any();
    let part5 = view! {
        <section aria-labelledby="meedoen">
            <h2 id="meedoen">{t!(i18n, report_participation)}</h2>
            <p>
                {t!(i18n, report_people_online)} ": "
                <strong>{participation.people_online.map(|s| shown_label(i18n, s))}</strong>
            </p>
            <p class="field__hint">{t!(i18n, report_small_groups)}</p>
            <CountTable caption=t_string!(i18n, report_by_channel).to_string()
                heads=(t_string!(i18n, report_channel).to_string(), t_string!(i18n, report_inputs).to_string())
                rows=participation.inputs_by_channel.iter().map(|(c, n)| (channel_label(i18n, *c), shown_label(i18n, *n))).collect()/>
            <CountTable caption=t_string!(i18n, report_by_area).to_string()
                heads=(t_string!(i18n, report_area).to_string(), t_string!(i18n, report_people).to_string())
                rows=participation.people_by_area.iter().map(|(area, n)| {
                    (area.clone().unwrap_or_else(|| t_string!(i18n, report_area_unknown).to_string()), shown_label(i18n, *n))
                }).collect()/>
            <CountTable caption=t_string!(i18n, report_by_age).to_string()
                heads=(t_string!(i18n, report_age).to_string(), t_string!(i18n, report_people).to_string())
                rows=participation.people_by_age.iter().map(|(band, n)| (age_band_label(i18n, *band), shown_label(i18n, *n))).collect()/>
            {(page.contents.hidden_by_moderation > 0).then(|| {
                let hidden = page.contents.hidden_by_moderation;
                view! { <p>{t!(i18n, report_hidden, count = move || hidden)}</p> }
            })}
        </section>
    }.into_any();
    let part6 = view! {
        {(!page.contents.polls.is_empty()).then(|| view! {
            <section aria-labelledby="peilingen">
                <h2 id="peilingen">{t!(i18n, report_polls)}</h2>
                {page.contents.polls.iter().map(|poll| {
                    let online = poll.results.ballots;
                    view! {
                        <h3>{poll.title.clone()}</h3>
                        <p>{t!(i18n, report_poll_ballots, count = move || online)}</p>
                        {poll.results.questions.iter().filter(|q| !q.options.is_empty()).cloned().map(|q| view! {
                            <TableScroll label=q.prompt.clone()>
                                <table>
                                    <caption>{q.prompt.clone()}</caption>
                                    <thead><tr>
                                        <th scope="col">{t!(i18n, report_poll_option)}</th>
                                        <th scope="col">{t!(i18n, report_poll_votes)}</th>
                                        <th scope="col">{t!(i18n, report_poll_share)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {q.options.iter().map(|o| view! {
                                            <tr>
                                                <th scope="row">{o.label.clone()}</th>
                                                <td>{o.total}</td>
                                                <td>{percent(locale, o.per_mille)}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </TableScroll>
                        }).collect_view()}
                    }
                }).collect_view()}
            </section>
        })}
    }
    .into_any();
    let part7 = view! {
        <section aria-labelledby="inbreng">
            <h2 id="inbreng">{t!(i18n, report_inputs_title)}</h2>
            <ul class="tally">
                {page.contents.dispositions.iter().map(|(d, n)| view! {
                    <li>{disposition_label(i18n, *d)} ": " <strong>{*n}</strong></li>
                }).collect_view()}
            </ul>
            <form method="get" action=base.clone() class="filters no-print">
                {(!is_latest).then(|| view! { <input type="hidden" name="versie" value=version.version.to_string()/> })}
                <div class="filters__field">
                    <label for="activiteit">{t!(i18n, report_filter_activity)}</label>
                    <select id="activiteit" name="activiteit">
                        <option value="">{t!(i18n, report_filter_all)}</option>
                        {page.contents.asked.iter().map(|a| view! {
                            <option value=a.id.to_string() selected=page.activity == Some(a.id)>{a.title.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="filters__field">
                    <label for="afweging">{t!(i18n, report_filter_disposition)}</label>
                    <select id="afweging" name="afweging">
                        <option value="">{t!(i18n, report_filter_all)}</option>
                        {Disposition::ALL.into_iter().map(|d| view! {
                            <option value=d.as_str() selected=page.disposition == Some(d)>{disposition_label(i18n, d)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button class="button button--secondary" type="submit">{t!(i18n, report_filter_button)}</button>
            </form>
            <p role="status">{t!(i18n, report_matching, count = move || page.matching, total = move || page.item_count)}</p>
            <p class="no-print"><a href=format!("{base}?{version_query}pagina=alle")>{t!(i18n, report_print_all)}</a></p>
            <ol class="report-lines">
                {page.lines.iter().map(|line| {
                    let answer = answer_of(line.answer_number);
                    view! { <li><Line line=line.clone() answer/></li> }
                }).collect_view()}
            </ol>
            <PageLinks current pages prev next/>
        </section>
    }.into_any();
    view! { {part0} {part1} {part2} {part3} {part4} {part5} {part6} {part7} }
}

/// One input with its answer.
#[component]
fn Line(line: ReportLine, answer: Option<ReportAnswerView>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let meta =
        [item_kind_label(i18n, line.kind), line_author_label(i18n, &line.author), long_date(locale, line.received_on)]
            .into_iter()
            .chain((!line.activity_title.is_empty()).then(|| line.activity_title.clone()))
            .chain(line.area.clone())
            .collect::<Vec<_>>()
            .join(" · ");
    view! {
        <article class="report-line" id=line.key.clone().unwrap_or_default()>
            <p class="report-line__meta">{meta}</p>
            {if line.body.is_empty() {
                view! { <p><em>{t!(i18n, report_not_public)}</em></p> }.into_any()
            } else {
                view! { <blockquote class="preserve-lines" lang=content_lang()>{line.body.clone()}</blockquote> }.into_any()
            }}
            {answer.map(|a| view! {
                <div class="report-answer">
                    <p>
                        <strong>{disposition_label(i18n, a.disposition)}</strong>
                        {a.group_title.clone().map(|t| format!(" – {t}"))}
                    </p>
                    <p class="preserve-lines" lang=content_lang()>{a.reason.clone()}</p>
                    {a.fixed_item.clone().map(|item| view! { <p>{t!(i18n, report_fixed_item)} " " {item}</p> })}
                    {a.forwarded_to.clone().map(|to| view! { <p>{t!(i18n, report_forwarded_to)} " " {to}</p> })}
                </div>
            })}
        </article>
    }
}

/// A table of two columns: what is counted, and the count.
#[component]
fn CountTable(caption: String, heads: (String, String), rows: Vec<(String, String)>) -> impl IntoView {
    view! {
        <TableScroll label=caption.clone()>
            <table>
                <caption>{caption}</caption>
                <thead><tr><th scope="col">{heads.0}</th><th scope="col">{heads.1}</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|(what, count)| view! { <tr><th scope="row">{what}</th><td>{count}</td></tr> }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}
