//! A consultation as its page shows it: the plan in sections, and one page of its discussion.

use super::{comment_view, counts_per_section, discussion, DiscussionQuery, Reading};
use crate::domain::consultations::{page_count, SortOrder, PAGE_SIZE};
use crate::error::AppResult;
use crate::model::consultations::{AttachmentView, ConsultationView, Discussion, MayComment, SectionView};
use crate::server::{markdown, submission};

/// Which page of the discussion the reader asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiscussionAsked {
    pub sort: SortOrder,
    pub page: u64,
    /// Only the comments on one section (ignored when it is not a section of this consultation).
    pub section: Option<i32>,
}

pub async fn consultation_view(reading: &Reading, asked: &DiscussionAsked) -> AppResult<ConsultationView> {
    let db = &reading.state.db;
    let found = &reading.found;
    let (sort, page) = (asked.sort, asked.page);
    let section = asked.section.filter(|s| found.sections.iter().any(|f| f.id == *s));
    let query = DiscussionQuery {
        activity_id: found.activity.id,
        section,
        sort,
        page,
        page_size: PAGE_SIZE,
        reader: reading.reader_id(),
        moderator: reading.can_moderate(),
    };
    let (listed, total, readable) = discussion(db, &query).await?;
    let titles: Vec<(i32, String)> = found.sections.iter().map(|s| (s.id, s.title.clone())).collect();
    let counts = counts_per_section(db, found.activity.id).await?;
    let can_manage = reading.can_manage();
    // Phases are stored in the order the editor lists them, so the position is the index.
    let phase_index = usize::try_from(found.phase.position).unwrap_or_default();
    let reader_area = reading
        .account
        .as_ref()
        .and_then(|a| a.area_id)
        .and_then(|id| reading.municipality.areas.iter().find(|a| a.id == id).map(|a| a.name.clone()));
    let attachments = crate::server::attachments::list(db, found.activity.id)
        .await?
        .into_iter()
        .map(|a| AttachmentView {
            href: format!(
                "/{}/bijlagen/{}/{}",
                reading.municipality.slug,
                a.id,
                crate::domain::attachments::name_in_path(&a.file_name)
            ),
            size: crate::domain::attachments::readable_size(u64::try_from(a.size_bytes).unwrap_or_default()),
            id: a.id,
            file_name: a.file_name,
            kind: a.kind,
        })
        .collect();
    let may_comment = reading.may_comment();
    let submission_token = reading
        .account
        .as_ref()
        .filter(|_| may_comment == MayComment::Yes)
        .map(|a| submission::token_for(&reading.state, a.id));
    Ok(ConsultationView {
        id: found.activity.id,
        municipality_slug: reading.municipality.slug.clone(),
        municipality_name: reading.municipality.name.clone(),
        trajectory_id: found.trajectory.row.id,
        trajectory_title: found.trajectory.row.title.clone(),
        title: found.activity.title.clone(),
        intro_html: markdown::to_safe_html(&found.activity.intro),
        intro_markdown: can_manage.then(|| found.activity.intro.clone()),
        phase_name: found.phase.name.clone(),
        phase_index,
        phase_names: if can_manage {
            found.trajectory.phases.iter().map(|p| p.name.clone()).collect()
        } else {
            Vec::new()
        },
        window: reading.window(),
        pre_moderation: found.activity.pre_moderation,
        sections: found
            .sections
            .iter()
            .map(|s| SectionView {
                id: s.id,
                title: s.title.clone(),
                body_html: markdown::to_safe_html(&s.body),
                body_markdown: can_manage.then(|| s.body.clone()),
                comments: counts.get(&s.id).copied().unwrap_or(0),
            })
            .collect(),
        attachments,
        discussion: Discussion {
            comments: listed.into_iter().map(|c| comment_view(c, reading.reader_id(), &titles)).collect(),
            total,
            readable,
            page,
            pages: page_count(total, PAGE_SIZE),
            sort,
            section,
        },
        may_comment,
        submission_token,
        reader_area,
        can_manage,
        can_moderate: reading.can_moderate(),
        must_confirm_email: reading.account.as_ref().is_some_and(|a| !a.email_confirmed()),
        can_enter_for_others: reading.can_enter_for_others(),
    })
}
