//! `/{municipality}/trajecten/nieuw` and `/{municipality}/trajecten/{id}/bewerken`: where a
//! project lead writes a trajectory, drafts its rules of play and publishes it, and later changes
//! the rules through a new version with a reason.

use crate::api::tenancy::get_municipality;
use crate::api::trajectories::get_trajectory;
use crate::api::trajectory_editing::{
    AmendRules, ChangeTrajectoryStatus, CreateTrajectory, PublishTrajectory, SaveRules, UpdateTrajectory,
};
use crate::domain::rules_of_play::CardField;
use crate::domain::trajectories::{may_move, Status};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::tenancy::MunicipalityDetail;
use crate::model::trajectories::TrajectoryDetail;
use crate::ui::components::form::{error_of, problem_text, FormAlert, SubmissionToken, TextArea};
use crate::ui::components::trajectories::editor_fields::{DetailsFields, DetailsInitial, RulesFields};
use crate::ui::pages::not_found_page::NotFoundPage;
use crate::ui::raw_text::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn Forbidden() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=t_string!(i18n, forbidden_title).to_string()/>
        <h1>{t!(i18n, forbidden_title)}</h1>
        <p>{t!(i18n, forbidden_body)}</p>
    }
}

#[component]
pub fn NewTrajectoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let municipality = Resource::new(slug, get_municipality);
    let create = ServerAction::<CreateTrajectory>::new();
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match municipality.await {
                    Ok(m) => view! { <NewTrajectory m create/> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(_) => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NewTrajectory(m: MunicipalityDetail, create: ServerAction<CreateTrajectory>) -> impl IntoView {
    let i18n = use_i18n();
    let error = error_of(create.value());
    view! {
        <PageTitle text=t_string!(i18n, trajectory_new_title).to_string()/>
        <h1>{t!(i18n, trajectory_new_title)}</h1>
        <p class="lead">{t!(i18n, trajectory_new_intro)}</p>
        {move || matches!(error.get(), Some(AppError::Forbidden)).then(|| view! { <Forbidden/> })}
        <FormAlert error/>
        <ActionForm action=create attr:class="form" attr:novalidate=true>
            <input type="hidden" name="municipality" value=m.slug.clone()/>
            <SubmissionToken/>
            <DetailsFields error initial=DetailsInitial::default() areas=m.areas.clone()/>
            <button class="button" type="submit">{t!(i18n, trajectory_create)}</button>
        </ActionForm>
    }
}

/// The page's forms, created once so their results refresh its data.
#[derive(Clone, Copy)]
struct Actions {
    update: ServerAction<UpdateTrajectory>,
    save_rules: ServerAction<SaveRules>,
    publish: ServerAction<PublishTrajectory>,
    amend: ServerAction<AmendRules>,
    status: ServerAction<ChangeTrajectoryStatus>,
}

#[component]
pub fn TrajectoryEditorPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("municipality").unwrap_or_default();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i32>().ok()).unwrap_or(0);
    let actions = Actions {
        update: ServerAction::new(),
        save_rules: ServerAction::new(),
        publish: ServerAction::new(),
        amend: ServerAction::new(),
        status: ServerAction::new(),
    };
    let versions = move || {
        actions.update.version().get()
            + actions.save_rules.version().get()
            + actions.amend.version().get()
            + actions.status.version().get()
    };
    let municipality = Resource::new(slug, get_municipality);
    let trajectory = Resource::new(move || (slug(), id(), versions()), |(slug, id, _)| get_trajectory(slug, id));
    let saved = move || {
        query.read().get("opgeslagen").and_then(|what| match what.as_str() {
            "gegevens" => Some(t_string!(i18n, saved_details).to_string()),
            "spelregels" => Some(t_string!(i18n, saved_rules).to_string()),
            "status" => Some(t_string!(i18n, saved_status).to_string()),
            _ => None,
        })
    };
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match (municipality.await, trajectory.await) {
                    (Ok(m), Ok(t)) if t.can_manage => view! {
                        <PageTitle text=format!("{} – {}", t_string!(i18n, trajectory_edit), t.title)/>
                        <h1>{t!(i18n, trajectory_edit)} ": " {t.title.clone()}</h1>
                        <p><a href=format!("/{}/trajecten/{}", t.municipality_slug, t.id)>{t!(i18n, trajectory_view)}</a></p>
                        {saved().map(|text| view! { <p class="notice" role="status">{text}</p> })}
                        <Editor m t actions/>
                    }.into_any(),
                    (Ok(_), Ok(_)) | (_, Err(AppError::Forbidden | AppError::Unauthenticated)) => view! { <Forbidden/> }.into_any(),
                    (Err(AppError::NotFound), _) | (_, Err(AppError::NotFound)) => view! { <NotFoundPage/> }.into_any(),
                    _ => view! { <p role="alert">{t!(i18n, request_failed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Editor(m: MunicipalityDetail, t: TrajectoryDetail, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let update_error = error_of(actions.update.value());
    let initial = DetailsInitial {
        title: t.title.clone(),
        summary: t.summary.clone(),
        body: t.body_markdown.clone().unwrap_or_default(),
        contact_name: t.contact_name.clone(),
        contact_email: t.contact_email.clone(),
        contact_phone: t.contact_phone.clone(),
        areas: t.areas.iter().map(|a| a.id).collect(),
        themes: t.themes.clone(),
        phases: t.phases.clone(),
    };
    let is_draft = t.status == Status::Draft;
    view! {
        {is_draft.then(|| view! { <PublishSection t=t.clone() action=actions.publish/> })}
        <section aria-labelledby="spelregels-bewerken">
            <h2 id="spelregels-bewerken">{t!(i18n, rules_title)}</h2>
            {if is_draft {
                view! { <DraftRulesForm t=t.clone() m=m.clone() action=actions.save_rules/> }.into_any()
            } else {
                view! { <AmendRulesForm t=t.clone() m=m.clone() action=actions.amend/> }.into_any()
            }}
        </section>
        <StatusSection t=t.clone() action=actions.status/>
        <section aria-labelledby="gegevens">
            <h2 id="gegevens">{t!(i18n, trajectory_details)}</h2>
            <FormAlert error=update_error/>
            <ActionForm action=actions.update attr:class="form" attr:novalidate=true>
                <input type="hidden" name="municipality" value=m.slug.clone()/>
                <input type="hidden" name="id" value=t.id.to_string()/>
                <DetailsFields error=update_error initial areas=m.areas.clone()/>
                <button class="button" type="submit">{t!(i18n, save)}</button>
            </ActionForm>
        </section>
    }
}

fn card_field_label(i18n: leptos_i18n::I18nContext<Locale>, field: CardField) -> String {
    match field {
        CardField::Level => t_string!(i18n, rules_level),
        CardField::MunicipalityRole => t_string!(i18n, rules_municipality_role),
        CardField::OpenForInput => t_string!(i18n, rules_open_for_input),
        CardField::FixedItems => t_string!(i18n, rules_fixed),
        CardField::DecisionMaker => t_string!(i18n, rules_decision),
        CardField::DecisionDate => t_string!(i18n, rules_decision_date),
        CardField::Weighing => t_string!(i18n, rules_weighing),
        CardField::Eligibility => t_string!(i18n, rules_eligibility),
        CardField::ReportDate => t_string!(i18n, rules_report_date),
        CardField::PersonalData => t_string!(i18n, rules_personal_data),
        CardField::Retention => t_string!(i18n, field_retention_months),
    }
    .to_string()
}

/// Publishing: what is still missing from the card, and the button. The server checks again and
/// names every missing part when it refuses.
#[component]
fn PublishSection(t: TrajectoryDetail, action: ServerAction<PublishTrajectory>) -> impl IntoView {
    let i18n = use_i18n();
    let error = error_of(action.value());
    let missing = t.rules.missing.clone();
    let complete = missing.is_empty();
    let refused = move || match error.get() {
        Some(AppError::Validation { errors, .. }) => Some(errors),
        _ => None,
    };
    view! {
        <section class="publish" aria-labelledby="publiceren">
            <h2 id="publiceren">{t!(i18n, publish_title)}</h2>
            {if complete {
                view! { <p>{t!(i18n, publish_ready)}</p> }.into_any()
            } else {
                view! {
                    <p>{t!(i18n, publish_missing_intro)}</p>
                    <ul class="missing-list">
                        {missing.into_iter().map(|field| view! {
                            <li><a href=format!("#veld-{}", field.form_field().replace(['[', ']'], "-"))>{card_field_label(i18n, field)}</a></li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {move || refused().map(|errors| view! {
                <div class="form-alert" role="alert">
                    <p>{t!(i18n, publish_refused)}</p>
                    <ul>
                        {errors.into_iter().map(|e| {
                            let part = CardField::of_form_field(&e.field).map(|f| card_field_label(i18n, f)).unwrap_or(e.field);
                            view! { <li>{part} ": " {problem_text(i18n, e.problem)}</li> }
                        }).collect_view()}
                    </ul>
                </div>
            })}
            <ActionForm action attr:class="form">
                <input type="hidden" name="municipality" value=t.municipality_slug.clone()/>
                <input type="hidden" name="id" value=t.id.to_string()/>
                <button class="button" type="submit">{t!(i18n, publish_submit)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn DraftRulesForm(t: TrajectoryDetail, m: MunicipalityDetail, action: ServerAction<SaveRules>) -> impl IntoView {
    let i18n = use_i18n();
    let error = error_of(action.value());
    view! {
        <p>{t!(i18n, rules_draft_intro)}</p>
        <FormAlert error/>
        <ActionForm action attr:class="form" attr:novalidate=true>
            <input type="hidden" name="municipality" value=m.slug.clone()/>
            <input type="hidden" name="id" value=t.id.to_string()/>
            <RulesFields error initial=t.rules.rules.clone() areas=m.areas.clone()/>
            <button class="button" type="submit">{t!(i18n, rules_save_draft)}</button>
        </ActionForm>
    }
}

#[component]
fn AmendRulesForm(t: TrajectoryDetail, m: MunicipalityDetail, action: ServerAction<AmendRules>) -> impl IntoView {
    let i18n = use_i18n();
    let error = error_of(action.value());
    let version = t.rules.version;
    view! {
        <p>{t!(i18n, rules_amend_intro, version = move || version)}</p>
        <FormAlert error/>
        <ActionForm action attr:class="form" attr:novalidate=true>
            <input type="hidden" name="municipality" value=m.slug.clone()/>
            <input type="hidden" name="id" value=t.id.to_string()/>
            <TextArea name="change_reason" required=true error rows=3
                label=Signal::derive(move || t_string!(i18n, field_change_reason).to_string())
                hint=Signal::derive(move || t_string!(i18n, field_change_reason_hint).to_string())/>
            <RulesFields error initial=t.rules.rules.clone() areas=m.areas.clone()/>
            <button class="button" type="submit">{t!(i18n, rules_amend_submit)}</button>
        </ActionForm>
    }
}

/// Closing early and archiving, for public trajectories.
#[component]
fn StatusSection(t: TrajectoryDetail, action: ServerAction<ChangeTrajectoryStatus>) -> impl IntoView {
    let i18n = use_i18n();
    let can_close = may_move(t.status, Status::Closed);
    let can_archive = may_move(t.status, Status::Archived);
    let button = move |to: Status| {
        let (slug, id) = (t.municipality_slug.clone(), t.id.to_string());
        view! {
            <ActionForm action attr:class="inline-form">
                <input type="hidden" name="municipality" value=slug/>
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="to" value=to.as_str()/>
                <button class="button button--secondary" type="submit">
                    {if to == Status::Closed { t!(i18n, status_close).into_any() } else { t!(i18n, status_archive).into_any() }}
                </button>
            </ActionForm>
        }
    };
    (can_close || can_archive).then(|| {
        view! {
            <section aria-labelledby="status">
                <h2 id="status">{t!(i18n, status_title)}</h2>
                <p>{t!(i18n, status_intro)}</p>
                {can_close.then(|| button(Status::Closed))}
                {can_archive.then(|| button(Status::Archived))}
            </section>
        }
    })
}
