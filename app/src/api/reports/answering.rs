//! Answering every input of a trajectory (project leads): the answering screen, giving one answer
//! to one or more inputs, revising an answer and taking an input out of its group.

use super::*;
use crate::model::reports::*;

#[cfg(feature = "ssr")]
pub(crate) mod support {
    use super::*;
    use crate::server::entities::{input_answer, trajectory};
    use crate::server::reports::inputs::{Answerable, Gathered};
    use crate::server::trajectories::Loaded;
    use crate::server::trajectories::{editing, Editing};
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
        page: crate::domain::paging::page_number(&page),
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
        .skip(crate::domain::paging::offset(filter.page.min(pages), PAGE_SIZE) as usize)
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
        published: crate::server::reports::read::version_summaries(&versions),
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
    let txn = crate::server::writes::begin_write(leading.db()).await.map_err(internal)?;
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
