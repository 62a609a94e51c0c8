//! Reading a published version of the report (everyone): its lines, answers and figures.

use super::*;
use crate::model::reports::*;

/// A published report: the newest version, or the one asked for; a page of its lines (or all of
/// them with `page = "alle"`), filtered by activity and disposition; and the answer to one input
/// first when a mail's link names it.
#[server(endpoint = "get_report")]
pub async fn get_report(
    municipality: String,
    trajectory: i32,
    #[server(default)] version: String,
    #[server(default)] activity: String,
    #[server(default)] disposition: String,
    #[server(default)] page: String,
    #[server(default)] input: String,
) -> Result<ReportPage, AppError> {
    use crate::domain::consultations::page_count;
    use crate::domain::reports::{published_late, InputRef, PAGE_SIZE};
    use crate::domain::trajectories::TrajectoryId;
    use crate::server::context::{self, answer_with, internal};
    use crate::server::reports::read::{self, ItemFilter};
    use crate::server::trajectories;

    let reader = context::reader(&municipality).await?;
    let db = &reader.state.db;
    let found = trajectories::find(db, reader.municipality_id, TrajectoryId(trajectory))
        .await?
        .filter(|t| t.status.is_public())
        .ok_or_else(|| answer_with(AppError::NotFound))?;
    let versions = read::versions(db, trajectory).await?;
    let latest_version = versions.last().map(|r| r.version).ok_or_else(|| answer_with(AppError::NotFound))?;
    let report = match version.trim().parse::<i32>() {
        Ok(n) => versions.iter().find(|r| r.version == n).ok_or_else(|| answer_with(AppError::NotFound))?,
        Err(_) => versions.last().ok_or_else(|| answer_with(AppError::NotFound))?,
    };
    let contents: ReportContents = serde_json::from_str(&report.contents).map_err(internal)?;
    let activity = activity.trim().parse::<i32>().ok();
    let disposition = Disposition::parse(disposition.trim());
    let filter = ItemFilter { activity, disposition };
    let (items, matching, page, pages) = if page.trim() == "alle" {
        let items = read::all_items(db, report.id).await?;
        let n = items.len() as u64;
        (items, n, 1, 0)
    } else {
        let page = crate::domain::paging::page_number(&page);
        let (items, matching) = read::items_page(db, report.id, &filter, page).await?;
        (items, matching, page, page_count(matching, PAGE_SIZE))
    };
    let highlighted_item = match InputRef::parse(&input) {
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
    let summaries = super::version_summaries(&versions);
    Ok(ReportPage {
        municipality_slug: reader.municipality.slug.clone(),
        municipality_name: reader.municipality.name.clone(),
        trajectory_id: trajectory,
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
            by_number.get(&item.answer_number).map(|a| {
                (crate::server::reports::read::line(&item, &names), crate::server::reports::read::answer_view(a))
            })
        }),
        lines: items.iter().map(|i| crate::server::reports::read::line(i, &names)).collect(),
        answers: shown_numbers
            .iter()
            .filter_map(|n| by_number.get(n))
            .map(|a| crate::server::reports::read::answer_view(a))
            .collect(),
        matching,
        page,
        pages,
        activity,
        disposition,
    })
}
