//! The report on a trajectory: answering every input (project leads), publishing a frozen,
//! versioned report, and reading it (everyone).

// A server function behind a plain HTML form takes one argument per form field.
#![allow(clippy::too_many_arguments)]

use crate::api::polls::PollResults;
use crate::api::tenancy::AreaSummary;
use crate::domain::consultations::Channel;
use crate::domain::reports::{Disposition, ItemKind, Participation, Progress};
use crate::error::AppError;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// An activity of the trajectory: what residents were asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskedActivity {
    pub id: i32,
    /// `consultation`, `poll` or `ideas`.
    pub kind: String,
    pub title: String,
    pub phase: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollOutcome {
    pub activity_id: i32,
    pub title: String,
    pub results: PollResults,
}

/// The parts of a published version that are counts and titles, frozen with it (stored as JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportContents {
    pub asked: Vec<AskedActivity>,
    pub participation: Participation,
    pub polls: Vec<PollOutcome>,
    pub hidden_by_moderation: u64,
    /// Inputs per disposition.
    pub dispositions: Vec<(Disposition, u64)>,
}

// ----- Answering (project leads) -----

/// An answer as the lead sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerView {
    pub id: i32,
    pub disposition: Disposition,
    pub reason: String,
    pub group_title: Option<String>,
    pub fixed_item: Option<u32>,
    pub forwarded_to: Option<String>,
    pub forwarded_trajectory: Option<i32>,
    /// How many inputs share it.
    pub size: u64,
}

/// One input on the answering screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputRow {
    /// `i12` or `c7`.
    pub key: String,
    pub kind: ItemKind,
    pub channel: Channel,
    pub activity_title: String,
    pub area: Option<String>,
    pub received_on: NaiveDate,
    /// The display name of an author who wrote online; None otherwise.
    pub author: Option<String>,
    pub case_number: Option<String>,
    pub title: Option<String>,
    pub body: String,
    pub public: bool,
    pub answer: Option<AnswerView>,
}

/// The filters of the answering screen, as in its address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnsweringFilter {
    pub activity: String,
    pub channel: String,
    pub area: String,
    /// `open`, `beantwoord` or empty for all.
    pub status: String,
    pub page: u64,
}

