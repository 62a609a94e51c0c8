//! The council's view (everyone): every trajectory, the reports, the desk and the reach.

use super::*;
use crate::model::reports::*;

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
