//! Form building blocks. Every field has a visible label, an optional hint, and its error right
//! next to it, tied with `aria-describedby` and `aria-invalid`. Forms are rendered on the server
//! only (see docs/front-end.md): after an error the page comes back with each field as it was
//! typed (passwords excepted) and the error beside it.

use crate::domain::validation::Problem;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::raw_text::textarea_text;
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
        Problem::FormExpired => t!(i18n, problem_form_expired).into_any(),
        Problem::UnknownAccount => t!(i18n, problem_unknown_account).into_any(),
        Problem::DateInvalid => t!(i18n, problem_date_invalid).into_any(),
        Problem::EndsBeforeStart => t!(i18n, problem_ends_before_start).into_any(),
        Problem::ReportBeforeDecision => t!(i18n, problem_report_before_decision).into_any(),
        Problem::DecisionBeforeStart => t!(i18n, problem_decision_before_start).into_any(),
        Problem::TooMany { max } => t!(i18n, problem_too_many, max = move || max).into_any(),
        Problem::NumberInvalid { max } => t!(i18n, problem_number_invalid, max = move || max).into_any(),
        Problem::ChoiceInvalid => t!(i18n, problem_choice_invalid).into_any(),
        Problem::AgeBandReversed => t!(i18n, problem_age_band_reversed).into_any(),
        Problem::PhaseHasActivity => t!(i18n, problem_phase_has_activity).into_any(),
        Problem::SectionHasComments => t!(i18n, problem_section_has_comments).into_any(),
        Problem::ConsultationClosed => t!(i18n, problem_consultation_closed).into_any(),
        Problem::DateInFuture => t!(i18n, problem_date_in_future).into_any(),
        Problem::ReceivedOutsideWindow => t!(i18n, problem_received_outside_window).into_any(),
        Problem::FileTooLarge { max_mb } => t!(i18n, problem_file_too_large, max = move || max_mb).into_any(),
        Problem::FileTypeRefused => t!(i18n, problem_file_type_refused).into_any(),
        Problem::RankingIncomplete => t!(i18n, problem_ranking_incomplete).into_any(),
        Problem::TimeDoesNotExist => t!(i18n, problem_time_does_not_exist).into_any(),
        Problem::TooFewOptions { min } => t!(i18n, problem_too_few_options, min = move || min).into_any(),
        Problem::OptionTwice => t!(i18n, problem_option_twice).into_any(),
        Problem::PollNotOpen => t!(i18n, problem_poll_not_open).into_any(),
        Problem::AlreadyVoted => t!(i18n, problem_already_voted).into_any(),
        Problem::SecretCannotChange => t!(i18n, problem_secret_cannot_change).into_any(),
        Problem::InvitationInvalid => t!(i18n, problem_invitation_invalid).into_any(),
        Problem::AlreadyInPanel => t!(i18n, problem_already_in_panel).into_any(),
        Problem::NameTaken => t!(i18n, problem_name_taken).into_any(),
        Problem::BirthDateNeeded => t!(i18n, problem_birth_date_needed).into_any(),
        Problem::OutsidePanelAges { min, max } => {
            t!(i18n, problem_outside_panel_ages, min = move || min, max = move || max).into_any()
        }
        Problem::PanelNotRunning => t!(i18n, problem_panel_not_running).into_any(),
        Problem::PollHasVotes => t!(i18n, problem_poll_has_votes).into_any(),
        Problem::UnknownPanel => t!(i18n, problem_unknown_panel).into_any(),
        Problem::ContactNeeded => t!(i18n, problem_contact_needed).into_any(),
        Problem::AnswerBeforeAcknowledgement => t!(i18n, problem_answer_before_acknowledgement).into_any(),
        Problem::StepNotAllowed => t!(i18n, problem_step_not_allowed).into_any(),
        Problem::IdeasClosed => t!(i18n, problem_ideas_closed).into_any(),
        Problem::FixedItemNeeded => t!(i18n, problem_fixed_item_needed).into_any(),
        Problem::NoFixedItems => t!(i18n, problem_no_fixed_items).into_any(),
        Problem::ForwardedWhere => t!(i18n, problem_forwarded_where).into_any(),
        Problem::UrlInvalid => t!(i18n, problem_url_invalid).into_any(),
        Problem::NothingChosen => t!(i18n, problem_nothing_chosen).into_any(),
        Problem::ParticipationStillOpen => t!(i18n, problem_participation_still_open).into_any(),
        Problem::AwaitingModeration { count } => {
            t!(i18n, problem_awaiting_moderation, count = move || count).into_any()
        }
        Problem::InputsUnanswered { count } => t!(i18n, problem_inputs_unanswered, count = move || count).into_any(),
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

