//! Form building blocks. Every field has a visible label, an optional hint, and its error right
//! next to it, tied with `aria-describedby` and `aria-invalid`. After an error the field shows
//! what was typed again, also when the page was rendered without JavaScript.

use crate::domain::validation::Problem;
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;

/// The plain-language text for a problem, in the chosen language.
pub fn problem_text(i18n: leptos_i18n::I18nContext<Locale>, problem: Problem) -> AnyView {
    match problem {
        Problem::Required => t!(i18n, problem_required).into_any(),
        Problem::TooLong { max } => t!(i18n, problem_too_long, max = move || max).into_any(),
        Problem::EmailInvalid => t!(i18n, problem_email_invalid).into_any(),
        Problem::EmailTaken => t!(i18n, problem_email_taken).into_any(),
        Problem::DisplayNameInvalid => t!(i18n, problem_display_name_invalid).into_any(),
        Problem::PasswordTooShort { min } => t!(i18n, problem_password_too_short, min = move || min).into_any(),
        Problem::PasswordTooLong { max } => t!(i18n, problem_password_too_long, max = move || max).into_any(),
        Problem::PasswordTooCommon => t!(i18n, problem_password_too_common).into_any(),
        Problem::PasswordIncorrect => t!(i18n, problem_password_incorrect).into_any(),
        Problem::BirthDateInvalid => t!(i18n, problem_birth_date_invalid).into_any(),
        Problem::UnknownArea => t!(i18n, problem_unknown_area).into_any(),
        Problem::SlugInvalid => t!(i18n, problem_slug_invalid).into_any(),
        Problem::SlugReserved => t!(i18n, problem_slug_reserved).into_any(),
        Problem::SlugTaken => t!(i18n, problem_slug_taken).into_any(),
        Problem::ColourInvalid => t!(i18n, problem_colour_invalid).into_any(),
        Problem::ColourContrastTooLow { ratio_hundredths } => {
            let ratio = format!("{}.{:02}", ratio_hundredths / 100, ratio_hundredths % 100);
            t!(i18n, problem_colour_contrast, ratio = move || ratio.clone()).into_any()
        }
        Problem::CredentialsInvalid => t!(i18n, problem_credentials_invalid).into_any(),
        Problem::TokenInvalid => t!(i18n, problem_token_invalid).into_any(),
        Problem::UnknownAccount => t!(i18n, problem_unknown_account).into_any(),
        Problem::DateInvalid => t!(i18n, problem_date_invalid).into_any(),
        Problem::EndsBeforeStart => t!(i18n, problem_ends_before_start).into_any(),
        Problem::ReportBeforeDecision => t!(i18n, problem_report_before_decision).into_any(),
        Problem::DecisionBeforeStart => t!(i18n, problem_decision_before_start).into_any(),
        Problem::TooMany { max } => t!(i18n, problem_too_many, max = move || max).into_any(),
        Problem::NumberInvalid { max } => t!(i18n, problem_number_invalid, max = move || max).into_any(),
        Problem::ChoiceInvalid => t!(i18n, problem_choice_invalid).into_any(),
        Problem::AgeBandReversed => t!(i18n, problem_age_band_reversed).into_any(),
    }
}

/// The last error of a form's action, as a signal the fields read.
pub type FormError = Signal<Option<AppError>>;

/// A summary above the form when something went wrong, announced to screen readers.
#[component]
pub fn FormAlert(error: FormError) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.get().map(|e| {
            let text = match e {
                AppError::Validation { .. } => t!(i18n, form_has_errors).into_any(),
                AppError::RateLimited { .. } => t!(i18n, rate_limited).into_any(),
                AppError::Internal { correlation_id } => {
                    view! { {t!(i18n, error_body)} " " <code>{correlation_id}</code> }.into_any()
                }
                _ => t!(i18n, request_failed).into_any(),
            };
            view! { <div class="form-alert" role="alert"><p>{text}</p></div> }
        })
    }
}

/// A labelled input. `kind` is the input type; `autocomplete` helps browsers and password
/// managers (WCAG 1.3.5).
#[component]
pub fn Field(
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(default = "text")] kind: &'static str,
    autocomplete: &'static str,
    error: FormError,
    #[prop(optional)] required: bool,
    /// Passwords are never echoed back after an error.
    #[prop(optional)]
    secret: bool,
    /// What the field holds before anything was typed (an existing name, say).
    #[prop(optional, into)]
    initial: Option<String>,
    /// Tells apart fields of the same name in several forms on one page.
    #[prop(optional)]
    form: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = if form.is_empty() { format!("veld-{name}") } else { format!("veld-{form}-{name}") };
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-fout");
    let problem = move || error.get().and_then(|e| e.problem_for(name));
    let typed = move || {
        if secret {
            None
        } else {
            error.get().and_then(|e| e.typed_value(name)).or_else(|| initial.clone())
        }
    };
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        let has_hint = hint.is_some();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if problem().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field--invalid=move || problem().is_some()>
            <label class="field__label" for=id.clone()>{label}</label>
            {hint.map(|hint| view! { <p class="field__hint" id=hint_id.clone()>{hint}</p> })}
            {move || problem().map(|p| view! {
                <p class="field__error" id=error_id.clone()>{problem_text(i18n, p)}</p>
            })}
            <input
                class="field__input"
                id=id.clone()
                name=name
                type=kind
                autocomplete=autocomplete
                required=required
                value=typed
                // After an error a secret field is emptied, also when JavaScript keeps the page. Only
                // then: at hydration there is no error, and whatever was typed already stays.
                prop:value=move || {
                    let latest = error.get();
                    if secret { latest.map(|_| String::new()) } else { latest.and_then(|e| e.typed_value(name)) }
                }
                aria-invalid=move || problem().map(|_| "true")
                aria-describedby=described_by
            />
        </div>
    }
}

/// Turns an action's latest result into the error signal the fields read.
pub fn error_of<T, S>(value: S) -> FormError
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    Signal::derive(move || value.get().and_then(|r| r.err()))
}
