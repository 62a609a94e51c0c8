//! The fields of the trajectory forms, shared by "new", "edit", "draft the rules" and "change the
//! rules". Repeating parts (phases, fixed items) get a few empty rows, so no JavaScript is needed
//! to add one.

use super::labels::{level_explanation, level_label, theme_label};
use super::readability_aid::ReadabilityAid;
use crate::domain::rules_of_play::{Eligibility, ParticipationLevel, RulesOfPlay, MAX_FIXED_ITEMS};
use crate::domain::trajectories::{Theme, MAX_PHASES};
use crate::i18n::*;
use crate::model::tenancy::AreaSummary;
use crate::model::trajectories::PhaseView;
use crate::ui::components::form::{CheckboxGroup, Field, FormError, Select, TextArea};
use leptos::prelude::*;

/// What the details form starts with: empty for a new trajectory, the saved values otherwise.
#[derive(Debug, Clone, Default)]
pub struct DetailsInitial {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub areas: Vec<i32>,
    pub themes: Vec<Theme>,
    pub phases: Vec<PhaseView>,
}

fn label(text: String) -> Signal<String> {
    Signal::derive(move || text.clone())
}

/// The text a field shows: what was typed before a refusal, else what was saved.
fn shown_text(error: FormError, field: &str, saved: &str) -> String {
    error.get_untracked().and_then(|e| e.typed_value(field)).unwrap_or_else(|| saved.to_owned())
}

#[component]
pub fn DetailsFields(error: FormError, initial: DetailsInitial, areas: Vec<AreaSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let tr = move |key: &str| -> String {
        match key {
            "title" => t_string!(i18n, field_title),
            "summary" => t_string!(i18n, field_summary),
            "summary_hint" => t_string!(i18n, field_summary_hint),
            "body" => t_string!(i18n, field_body),
            "body_hint" => t_string!(i18n, field_body_hint),
            "contact_name" => t_string!(i18n, field_contact_name),
            "contact_email" => t_string!(i18n, field_contact_email),
            "contact_phone" => t_string!(i18n, field_contact_phone),
            "areas" => t_string!(i18n, field_trajectory_areas),
            "areas_hint" => t_string!(i18n, field_trajectory_areas_hint),
            "themes" => t_string!(i18n, field_themes),
            "phase_name" => t_string!(i18n, field_phase_name),
            "phase_starts_on" => t_string!(i18n, field_phase_starts_on),
            "phase_ends_on" => t_string!(i18n, field_phase_ends_on),
            _ => "",
        }
        .to_string()
    };
    let area_options = areas.iter().map(|a| (a.id.to_string(), a.name.clone())).collect();
    let theme_options = Theme::ALL.iter().map(|&t| (t.as_str().to_owned(), theme_label(i18n, t))).collect();
    let rows = (initial.phases.len() + 2).clamp(3, MAX_PHASES);
    let summary_text = shown_text(error, "summary", &initial.summary);
    let body_text = shown_text(error, "body", &initial.body);
    view! {
        <Field name="title" autocomplete="off" required=true error initial=initial.title.clone() label=label(tr("title"))/>
        <TextArea name="summary" required=true error initial=initial.summary.clone() rows=3
            max_chars=crate::domain::trajectories::SUMMARY_MAX as u32
            label=label(tr("summary")) hint=label(tr("summary_hint"))/>
        <ReadabilityAid field="summary" text=summary_text/>
        <TextArea name="body" error initial=initial.body.clone() rows=12 max_chars=crate::domain::trajectories::BODY_MAX as u32 label=label(tr("body")) hint=label(tr("body_hint"))/>
        <ReadabilityAid field="body" text=body_text/>
        <CheckboxGroup name="areas" error options=area_options legend=label(tr("areas")) hint=label(tr("areas_hint"))
            initial=initial.areas.iter().map(i32::to_string).collect()/>
        <CheckboxGroup name="themes" error options=theme_options legend=label(tr("themes"))
            initial=initial.themes.iter().map(|t| t.as_str().to_owned()).collect()/>
        <fieldset class="repeat">
            <legend>{t!(i18n, field_phases)}</legend>
            <p class="field__hint">{t!(i18n, field_phases_hint)}</p>
            {(0..rows).map(|i| {
                let phase = initial.phases.get(i).cloned();
                let number = i + 1;
                view! {
                    <fieldset class="repeat__row">
                        <legend>{t!(i18n, field_phase_number, number = move || number)}</legend>
                        <Field name=format!("phase_name[{i}]") autocomplete="off" error label=label(tr("phase_name"))
                            initial=phase.as_ref().map(|p| p.name.clone()).unwrap_or_default()/>
                        <Field name=format!("phase_starts_on[{i}]") kind="date" autocomplete="off" error label=label(tr("phase_starts_on"))
                            initial=phase.as_ref().map(|p| p.starts_on.to_string()).unwrap_or_default()/>
                        <Field name=format!("phase_ends_on[{i}]") kind="date" autocomplete="off" error label=label(tr("phase_ends_on"))
                            initial=phase.as_ref().map(|p| p.ends_on.to_string()).unwrap_or_default()/>
                    </fieldset>
                }
            }).collect_view()}
        </fieldset>
        <Field name="contact_name" autocomplete="off" required=true error initial=initial.contact_name.clone() label=label(tr("contact_name"))/>
        <Field name="contact_email" kind="email" autocomplete="off" required=true error initial=initial.contact_email.clone()
            label=label(tr("contact_email"))/>
        <Field name="contact_phone" kind="tel" autocomplete="off" error initial=initial.contact_phone.clone() label=label(tr("contact_phone"))/>
    }
}

