//! Answering every input of a trajectory (project leads): the answering screen, giving one answer
//! to one or more inputs, revising an answer and taking an input out of its group.

use super::*;
use crate::domain::reports::AnswerForm;
use crate::model::reports::*;

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
    use crate::server::reports::{self, answering};
    let leading = reports::leading(&municipality, trajectory).await?;
    answering::answering_page(&leading, answering::answering_filter(&activity, &channel, &area, &status, &page)).await
}

/// Gives one answer to the chosen inputs (one, or a group of similar ones). An input that had an
/// answer gets the new one.
#[server(endpoint = "answer_inputs")]
pub async fn answer_inputs(
    municipality: String,
    trajectory: i32,
    #[server(default)] chosen: Vec<String>,
    #[server(default)] back: String,
    #[server(flatten)] form: AnswerForm,
) -> Result<(), AppError> {
    use crate::server::{context, reports};
    let leading = reports::leading(&municipality, trajectory).await?;
    reports::answering::answer_inputs(&leading, &chosen, &form).await.map_err(context::answer_with)?;
    leptos_axum::redirect(&format!("{}{}", leading.path("antwoorden"), safe_back(&back)));
    Ok(())
}

#[server(endpoint = "get_answer")]
pub async fn get_answer(municipality: String, trajectory: i32, answer: i32) -> Result<AnswerPage, AppError> {
    use crate::server::{context, reports};
    let leading = reports::leading(&municipality, trajectory).await?;
    reports::answering::answer_page(&leading, answer).await.map_err(context::answer_with)
}

/// Changes an answer (disposition, reason, group title) for every input it covers.
#[server(endpoint = "revise_answer")]
pub async fn revise_answer(
    municipality: String,
    trajectory: i32,
    answer: i32,
    #[server(flatten)] form: AnswerForm,
) -> Result<(), AppError> {
    use crate::server::{context, reports};
    let leading = reports::leading(&municipality, trajectory).await?;
    reports::answering::revise_answer(&leading, answer, &form).await.map_err(context::answer_with)?;
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
    use crate::server::{context, reports};
    let leading = reports::leading(&municipality, trajectory).await?;
    let still_grouped =
        reports::answering::take_out_of_answer(&leading, answer, &input).await.map_err(context::answer_with)?;
    if still_grouped {
        leptos_axum::redirect(&leading.path(&format!("antwoorden/{answer}")));
    } else {
        leptos_axum::redirect(&format!("{}?status=open", leading.path("antwoorden")));
    }
    Ok(())
}