/// The ids and ARIA wiring one labelled control shares with its hint and error.
#[derive(Clone)]
struct Wiring {
    id: String,
    hint_id: String,
    error_id: String,
}

/// The id of the control for the field `name` of the form `form` (empty for the page's only
/// form of that field), for aids that point at it.
pub fn field_id(form: &str, name: &str) -> String {
    // Brackets from array fields (`phase_name[0]`) are valid in ids but awkward in selectors.
    let clean: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '-' }).collect();
    if form.is_empty() {
        format!("veld-{clean}")
    } else {
        format!("veld-{form}-{clean}")
    }
}

impl Wiring {
    fn new(form: &str, name: &str) -> Self {
        let id = field_id(form, name);
        Self { hint_id: format!("{id}-hint"), error_id: format!("{id}-fout"), id }
    }

    fn described_by(
        &self,
        has_hint: bool,
        problem: impl Fn() -> Option<Problem> + Send + Sync + 'static,
    ) -> impl Fn() -> Option<String> + Send + Sync + 'static {
        let (hint_id, error_id) = (self.hint_id.clone(), self.error_id.clone());
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
    }
}

/// The problem the latest error names for one field.
fn problem_of(error: FormError, name: &str) -> Signal<Option<Problem>> {
    let name = name.to_owned();
    Signal::derive(move || error.get().and_then(|e| e.problem_for(&name)))
}

/// Label, hint and error of one control, around the control itself.
#[component]
fn FieldFrame(
    wiring: Wiring,
    label: Signal<String>,
    hint: Option<Signal<String>>,
    problem: Signal<Option<Problem>>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let Wiring { id, hint_id, error_id } = wiring;
    view! {
        <div class="field" class:field--invalid=move || problem.get().is_some()>
            <label class="field__label" for=id>{label}</label>
            {hint.map(|hint| view! { <p class="field__hint" id=hint_id>{hint}</p> })}
            {move || problem.get().map(|p| view! { <p class="field__error" id=error_id.clone()>{problem_text(i18n, p)}</p> })}
            {children()}
        </div>
    }
}

/// A labelled input. `kind` is the input type; `autocomplete` helps browsers and password
/// managers (WCAG 1.3.5).
#[component]
pub fn Field(
    #[prop(into)] name: String,
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
    let wiring = Wiring::new(form, &name);
    let problem = problem_of(error, &name);
    let typed = {
        let (name, initial) = (name.clone(), initial.clone());
        move || if secret { None } else { error.get().and_then(|e| e.typed_value(&name)).or_else(|| initial.clone()) }
    };
    let described_by = wiring.described_by(hint.is_some(), move || problem.get());
    let id = wiring.id.clone();
    view! {
        <FieldFrame wiring label hint problem>
            <input
                class="field__input"
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                required=required
                value=typed
                aria-invalid=move || problem.get().map(|_| "true")
                aria-describedby=described_by
            />
        </FieldFrame>
    }
}