impl AnsweringFilter {
    /// The address of the screen with these filters.
    pub fn query(&self) -> String {
        let mut parts = Vec::new();
        for (name, value) in [
            ("activiteit", &self.activity),
            ("kanaal", &self.channel),
            ("gebied", &self.area),
            ("status", &self.status),
        ] {
            // Ids and keywords only: anything else is not a filter of this screen.
            if !value.is_empty() && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                parts.push(format!("{name}={value}"));
            }
        }
        if self.page > 1 {
            parts.push(format!("pagina={}", self.page));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionSummary {
    pub version: i32,
    pub published_on: NaiveDate,
    pub late: bool,
    pub correction_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnsweringPage {
    pub municipality_slug: String,
    pub municipality_name: String,
    pub trajectory_id: i32,
    pub trajectory_title: String,
    pub progress: Progress,
    pub awaiting_moderation: u64,
    pub hidden: u64,
    pub activities: Vec<(i32, String)>,
    pub channels: Vec<Channel>,
    pub areas: Vec<AreaSummary>,
    pub filter: AnsweringFilter,
    pub rows: Vec<InputRow>,
    /// Inputs matching the filters.
    pub matching: u64,
    pub pages: u64,
    /// The fixed items of the rules of play in force, numbered from 1.
    pub fixed_items: Vec<(u32, String)>,
    /// The municipality's other trajectories, to forward to.
    pub trajectories: Vec<(i32, String)>,
    pub published: Vec<VersionSummary>,
    /// Why the report cannot be published yet, if it cannot.
    pub blocked: Option<crate::domain::validation::Problem>,
}

#[cfg(feature = "ssr")]
pub(crate) mod support {
    use super::*;
    use crate::api::trajectory_editing::support::{editing, Editing};
    use crate::server::entities::{input_answer, trajectory};
    use crate::server::reports::inputs::{Answerable, Gathered};
    use crate::server::trajectories::Loaded;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    use std::collections::HashMap;

    /// The signed-in lead (or administrator) of the municipality and the trajectory they answer.
    pub struct Leading {
        pub editing: Editing,
        pub trajectory: Loaded,
    }

    pub async fn leading(municipality: &str, trajectory_id: i32) -> Result<Leading, AppError> {
        let editing = editing(municipality).await?;
        let trajectory = editing.trajectory(trajectory_id).await?;
        Ok(Leading { editing, trajectory })
    }

    impl Leading {
        pub fn db(&self) -> &sea_orm::DatabaseConnection {
            &self.editing.signed_in.state.db
        }

        pub fn path(&self, rest: &str) -> String {
            format!("/{}/trajecten/{}/{rest}", self.editing.municipality.slug, self.trajectory.row.id)
        }

        pub fn fixed_items(&self) -> Vec<(u32, String)> {
            self.trajectory
                .current_rules()
                .map(|r| {
                    r.rules.fixed_items.iter().enumerate().map(|(i, item)| (i as u32 + 1, item.what.clone())).collect()
                })
                .unwrap_or_default()
        }

        /// The municipality's other trajectories that are public, to forward input to.
        pub async fn other_trajectories(&self) -> Result<Vec<(i32, String)>, AppError> {
            Ok(trajectory::Entity::find()
                .filter(trajectory::Column::MunicipalityId.eq(self.editing.municipality_id.0))
                .filter(trajectory::Column::Id.ne(self.trajectory.row.id))
                .filter(trajectory::Column::Status.ne(crate::domain::trajectories::Status::Draft.as_str()))
                .order_by_asc(trajectory::Column::Title)
                .all(self.db())
                .await
                .map_err(crate::server::context::internal)?
                .into_iter()
                .map(|t| (t.id, t.title))
                .collect())
        }

        /// Who answers, for which trajectory, under the rules of play in force.
        pub fn answering(&self) -> Result<crate::server::reports::answers::Answering, AppError> {
            Ok(crate::server::reports::answers::Answering {
                municipality_id: self.editing.municipality_id.0,
                trajectory_id: self.trajectory.row.id,
                rules_id: self
                    .trajectory
                    .current_rules()
                    .map(|r| r.id)
                    .ok_or_else(|| crate::server::context::internal("a trajectory without rules"))?,
                by: self.editing.signed_in.account.id,
            })
        }

        pub fn area_name(&self, id: Option<i32>) -> Option<String> {
            id.and_then(|id| self.editing.municipality.areas.iter().find(|a| a.id == id)).map(|a| a.name.clone())
        }
    }

    pub fn answer_view(answer: &input_answer::Model, size: u64) -> AnswerView {
        AnswerView {
            id: answer.id,
            disposition: Disposition::parse(&answer.disposition).unwrap_or(Disposition::NotAdopted),
            reason: answer.reason.clone(),
            group_title: answer.group_title.clone(),
            fixed_item: answer.fixed_item.map(|n| n as u32),
            forwarded_to: answer.forwarded_to.clone(),
            forwarded_trajectory: answer.forwarded_trajectory_id,
            size,
        }
    }

    /// Rows for the inputs given, with their answers and the display names of online authors.
    pub async fn rows(
        leading: &Leading,
        gathered: &Gathered,
        inputs: &[&Answerable],
    ) -> Result<Vec<InputRow>, AppError> {
        use crate::server::entities::user;
        let answers: HashMap<i32, input_answer::Model> =
            crate::server::reports::answers::all(leading.db(), leading.trajectory.row.id)
                .await?
                .into_iter()
                .map(|a| (a.id, a))
                .collect();
        let mut sizes: HashMap<i32, u64> = HashMap::new();
        for input in &gathered.inputs {
            if let Some(id) = input.answer_id {
                *sizes.entry(id).or_default() += 1;
            }
        }
        let author_ids: Vec<i32> = inputs.iter().filter(|i| i.author_shown).filter_map(|i| i.author_id).collect();
        let names: HashMap<i32, String> = user::Entity::find()
            .filter(user::Column::Id.is_in(author_ids))
            .all(leading.db())
            .await
            .map_err(crate::server::context::internal)?
            .into_iter()
            .map(|u| (u.id, u.display_name))
            .collect();
        Ok(inputs
            .iter()
            .map(|i| InputRow {
                key: i.reference.key(),
                kind: i.kind,
                channel: i.channel,
                activity_title: gathered.activity_title(i.activity_id),
                area: leading.area_name(i.area_id),
                received_on: i.received_on,
                author: i.author_id.filter(|_| i.author_shown).and_then(|id| names.get(&id).cloned()),
                case_number: i.case_number.clone(),
                title: i.title.clone(),
                body: i.body.clone(),
                public: i.public,
                answer: i
                    .answer_id
                    .and_then(|id| answers.get(&id))
                    .map(|a| answer_view(a, sizes.get(&a.id).copied().unwrap_or(1))),
            })
            .collect())
    }

    pub fn version_summaries(versions: &[crate::server::entities::report::Model]) -> Vec<VersionSummary> {
        versions
            .iter()
            .map(|r| VersionSummary {
                version: r.version,
                published_on: r.published_on,
                late: crate::domain::reports::published_late(r.published_on, r.promised_on),
                correction_reason: r.correction_reason.clone(),
            })
            .collect()
    }
}

/// The answering screen: every input of the trajectory, filtered, with its answer.
#[server(endpoint = "get_answering")]
pub async fn get_answering(
    municipality: String,
    trajectory: i32,
    #[server(default)] activity: String,
    #[server(default)] channel: String,
    #[server(default)] area: String,
    #[server(default)] status: String,
    #[server(default)] page: String,
) -> Result<AnsweringPage, AppError> {
    use crate::domain::consultations::page_count;
    use crate::domain::reports::{publication_blocked, PAGE_SIZE};
    use crate::server::reports::{inputs::gather, publish::participation_closed, read};

    let leading = support::leading(&municipality, trajectory).await?;
    let db = leading.db();
    let gathered = gather(db, trajectory).await?;
    let today = crate::server::clock::today();
    let filter = AnsweringFilter {
        activity: activity.trim().to_owned(),
        channel: channel.trim().to_owned(),
        area: area.trim().to_owned(),
        status: status.trim().to_owned(),
        page: page.trim().parse::<u64>().unwrap_or(1).max(1),
    };
    let activity_id = filter.activity.parse::<i32>().ok();
    let channel = Channel::parse(&filter.channel);
    let area_id = filter.area.parse::<i32>().ok();
    let matching: Vec<_> = gathered
        .inputs
        .iter()
        .filter(|i| activity_id.is_none_or(|a| i.activity_id == Some(a)))
        .filter(|i| channel.is_none_or(|c| i.channel == c))
        .filter(|i| area_id.is_none_or(|a| i.area_id == Some(a)))
        .filter(|i| match filter.status.as_str() {
            "open" => i.answer_id.is_none(),
            "beantwoord" => i.answer_id.is_some(),
            _ => true,
        })
        .collect();
    let pages = page_count(matching.len() as u64, PAGE_SIZE);
    let shown: Vec<_> = matching
        .iter()
        .skip(((filter.page.min(pages) - 1) * PAGE_SIZE) as usize)
        .take(PAGE_SIZE as usize)
        .copied()
        .collect();
    let rows = support::rows(&leading, &gathered, &shown).await?;
    let mut channels: Vec<Channel> = Vec::new();
    for c in Channel::ALL {
        if gathered.inputs.iter().any(|i| i.channel == c) {
            channels.push(c);
        }
    }
    let total = gathered.inputs.len() as u64;
    let versions = read::versions(db, trajectory).await?;
    Ok(AnsweringPage {
        municipality_slug: leading.editing.municipality.slug.clone(),
        municipality_name: leading.editing.municipality.name.clone(),
        trajectory_id: trajectory,
        trajectory_title: leading.trajectory.row.title.clone(),
        progress: Progress { answered: total - gathered.unanswered(), total },
        awaiting_moderation: gathered.awaiting_moderation,
        hidden: gathered.hidden,
        activities: gathered.activities.iter().map(|a| (a.id, a.title.clone())).collect(),
        channels,
        areas: leading.editing.municipality.areas.clone(),
        matching: matching.len() as u64,
        pages,
        filter,
        rows,
        fixed_items: leading.fixed_items(),
        trajectories: leading.other_trajectories().await?,
        published: support::version_summaries(&versions),
        blocked: publication_blocked(
            gathered.unanswered(),
            gathered.awaiting_moderation,
            participation_closed(&leading.trajectory, today),
        ),
    })
}

/// Gives one answer to the chosen inputs (one, or a group of similar ones). An input that had an
/// answer gets the new one.
#[server(endpoint = "answer_inputs")]
pub async fn answer_inputs(
    municipality: String,
    trajectory: i32,
    #[server(default)] chosen: Vec<String>,
    #[server(default)] disposition: String,
    #[server(default)] reason: String,
    #[server(default)] fixed_item: String,
    #[server(default)] forwarded_to: String,
    #[server(default)] forwarded_trajectory: String,
    #[server(default)] group_title: String,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    use crate::domain::reports::{check_answer, AnswerForm, InputRef};
    use crate::domain::validation::{FieldError, Problem};
    use crate::server::context::{answer_with, internal};
    use crate::server::reports::{answers, inputs::gather};
    use sea_orm::TransactionTrait;

    let leading = support::leading(&municipality, trajectory).await?;
    let form = AnswerForm { disposition, reason, fixed_item, forwarded_to, forwarded_trajectory, group_title };
    let mut typed = typed_answer(&form);
    // The ticked inputs come back ticked after a refusal.
    typed.push(("chosen".to_owned(), chosen.join(",")));
    let mut chosen_refs = Vec::new();
    for raw in &chosen {
        let reference = InputRef::parse(raw).ok_or_else(|| answer_with(AppError::NotFound))?;
        if !chosen_refs.contains(&reference) {
            chosen_refs.push(reference);
        }
    }
    let answer = check_answer(&form, leading.fixed_items().len(), &ids(&leading.other_trajectories().await?));
    let (answer, mut errors) = match answer {
        Ok(answer) => (Some(answer), Vec::new()),
        Err(checks) => (None, checks.into_errors()),
    };
    if chosen_refs.is_empty() {
        errors.insert(0, FieldError::new("chosen", Problem::NothingChosen));
    }
    let answer = match answer {
        Some(answer) if errors.is_empty() => answer,
        _ => return Err(answer_with(AppError::validation_of(errors, typed))),
    };
    let answering = leading.answering()?;
    // Read before the transaction, so its first statement is a write: on SQLite a transaction
    // that reads first and writes later cannot wait for a colleague's and fails instead.
    let gathered = gather(leading.db(), trajectory).await?;
    let txn = leading.db().begin().await.map_err(internal)?;
    answers::give(&txn, &gathered.inputs, &chosen_refs, &answer, &answering).await.map_err(answer_with)?;
    txn.commit().await.map_err(internal)?;
    leptos_axum::redirect(&format!("{}{}", leading.path("antwoorden"), safe_back(&back)));
    Ok(())
}

#[cfg(feature = "ssr")]
fn ids(trajectories: &[(i32, String)]) -> Vec<i32> {
    trajectories.iter().map(|(id, _)| *id).collect()
}

/// What was typed in the answer form, handed back with a refusal.
pub fn typed_answer(form: &crate::domain::reports::AnswerForm) -> Vec<(String, String)> {
    [
        ("disposition", &form.disposition),
        ("reason", &form.reason),
        ("fixed_item", &form.fixed_item),
        ("forwarded_to", &form.forwarded_to),
        ("forwarded_trajectory", &form.forwarded_trajectory),
        ("group_title", &form.group_title),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.clone()))
    .collect()
}

/// The answering screen's query to return to: only its own filters, never another address.
pub fn safe_back(back: &str) -> String {
    let back = back.trim();
    let allowed = |c: char| c.is_ascii_alphanumeric() || "?&=-_%".contains(c);
    if back.starts_with('?') && back.len() < 300 && back.chars().all(allowed) {
        back.to_owned()
    } else {
        String::new()
    }
}

/// One answer with the inputs it covers, to revise it or take inputs out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerPage {
    pub municipality_slug: String,
    pub trajectory_id: i32,
    pub trajectory_title: String,
    pub answer: AnswerView,
    pub rows: Vec<InputRow>,
    pub fixed_items: Vec<(u32, String)>,
    pub trajectories: Vec<(i32, String)>,
}

#[server(endpoint = "get_answer")]
pub async fn get_answer(municipality: String, trajectory: i32, answer: i32) -> Result<AnswerPage, AppError> {
    use crate::server::context::answer_with;
    use crate::server::reports::{answers, inputs::gather};

    let leading = support::leading(&municipality, trajectory).await?;
    let (row, refs) =
        answers::find(leading.db(), trajectory, answer).await?.ok_or_else(|| answer_with(AppError::NotFound))?;
    let gathered = gather(leading.db(), trajectory).await?;
    let inputs: Vec<_> = gathered.inputs.iter().filter(|i| refs.contains(&i.reference)).collect();
    Ok(AnswerPage {
        municipality_slug: leading.editing.municipality.slug.clone(),
        trajectory_id: trajectory,
        trajectory_title: leading.trajectory.row.title.clone(),
        answer: support::answer_view(&row, inputs.len() as u64),
        rows: support::rows(&leading, &gathered, &inputs).await?,
        fixed_items: leading.fixed_items(),
        trajectories: leading.other_trajectories().await?,
    })
}

/// Changes an answer (disposition, reason, group title) for every input it covers.
#[server(endpoint = "revise_answer")]
pub async fn revise_answer(
    municipality: String,
    trajectory: i32,
    answer: i32,
    #[server(default)] disposition: String,
    #[server(default)] reason: String,
    #[server(default)] fixed_item: String,
    #[server(default)] forwarded_to: String,
    #[server(default)] forwarded_trajectory: String,
    #[server(default)] group_title: String,
) -> Result<(), AppError> {
    use crate::domain::reports::{check_answer, AnswerForm};
    use crate::server::context::answer_with;
    use crate::server::reports::answers;

    let leading = support::leading(&municipality, trajectory).await?;
    answers::find(leading.db(), trajectory, answer).await?.ok_or_else(|| answer_with(AppError::NotFound))?;
    let form = AnswerForm { disposition, reason, fixed_item, forwarded_to, forwarded_trajectory, group_title };
    let checked = check_answer(&form, leading.fixed_items().len(), &ids(&leading.other_trajectories().await?))
        .map_err(|checks| answer_with(AppError::validation_of(checks.into_errors(), typed_answer(&form))))?;
    answers::revise(leading.db(), answer, &checked, &leading.answering()?).await?;
    leptos_axum::redirect(&format!("{}?opgeslagen=1", leading.path(&format!("antwoorden/{answer}"))));
    Ok(())
}

/// Takes one input out of a group: it has no answer again.
#[server(endpoint = "take_out_of_answer")]
pub async fn take_out_of_answer(
    municipality: String,
    trajectory: i32,
    answer: i32,
    input: String,
) -> Result<(), AppError> {
    use crate::domain::reports::InputRef;
    use crate::server::context::answer_with;
    use crate::server::reports::answers;

    let leading = support::leading(&municipality, trajectory).await?;
    let reference = InputRef::parse(&input).ok_or_else(|| answer_with(AppError::NotFound))?;
    let (_, refs) =
        answers::find(leading.db(), trajectory, answer).await?.ok_or_else(|| answer_with(AppError::NotFound))?;
    if !refs.contains(&reference) {
        return Err(answer_with(AppError::NotFound));
    }
    answers::take_out(leading.db(), trajectory, answer, reference).await?;
    if refs.len() > 1 {
        leptos_axum::redirect(&leading.path(&format!("antwoorden/{answer}")));
    } else {
        leptos_axum::redirect(&format!("{}?status=open", leading.path("antwoorden")));
    }
    Ok(())
}

// ----- Publishing -----

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicationPage {
    pub municipality_slug: String,
    pub trajectory_id: i32,
    pub trajectory_title: String,
    pub progress: Progress,
    pub blocked: Option<crate::domain::validation::Problem>,
    pub next_version: i32,
    pub promised_on: Option<NaiveDate>,
    /// Filled in from the last version, or from the rules of play for the first.
    pub decision: String,
    pub decided_by: String,
    pub decided_on: Option<NaiveDate>,
    pub council_decision_url: String,
    pub published: Vec<VersionSummary>,
}

#[server(endpoint = "get_publication")]
pub async fn get_publication(municipality: String, trajectory: i32) -> Result<PublicationPage, AppError> {
    use crate::domain::reports::publication_blocked;
    use crate::server::reports::{inputs::gather, publish::participation_closed, read};

    let leading = support::leading(&municipality, trajectory).await?;
    let db = leading.db();
    let gathered = gather(db, trajectory).await?;
    let versions = read::versions(db, trajectory).await?;
    let rules = leading.trajectory.current_rules().map(|r| r.rules.clone()).unwrap_or_default();
    let total = gathered.inputs.len() as u64;
    let last = versions.last();
    Ok(PublicationPage {
        municipality_slug: leading.editing.municipality.slug.clone(),
        trajectory_id: trajectory,
        trajectory_title: leading.trajectory.row.title.clone(),
        progress: Progress { answered: total - gathered.unanswered(), total },
        blocked: publication_blocked(
            gathered.unanswered(),
            gathered.awaiting_moderation,
            participation_closed(&leading.trajectory, crate::server::clock::today()),
        ),
        next_version: versions.len() as i32 + 1,
        promised_on: rules.report_date,
        decision: last.map(|r| r.decision.clone()).unwrap_or_default(),
        decided_by: last.map(|r| r.decided_by.clone()).unwrap_or(rules.decision_maker),
        decided_on: last.and_then(|r| r.decided_on).or(rules.decision_date),
        council_decision_url: last.and_then(|r| r.council_decision_url.clone()).unwrap_or_default(),
        published: support::version_summaries(&versions),
    })
}

/// Publishes the next version of the report: refused while participation runs, while inputs wait
/// for a moderator or for an answer; a later version needs the reason for the correction.
#[server(endpoint = "publish_report")]
pub async fn publish_report(
    municipality: String,
    trajectory: i32,
    #[server(default)] decision: String,
    #[server(default)] decided_by: String,
    #[server(default)] decided_on: String,
    #[server(default)] council_decision_url: String,
    #[server(default)] correction_reason: String,
) -> Result<(), AppError> {
    use crate::domain::reports::PublicationForm;
    use crate::server::context::{answer_with, internal};
    use crate::server::reports::publish::{publish, Publishing};
    use sea_orm::TransactionTrait;

    let leading = support::leading(&municipality, trajectory).await?;
    let form = PublicationForm { decision, decided_by, decided_on, council_decision_url, correction_reason };
    let state = &leading.editing.signed_in.state;
    let txn = state.db.begin().await.map_err(internal)?;
    publish(
        &txn,
        Publishing {
            settings: Some(&state.settings),
            slug: &leading.editing.municipality.slug,
            trajectory: &leading.trajectory,
            areas: &leading.editing.municipality.areas,
            form: &form,
            actor: leading.editing.signed_in.account.id,
            now: chrono::Utc::now(),
            today: crate::server::clock::today(),
        },
    )
    .await
    .map_err(answer_with)?;
    txn.commit().await.map_err(internal)?;
    leptos_axum::redirect(&leading.path("verslag"));
    Ok(())
}

// ----- Reading the report (everyone) -----

/// Who gave an input, as the report may say it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineAuthor {
    /// Written online under this display name.
    Named(String),
    /// "inwoner": an anonymous poll answer, an idea, or an account deleted since.
    Resident,
    /// Entered by staff from this channel.
    Via(Channel),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportLine {
    pub position: i32,
    /// `i12` / `c7`: the anchor the mail links to.
    pub key: Option<String>,
    pub kind: ItemKind,
    pub channel: Channel,
    pub activity_title: String,
    pub area: Option<String>,
    pub received_on: NaiveDate,
    pub author: LineAuthor,
    /// Empty for a case its initiator kept from the public.
    pub body: String,
    pub answer_number: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportAnswerView {
    pub number: i32,
    pub disposition: Disposition,
    pub reason: String,
    pub group_title: Option<String>,
    pub fixed_item: Option<String>,
    pub forwarded_to: Option<String>,
    pub forwarded_trajectory_id: Option<i32>,
}

/// The rules of play that applied, as far as the report repeats them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesApplied {
    pub version: i32,
    pub level: Option<crate::domain::rules_of_play::ParticipationLevel>,
    pub open_for_input: String,
    pub fixed_items: Vec<crate::domain::rules_of_play::FixedItem>,
    pub decision_maker: String,
    pub weighing: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportPage {
    pub municipality_slug: String,
    pub municipality_name: String,
    pub trajectory_id: i32,
    pub trajectory_title: String,
    pub version: VersionSummary,
    pub latest_version: i32,
    pub versions: Vec<VersionSummary>,
    pub promised_on: Option<NaiveDate>,
    pub decision: String,
    pub decided_by: String,
    pub decided_on: Option<NaiveDate>,
    pub council_decision_url: Option<String>,
    pub rules: Option<RulesApplied>,
    pub contents: ReportContents,
    pub item_count: i32,
    /// The input a mail linked to, with its answer, shown first.
    pub highlighted: Option<(ReportLine, ReportAnswerView)>,
    pub lines: Vec<ReportLine>,
    /// The answers of the lines shown.
    pub answers: Vec<ReportAnswerView>,
    pub matching: u64,
    pub page: u64,
    /// 0 when every line is shown at once (for printing).
    pub pages: u64,
    pub activity: Option<i32>,
    pub disposition: Option<Disposition>,
}

#[cfg(feature = "ssr")]
pub mod reading {
    use super::*;
    use crate::server::entities::{report_answer, report_item};
    use std::collections::HashMap;

    pub fn answer_view(a: &report_answer::Model) -> ReportAnswerView {
        ReportAnswerView {
            number: a.number,
            disposition: Disposition::parse(&a.disposition).unwrap_or(Disposition::NotAdopted),
            reason: a.reason.clone(),
            group_title: a.group_title.clone(),
            fixed_item: a.fixed_item.clone(),
            forwarded_to: a.forwarded_to.clone(),
            forwarded_trajectory_id: a.forwarded_trajectory_id,
        }
    }

    pub fn line(item: &report_item::Model, names: &HashMap<i32, String>) -> ReportLine {
        let channel = Channel::parse(&item.channel).unwrap_or(Channel::Online);
        let author = match item.input_id.and_then(|id| names.get(&id)) {
            Some(name) if item.author_shown => LineAuthor::Named(name.clone()),
            _ if channel != Channel::Online => LineAuthor::Via(channel),
            _ => LineAuthor::Resident,
        };
        ReportLine {
            position: item.position,
            key: item.input_id.map(|id| format!("i{id}")).or(item.case_id.map(|id| format!("c{id}"))),
            kind: ItemKind::parse(&item.kind).unwrap_or(ItemKind::Comment),
            channel,
            activity_title: item.activity_title.clone(),
            area: item.area_name.clone(),
            received_on: item.received_on,
            author,
            body: item.body.clone(),
            answer_number: item.answer_number,
        }
    }
}

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
        let page = page.trim().parse::<u64>().unwrap_or(1).max(1);
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
    let summaries = support::version_summaries(&versions);
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
            by_number.get(&item.answer_number).map(|a| (reading::line(&item, &names), reading::answer_view(a)))
        }),
        lines: items.iter().map(|i| reading::line(i, &names)).collect(),
        answers: shown_numbers.iter().filter_map(|n| by_number.get(n)).map(|a| reading::answer_view(a)).collect(),
        matching,
        page,
        pages,
        activity,
        disposition,
    })
}

