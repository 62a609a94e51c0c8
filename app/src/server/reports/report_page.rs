//! A published report as readers see it: the newest version, or the one asked for; a page of its
//! lines (or all of them), filtered by activity and disposition; and the answer to one input
//! first when a mail's link names it.

use super::read::{self, ItemFilter};
use crate::domain::consultations::page_count;
use crate::domain::reports::{published_late, Disposition, InputRef, PAGE_SIZE};
use crate::error::{AppError, AppResult};
use crate::model::reports::{ReportPage, RulesApplied, VersionSummary};
use crate::server::context::Reader;

/// What a reader asks of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportAsked {
    pub trajectory: i32,
    /// None: the newest version.
    pub version: Option<i32>,
    pub activity: Option<i32>,
    pub disposition: Option<Disposition>,
    /// None: every line on one page.
    pub page: Option<u64>,
    /// The input a mail's link names, shown first with its answer.
    pub input: Option<InputRef>,
}

#[tracing::instrument(skip_all, fields(trajectory = asked.trajectory))]
pub async fn report_page(reader: &Reader, asked: &ReportAsked) -> AppResult<ReportPage> {
    let db = &reader.state.db;
    let read::Chosen { trajectory: found, versions, report, contents } =
        read::chosen_version(db, reader.municipality_id, asked.trajectory, asked.version).await?;
    let latest_version = versions.last().map(|r| r.version).ok_or(AppError::NotFound)?;
    let (activity, disposition) = (asked.activity, asked.disposition);
    let filter = ItemFilter { activity, disposition };
    let (items, matching, page, pages) = match asked.page {
        None => {
            let items = read::all_items(db, report.id).await?;
            let n = items.len() as u64;
            (items, n, 1, 0)
        }
        Some(page) => {
            let (items, matching) = read::items_page(db, report.id, &filter, page).await?;
            (items, matching, page, page_count(matching, PAGE_SIZE))
        }
    };
    let highlighted_item = match asked.input {
        Some(reference) => read::item_of(db, report.id, reference).await?,
        None => None,
    };
    let mut for_names = items.clone();
    for_names.extend(highlighted_item.clone());
    let names = read::author_names(db, &for_names).await?;
    // Only the answers of the lines shown: a report can have thousands.
    let shown_numbers: std::collections::BTreeSet<i32> = items.iter().map(|i| i.answer_number).collect();
    let wanted: std::collections::BTreeSet<i32> = for_names.iter().map(|i| i.answer_number).collect();
    let answers = if wanted.len() > PAGE_SIZE as usize {
        read::answers(db, report.id).await?
    } else {
        read::answers_numbered(db, report.id, &wanted.into_iter().collect::<Vec<_>>()).await?
    };
    let by_number: std::collections::HashMap<i32, &crate::server::entities::report_answer::Model> =
        answers.iter().map(|a| (a.number, a)).collect();
    let rules = found.rules.iter().find(|r| r.id == report.rules_id).map(|r| RulesApplied {
        version: r.version,
        level: r.rules.level,
        open_for_input: r.rules.open_for_input.clone(),
        fixed_items: r.rules.fixed_items.clone(),
        decision_maker: r.rules.decision_maker.clone(),
        weighing: r.rules.weighing.clone(),
    });
    let summaries = read::version_summaries(&versions);
    Ok(ReportPage {
        municipality_slug: reader.municipality.slug.clone(),
        municipality_name: reader.municipality.name.clone(),
        trajectory_id: asked.trajectory,
        trajectory_title: found.row.title.clone(),
        version: VersionSummary {
            version: report.version,
            published_on: report.published_on,
            late: published_late(report.published_on, report.promised_on),
            correction_reason: report.correction_reason.clone(),
        },
        latest_version,
        versions: summaries,
        promised_on: report.promised_on,
        decision: report.decision.clone(),
        decided_by: report.decided_by.clone(),
        decided_on: report.decided_on,
        council_decision_url: report.council_decision_url.clone(),
        rules,
        contents,
        item_count: report.item_count,
        highlighted: highlighted_item.and_then(|item| {
            by_number.get(&item.answer_number).map(|a| (read::line(&item, &names), read::answer_view(a)))
        }),
        lines: items.iter().map(|i| read::line(i, &names)).collect(),
        answers: shown_numbers.iter().filter_map(|n| by_number.get(n)).map(|a| read::answer_view(a)).collect(),
        matching,
        page,
        pages,
        activity,
        disposition,
    })
}