/// Every part of the rules-of-play card as its own field.
#[component]
pub fn RulesFields(error: FormError, initial: RulesOfPlay, areas: Vec<AreaSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let levels: Vec<(String, String)> =
        std::iter::once((String::new(), t_string!(i18n, choose_one).to_string()))
            .chain(ParticipationLevel::ALL.iter().map(|&l| {
                (l.as_str().to_owned(), format!("{} – {}", level_label(i18n, l), level_explanation(i18n, l)))
            }))
            .collect();
    let eligibility_kinds: Vec<(String, String)> = [
        ("", t_string!(i18n, choose_one).to_string()),
        ("everyone", t_string!(i18n, eligibility_everyone).to_string()),
        ("areas", t_string!(i18n, eligibility_areas).to_string()),
        ("age_band", t_string!(i18n, eligibility_age_band).to_string()),
        ("panel", t_string!(i18n, eligibility_panel).to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    let (eligible_areas, min_age, max_age, panel) = match &initial.eligibility {
        Some(Eligibility::Areas(ids)) => {
            (ids.iter().map(|a| a.0.to_string()).collect(), String::new(), String::new(), String::new())
        }
        Some(Eligibility::AgeBand { min, max }) => (Vec::new(), min.to_string(), max.to_string(), String::new()),
        Some(Eligibility::Panel(name)) => (Vec::new(), String::new(), String::new(), name.clone()),
        _ => (Vec::new(), String::new(), String::new(), String::new()),
    };
    let area_options: Vec<(String, String)> = areas.iter().map(|a| (a.id.to_string(), a.name.clone())).collect();
    let fixed_rows = (initial.fixed_items.len() + 2).min(MAX_FIXED_ITEMS);
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let text = move |s: String| label(s);
    let open_text = shown_text(error, "open_for_input", &initial.open_for_input);
    let weighing_text = shown_text(error, "weighing", &initial.weighing);
    view! {
        <Select name="level" error options=levels initial=initial.level.map(|l| l.as_str().to_owned()).unwrap_or_default()
            label=text(t_string!(i18n, field_level).to_string()) hint=text(t_string!(i18n, field_level_hint).to_string())/>
        <TextArea name="municipality_role" error initial=initial.municipality_role.clone()
            label=text(t_string!(i18n, rules_municipality_role).to_string()) hint=text(t_string!(i18n, field_municipality_role_hint).to_string())/>
        <TextArea name="open_for_input" error initial=initial.open_for_input.clone()
            label=text(t_string!(i18n, rules_open_for_input).to_string())/>
        <ReadabilityAid field="open_for_input" text=open_text/>
        <fieldset class="repeat">
            <legend>{t!(i18n, rules_fixed)}</legend>
            <p class="field__hint">{t!(i18n, field_fixed_hint)}</p>
            {(0..fixed_rows).map(|i| {
                let item = initial.fixed_items.get(i).cloned();
                let number = i + 1;
                view! {
                    <fieldset class="repeat__row">
                        <legend>{t!(i18n, field_fixed_number, number = move || number)}</legend>
                        <Field name=format!("fixed_what[{i}]") autocomplete="off" error
                            label=text(t_string!(i18n, field_fixed_what).to_string())
                            initial=item.as_ref().map(|f| f.what.clone()).unwrap_or_default()/>
                        <TextArea name=format!("fixed_why[{i}]") error rows=2
                            label=text(t_string!(i18n, field_fixed_why).to_string())
                            initial=item.as_ref().map(|f| f.why.clone()).unwrap_or_default()/>
                    </fieldset>
                }
            }).collect_view()}
        </fieldset>
        <Field name="decision_maker" autocomplete="off" error initial=initial.decision_maker.clone()
            label=text(t_string!(i18n, rules_decision).to_string()) hint=text(t_string!(i18n, field_decision_maker_hint).to_string())/>
        <Field name="decision_date" kind="date" autocomplete="off" error initial=date(initial.decision_date)
            label=text(t_string!(i18n, rules_decision_date).to_string())/>
        <TextArea name="weighing" error initial=initial.weighing.clone()
            label=text(t_string!(i18n, rules_weighing).to_string()) hint=text(t_string!(i18n, field_weighing_hint).to_string())/>
        <ReadabilityAid field="weighing" text=weighing_text/>
        <Select name="eligibility" error options=eligibility_kinds
            initial=initial.eligibility.as_ref().map(|e| e.kind().to_owned()).unwrap_or_default()
            label=text(t_string!(i18n, rules_eligibility).to_string()) hint=text(t_string!(i18n, field_eligibility_hint).to_string())/>
        <CheckboxGroup name="eligible_areas" error options=area_options initial=eligible_areas
            legend=text(t_string!(i18n, field_eligible_areas).to_string())/>
        <Field name="eligible_min_age" kind="number" autocomplete="off" error initial=min_age
            label=text(t_string!(i18n, field_eligible_min_age).to_string())/>
        <Field name="eligible_max_age" kind="number" autocomplete="off" error initial=max_age
            label=text(t_string!(i18n, field_eligible_max_age).to_string())/>
        <Field name="eligible_panel" autocomplete="off" error initial=panel
            label=text(t_string!(i18n, field_eligible_panel).to_string())/>
        <Field name="report_date" kind="date" autocomplete="off" error initial=date(initial.report_date)
            label=text(t_string!(i18n, rules_report_date).to_string()) hint=text(t_string!(i18n, field_report_date_hint).to_string())/>
        <TextArea name="personal_data" error initial=initial.personal_data.clone()
            label=text(t_string!(i18n, rules_personal_data).to_string())/>
        <Field name="retention_months" kind="number" autocomplete="off" error
            initial=initial.retention_months.map(|m| m.to_string()).unwrap_or_default()
            label=text(t_string!(i18n, field_retention_months).to_string())/>
    }
}