// ----- The council's view (everyone) -----

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilTrajectory {
    pub id: i32,
    pub title: String,
    pub level: Option<crate::domain::rules_of_play::ParticipationLevel>,
    pub stage: crate::domain::trajectories::Stage,
    pub inputs: u64,
    pub people: Option<crate::domain::reports::Shown>,
    pub promised_on: Option<NaiveDate>,
    pub reported_on: Option<NaiveDate>,
    pub late: bool,
    pub overdue: bool,
    pub outcome: Option<crate::domain::reports::Outcome>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilPage {
    pub municipality_slug: String,
    pub municipality_name: String,
    pub trajectories: Vec<CouncilTrajectory>,
    /// Over every published report.
    pub outcome: crate::domain::reports::Outcome,
    pub reports: u64,
    pub reports_on_time: u64,
    pub overdue: u64,
    pub acknowledge_within: u32,
    pub answer_within: u32,
    pub figures: Vec<crate::domain::desk::QuarterFigures>,
    pub reach: Vec<crate::domain::reports::YearReach>,
}

/// The council's page: every public trajectory with its level, stage, input, report and outcome;
/// the desk's service norm figures; the reach of participation per year by area and age band.
#[server(endpoint = "get_council")]
pub async fn get_council(municipality: String) -> Result<CouncilPage, AppError> {
    use crate::domain::reports::Outcome;
    use crate::server::{clock, context, desk, reports::council};

    let reader = context::reader(&municipality).await?;
    let db = &reader.state.db;
    let m = reader.municipality_id.0;
    let today = clock::today();
    let lines = council::trajectories(db, m, today).await?;
    let mut outcome = Outcome::default();
    for line in &lines {
        if let Some(o) = line.outcome {
            outcome.answered += o.answered;
            outcome.adopted += o.adopted;
            outcome.partly_adopted += o.partly_adopted;
            outcome.not_adopted += o.not_adopted;
        }
    }
    let settings = desk::settings::of(db, m).await?;
    Ok(CouncilPage {
        municipality_slug: reader.municipality.slug.clone(),
        municipality_name: reader.municipality.name.clone(),
        outcome,
        reports: lines.iter().filter(|l| l.reported_on.is_some()).count() as u64,
        reports_on_time: lines.iter().filter(|l| l.reported_on.is_some_and(|(_, late)| !late)).count() as u64,
        overdue: lines.iter().filter(|l| l.overdue).count() as u64,
        trajectories: lines
            .into_iter()
            .map(|l| CouncilTrajectory {
                id: l.row.id,
                level: l.row.level.as_deref().and_then(crate::domain::rules_of_play::ParticipationLevel::parse),
                title: l.row.title,
                stage: l.stage,
                inputs: l.inputs,
                people: l.people,
                promised_on: l.promised_on,
                reported_on: l.reported_on.map(|(d, _)| d),
                late: l.reported_on.is_some_and(|(_, late)| late),
                overdue: l.overdue,
                outcome: l.outcome,
            })
            .collect(),
        acknowledge_within: settings.norm.acknowledge_within,
        answer_within: settings.norm.answer_within,
        figures: desk::figures::per_quarter(db, m, today).await?,
        reach: council::reach(db, m, &reader.municipality.areas, today, 3).await?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answering_screen_returns_to_its_own_filters_only() {
        let filter = AnsweringFilter {
            activity: "12".into(),
            channel: "phone".into(),
            area: String::new(),
            status: "open".into(),
            page: 3,
        };
        assert_eq!(filter.query(), "?activiteit=12&kanaal=phone&status=open&pagina=3");
        assert_eq!(AnsweringFilter::default().query(), "");
        let odd = AnsweringFilter { channel: "x\"><script>".into(), ..Default::default() };
        assert_eq!(odd.query(), "", "anything but ids and keywords is left out");
        assert_eq!(safe_back("?status=open&pagina=2"), "?status=open&pagina=2");
        for bad in ["https://elders.example/", "//elders.example", "/beheer", "?a=<b>", "?a=1\nLocation: x"] {
            assert_eq!(safe_back(bad), "", "{bad}");
        }
    }
}
