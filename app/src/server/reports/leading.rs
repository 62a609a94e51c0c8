//! What a project lead's request about a trajectory's report starts from: the lead, their
//! municipality and the trajectory, with what the answering and publishing screens share.

use super::answers::{self, Answering};
use super::inputs::{Answerable, Scope};
use super::selection::answer_sizes;
use crate::domain::reports::Disposition;
use crate::domain::trajectories::Status;
use crate::error::AppResult;
use crate::model::reports::{AnswerView, InputRow};
use crate::server::context::internal;
use crate::server::entities::{input_answer, trajectory, user};
use crate::server::trajectories::{editing, Editing, Loaded};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// The signed-in lead (or administrator) of the municipality and the trajectory they answer.
pub struct Leading {
    pub editing: Editing,
    pub trajectory: Loaded,
}

pub async fn leading(municipality: &str, trajectory_id: i32) -> AppResult<Leading> {
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

    /// The fixed items of the rules of play in force, numbered from 1.
    pub fn fixed_items(&self) -> Vec<(u32, String)> {
        let Some(rules) = self.trajectory.current_rules() else { return Vec::new() };
        rules.rules.fixed_items.iter().enumerate().map(|(i, item)| (i as u32 + 1, item.what.clone())).collect()
    }

    /// The municipality's other trajectories that are public, to forward input to.
    pub async fn other_trajectories(&self) -> AppResult<Vec<(i32, String)>> {
        // Their ids and titles alone: a municipality has hundreds, each with its whole text.
        trajectory::Entity::find()
            .select_only()
            .columns([trajectory::Column::Id, trajectory::Column::Title])
            .filter(trajectory::Column::MunicipalityId.eq(self.editing.municipality_id.0))
            .filter(trajectory::Column::Id.ne(self.trajectory.row.id))
            .filter(trajectory::Column::Status.ne(Status::Draft.as_str()))
            .order_by_asc(trajectory::Column::Title)
            .into_tuple()
            .all(self.db())
            .await
            .map_err(internal)
    }

    /// Who answers, for which trajectory, under the rules of play in force.
    pub fn answering(&self) -> AppResult<Answering> {
        let rules = self.trajectory.current_rules().ok_or_else(|| internal("a trajectory without rules"))?;
        Ok(Answering {
            municipality_id: self.editing.municipality_id.0,
            trajectory_id: self.trajectory.row.id,
            rules_id: rules.id,
            by: self.editing.signed_in.account.id,
            at: self.editing.signed_in.state.clock.now(),
        })
    }

    fn area_name(&self, id: Option<i32>) -> Option<String> {
        id.and_then(|id| self.editing.municipality.areas.iter().find(|a| a.id == id)).map(|a| a.name.clone())
    }

    /// Rows for the inputs given, with their answers and the display names of online authors.
    pub async fn rows(&self, scope: &Scope, inputs: &[&Answerable]) -> AppResult<Vec<InputRow>> {
        let shown_answers: Vec<i32> = inputs.iter().filter_map(|i| i.answer_id).collect();
        let sizes = answer_sizes(self.db(), scope, shown_answers.clone()).await?;
        let answers = answers::these(self.db(), self.trajectory.row.id, shown_answers).await?;
        let answers: HashMap<i32, input_answer::Model> = answers.into_iter().map(|a| (a.id, a)).collect();
        let author_ids: Vec<i32> = inputs.iter().filter(|i| i.author_shown).filter_map(|i| i.author_id).collect();
        let authors = user::Entity::find().filter(user::Column::Id.is_in(author_ids)).all(self.db()).await;
        let names: HashMap<i32, String> =
            authors.map_err(internal)?.into_iter().map(|u| (u.id, u.display_name)).collect();
        let answer_of = |id: Option<i32>| {
            let answer = answers.get(&id?)?;
            Some(answer_view(answer, sizes.get(&answer.id).copied().unwrap_or(1)))
        };
        Ok(inputs
            .iter()
            .map(|i| InputRow {
                key: i.reference.key(),
                kind: i.kind,
                channel: i.channel,
                activity_title: scope.activity_title(i.activity_id),
                area: self.area_name(i.area_id),
                received_on: i.received_on,
                author: i.author_id.filter(|_| i.author_shown).and_then(|id| names.get(&id).cloned()),
                case_number: i.case_number.clone(),
                title: i.title.clone(),
                body: i.body.clone(),
                public: i.public,
                answer: answer_of(i.answer_id),
            })
            .collect())
    }
}

/// An answer as the answering screens show it; `size` is the number of inputs it covers.
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
