//! What the desk reads: the queue with its filters, and one case with everything the desk needs.

use super::queue::{self, DeskFigures, DueFilter, OwnerFilter, QueueFilter, StatusFilter};
use super::views::{area_name, case_view};
use super::{cases, conversation, officers, Working};
use crate::domain::consultations::page_count;
use crate::domain::desk::CaseStatus;
use crate::domain::initiatives::PAGE_SIZE;
use crate::error::AppResult;
use crate::model::desk::{ContactView, DeskCase, NoteView, QueueFilters, QueueItem, QueuePage};
use crate::server::clock;
use crate::server::context::internal;
use crate::server::entities::{desk_case, trajectory, user};
use crate::server::submission;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// The queue: open cases by default, the oldest first, filtered as the address says.
pub async fn queue_page(working: &Working, filters: QueueFilters, page: &str) -> AppResult<QueuePage> {
    let db = &working.signed_in.state.db;
    let m = &working.municipality;
    let filter = queue_filter(working, &filters);
    let today = working.signed_in.state.clock.today();
    let page = crate::domain::paging::page_number(page);
    // The figures and the officers change far less often than the queue is looked at.
    let (reads, memo) = (&working.signed_in.state.reads, crate::server::request_memo::current());
    let figures = reads
        .desk_figures
        .read(memo.as_ref(), db, (m.id, filter, today), || async {
            Ok(DeskFigures {
                total: queue::count(db, m.id, &filter, today).await?,
                overdue: queue::overdue_count(db, m.id, today).await?,
            })
        })
        .await?;
    let officers = reads.officers.read(memo.as_ref(), db, m.id, || officers(db, m.id)).await?;
    let rows = queue::page(db, m.id, &filter, today, page).await?;
    let total = figures.total;
    let name_of = |id: Option<i32>| id.and_then(|id| officers.iter().find(|(o, _)| *o == id)).map(|(_, n)| n.clone());
    let items = rows.iter().map(|row| {
        let status = cases::status_of(row);
        let next = if status.is_finished() { None } else { next_deadline(row) };
        QueueItem {
            id: row.id,
            number: row.number.clone(),
            kind: row.kind.clone(),
            title: row.title.clone(),
            area_name: area_name(m, row.area_id),
            status,
            owner_name: name_of(row.owner_id),
            received_on: row.received_on,
            overdue: next.as_ref().is_some_and(|(_, by)| today > *by),
            next_deadline: next,
        }
    });
    Ok(QueuePage {
        municipality_slug: m.slug.clone(),
        municipality_name: m.name.clone(),
        items: items.collect(),
        total,
        page,
        pages: page_count(total, PAGE_SIZE),
        overdue_total: figures.overdue,
        areas: m.areas.clone(),
        officers,
        filters,
        may_set_norms: working.may_set_norms(),
    })
}

/// The filters as the address words them (`alle`, an area's slug, `niemand`, `ik`, `te-laat`).
fn queue_filter(working: &Working, filters: &QueueFilters) -> QueueFilter {
    QueueFilter {
        status: match filters.status.as_str() {
            "alle" => StatusFilter::All,
            raw => CaseStatus::parse(raw).map_or(StatusFilter::Open, StatusFilter::Only),
        },
        area: working.municipality.areas.iter().find(|a| a.slug == filters.area).map(|a| a.id),
        owner: match filters.owner.as_str() {
            "niemand" => OwnerFilter::Nobody,
            "ik" => OwnerFilter::Person(working.me()),
            raw => raw.parse().map_or(OwnerFilter::Anyone, OwnerFilter::Person),
        },
        due: match filters.due.as_str() {
            "binnenkort" => Some(DueFilter::Soon),
            "te-laat" => Some(DueFilter::Overdue),
            _ => None,
        },
    }
}

/// The deadline a case waits for: its acknowledgement, then its answer.
fn next_deadline(row: &desk_case::Model) -> Option<(String, NaiveDate)> {
    match (row.acknowledged_on, row.answered_on, row.answer_by) {
        (None, _, _) => Some(("acknowledge".to_owned(), row.acknowledge_by)),
        (Some(_), None, Some(by)) => Some(("answer".to_owned(), by)),
        _ => None,
    }
}

/// A case with the conversation, the internal notes, the contact details, the officers it can
/// be given to and the published trajectories it can be forwarded to.
pub async fn desk_case_page(working: &Working, id: i32) -> AppResult<DeskCase> {
    let state = &working.signed_in.state;
    let db = &state.db;
    let row = working.case(id).await?;
    let now = state.clock.now();
    let token = submission::token_for(state, working.me());
    let case = case_view(db, &working.municipality, &row, clock::dutch_day(now), Some(token)).await?;
    let account = match row.initiator_id {
        Some(id) => user::Entity::find_by_id(id).one(db).await.map_err(internal)?,
        None => None,
    };
    let contact = ContactView {
        name: account.as_ref().map(|a| a.display_name.clone()).or(row.contact_name.clone()).unwrap_or_default(),
        email: account.as_ref().map(|a| a.email.clone()).or(row.contact_email.clone()),
        phone: row.contact_phone.clone(),
        channel: row.channel.clone(),
        has_account: account.is_some(),
    };
    let officers = officers(db, working.municipality_id.0).await?;
    let notes = conversation::notes(db, row.id).await?.into_iter().map(|(note, author)| NoteView {
        author: author.unwrap_or_default(),
        body: note.body,
        at: note.created_at,
        at_local: clock::local_time(note.created_at),
    });
    let status = cases::status_of(&row);
    Ok(DeskCase {
        notes: notes.collect(),
        owner: row.owner_id.and_then(|id| officers.iter().find(|(o, _)| *o == id).cloned()),
        officers,
        trajectories: published_trajectories(working).await?,
        next_steps: CaseStatus::ALL.into_iter().filter(|to| status.may_move_to(*to)).collect(),
        contact,
        case,
    })
}

/// The municipality's published trajectories by title: where a case can be forwarded to.
async fn published_trajectories(working: &Working) -> AppResult<Vec<(i32, String)>> {
    let rows = trajectory::Entity::find()
        .filter(trajectory::Column::MunicipalityId.eq(working.municipality_id.0))
        .filter(trajectory::Column::Status.eq("published"))
        .order_by_asc(trajectory::Column::Title)
        .all(&working.signed_in.state.db)
        .await
        .map_err(internal)?;
    Ok(rows.into_iter().map(|t| (t.id, t.title)).collect())
}