/// A labelled multi-line text field, with the same error and refill behaviour as `Field`.
#[component]
pub fn TextArea(
    #[prop(into)] name: String,
    #[prop(into)] label: Signal<String>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    error: FormError,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] initial: Option<String>,
    #[prop(default = 4)] rows: u32,
    #[prop(optional)] form: &'static str,
    /// Where the server files this field's problem and typed text, when several forms on a page
    /// send a field of the same name (`body` of the reply to comment 12: `reply_body[12]`).
    #[prop(optional, into)]
    key: Option<String>,
) -> impl IntoView {
    let key = key.unwrap_or_else(|| name.clone());
    let wiring = Wiring::new(form, &key);
    let problem = problem_of(error, &key);
    let text = error.get_untracked().and_then(|e| e.typed_value(&key)).or_else(|| initial.clone()).unwrap_or_default();
    let described_by = wiring.described_by(hint.is_some(), move || problem.get());
    let id = wiring.id.clone();
    view! {
        <FieldFrame wiring label hint problem>
            <textarea
                class="field__input field__input--text"
                id=id
                name=name
                rows=rows
                required=required
                aria-invalid=move || problem.get().map(|_| "true")
                aria-describedby=described_by
            >{textarea_text(text)}</textarea>
        </FieldFrame>
    }
}

/// A labelled drop-down list. `options` are (value, label); an empty first option means "not
/// chosen yet".
#[component]
pub fn Select(
    #[prop(into)] name: String,
    #[prop(into)] label: Signal<String>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    error: FormError,
    options: Vec<(String, String)>,
    #[prop(optional, into)] initial: Option<String>,
    #[prop(optional)] form: &'static str,
) -> impl IntoView {
    let wiring = Wiring::new(form, &name);
    let problem = problem_of(error, &name);
    let chosen = {
        let name = name.clone();
        Signal::derive(move || {
            error.get().and_then(|e| e.typed_value(&name)).or_else(|| initial.clone()).unwrap_or_default()
        })
    };
    let described_by = wiring.described_by(hint.is_some(), move || problem.get());
    let id = wiring.id.clone();
    view! {
        <FieldFrame wiring label hint problem>
            <select class="field__input" id=id name=name
                aria-invalid=move || problem.get().map(|_| "true") aria-describedby=described_by>
                {options.into_iter().map(|(value, text)| {
                    let selected = { let value = value.clone(); move || chosen.get() == value };
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </FieldFrame>
    }
}

/// A group of checkboxes in a fieldset (several areas, several themes). The chosen values come
/// back after an error as a comma-separated typed value.
#[component]
pub fn CheckboxGroup(
    #[prop(into)] name: String,
    #[prop(into)] legend: Signal<String>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    error: FormError,
    options: Vec<(String, String)>,
    #[prop(optional)] initial: Vec<String>,
    #[prop(optional)] form: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let wiring = Wiring::new(form, &name);
    let problem = problem_of(error, &name);
    let chosen = {
        let name = name.clone();
        Signal::derive(move || match error.get().and_then(|e| e.typed_value(&name)) {
            Some(typed) => typed.split(',').map(str::to_owned).collect::<Vec<_>>(),
            None => initial.clone(),
        })
    };
    let described_by = wiring.described_by(hint.is_some(), move || problem.get());
    let Wiring { id, hint_id, error_id } = wiring;
    view! {
        <fieldset class="field field--group" class:field--invalid=move || problem.get().is_some()
            aria-describedby=described_by>
            <legend class="field__label">{legend}</legend>
            {hint.map(|hint| view! { <p class="field__hint" id=hint_id>{hint}</p> })}
            {move || problem.get().map(|p| view! { <p class="field__error" id=error_id.clone()>{problem_text(i18n, p)}</p> })}
            <ul class="checkbox-list">
                {options.into_iter().enumerate().map(|(i, (value, text))| {
                    let box_id = format!("{id}-{i}");
                    let checked = { let value = value.clone(); move || chosen.get().contains(&value) };
                    view! {
                        <li class="checkbox-list__item">
                            <input type="checkbox" id=box_id.clone() name=format!("{name}[]") value=value checked=checked/>
                            <label for=box_id>{text}</label>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </fieldset>
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

/// The hidden field that makes a form's submit count once: a signed token from the server, so
/// a double click, a retry or a replayed request makes one thing (see `server::submission`).
/// Rendered on the server with the page; every submit leads to a new page and so to a new token.
#[component]
pub fn SubmissionToken() -> impl IntoView {
    let token = Resource::new(|| (), |_| crate::api::forms::new_submission_token());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let value = token.await.unwrap_or_default();
                view! { <input type="hidden" name="submission_token" value=value/> }
            })}
        </Suspense>
    }
}
