//! Form building blocks. Every field has a visible label, an optional hint, and its error right
//! next to it, tied with `aria-describedby` and `aria-invalid`. Forms are rendered on the server
//! only (see docs/front-end.md): after an error the page comes back with each field as it was
//! typed (passwords excepted) and the error beside it.

use crate::domain::validation::Problem;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::raw_text::textarea_text;
use leptos::prelude::*;
use std::sync::{Arc, Mutex};

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

/// What the error summary needs to know of each field on the page: where it is and what it is
/// called. Every field registers itself when the page is put together, before anything is
/// written out, so a summary above the form can name and link the fields below it.
#[derive(Clone)]
struct FieldEntry {
    key: String,
    id: String,
    label: Signal<String>,
    when_empty: Option<Signal<String>>,
}

/// The fields of the page being rendered (one per request, provided by the app shell).
#[derive(Clone, Default)]
pub struct FieldRegistry(Arc<Mutex<Vec<FieldEntry>>>);

impl FieldRegistry {
    fn register(entry: FieldEntry) {
        if let Some(registry) = use_context::<FieldRegistry>() {
            registry.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(entry);
        }
    }

    fn find(&self, key: &str) -> Option<FieldEntry> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).iter().rev().find(|e| e.key == key).cloned()
    }
}

/// The message for one field's problem: the field's own words for an empty field when it has
/// them ("Geef je initiatief een titel"), and for a text that is too long, by how much.
fn field_message(
    i18n: leptos_i18n::I18nContext<Locale>,
    problem: Problem,
    when_empty: Option<Signal<String>>,
    typed: Option<String>,
) -> AnyView {
    match (problem, when_empty, typed) {
        (Problem::Required, Some(text), _) => text.get().into_any(),
        (Problem::TooLong { max }, _, Some(typed)) if shown_length(&typed) > max as usize => {
            let length = shown_length(&typed);
            let (length_text, over_text, max_text) =
                (count_text(length), count_text(length - max as usize), count_text(max as usize));
            t!(
                i18n,
                problem_too_long_by,
                length = move || length_text.clone(),
                over = move || over_text.clone(),
                max = move || max_text.clone()
            )
            .into_any()
        }
        (problem, _, _) => problem_text(i18n, problem),
    }
}

/// The length of a text as the person sees it (and as the server counts it): a line break is
/// one character, although browsers send it as two.
fn shown_length(text: &str) -> usize {
    text.replace("\r\n", "\n").chars().count()
}

/// A count as Dutch and English readers both read it at a glance: 5.000 (a point between
/// thousands is the Dutch way, and in English it is still read as a number).
fn count_text(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// The error summary above a form (as GOV.UK and the NL Design System do it): it takes focus
/// when the page comes back refused, so the person lands on it wherever the form is on the page,
/// and lists every problem as a link to its field. Other failures (too many attempts, a fault
/// with a reference code) show the same way, without a list.
#[component]
pub fn FormAlert(error: FormError) -> impl IntoView {
    let i18n = use_i18n();
    let fields = use_context::<FieldRegistry>().unwrap_or_default();
    move || {
        error.get().map(|e| {
            let (title, list) = match &e {
                AppError::Validation { errors, .. } => {
                    let items = errors
                        .iter()
                        .map(|fe| {
                            let entry = fields.find(&fe.field);
                            let typed = e.typed_value(&fe.field);
                            let own_words = fe.problem == Problem::Required
                                && entry.as_ref().is_some_and(|entry| entry.when_empty.is_some());
                            let text =
                                field_message(i18n, fe.problem, entry.as_ref().and_then(|e| e.when_empty), typed);
                            match entry {
                                Some(entry) if own_words => {
                                    view! { <li><a href=format!("#{}", entry.id)>{text}</a></li> }.into_any()
                                }
                                Some(entry) => view! {
                                    <li><a href=format!("#{}", entry.id)>{entry.label}": "{text}</a></li>
                                }
                                .into_any(),
                                None => view! { <li>{text}</li> }.into_any(),
                            }
                        })
                        .collect_view();
                    (t!(i18n, form_has_errors).into_any(), Some(view! { <ul class="error-summary__list">{items}</ul> }))
                }
                AppError::RateLimited { .. } => (t!(i18n, rate_limited).into_any(), None),
                AppError::Busy { .. } => (t!(i18n, busy).into_any(), None),
                AppError::Internal { correlation_id } => {
                    let code = correlation_id.clone();
                    (view! { {t!(i18n, error_body)} " " <code>{code}</code> }.into_any(), None)
                }
                _ => (t!(i18n, request_failed).into_any(), None),
            };
            view! {
                <div class="error-summary" tabindex="-1" autofocus>
                    <div role="alert">
                        <p class="error-summary__title">{title}</p>
                        {list}
                    </div>
                </div>
            }
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
    error: FormError,
    /// The name the server files this field's problem and typed text under.
    key: String,
    when_empty: Option<Signal<String>>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let problem = problem_of(error, &key);
    let Wiring { id, hint_id, error_id } = wiring;
    FieldRegistry::register(FieldEntry { key: key.clone(), id: id.clone(), label, when_empty });
    let message = move || {
        problem.get().map(|p| {
            let typed = error.get().and_then(|e| e.typed_value(&key));
            view! { <p class="field__error" id=error_id.clone()>{field_message(i18n, p, when_empty, typed)}</p> }
        })
    };
    view! {
        <div class="field" class:field--invalid=move || problem.get().is_some()>
            <label class="field__label" for=id>{label}</label>
            {hint.map(|hint| view! { <p class="field__hint" id=hint_id>{hint}</p> })}
            {message}
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
    /// What to say when the field is left empty, in the field's own words ("Vul je
    /// e-mailadres in"); without it the message is a general one.
    #[prop(optional, into)]
    when_empty: Option<Signal<String>>,
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
        <FieldFrame wiring label hint error key=name.clone() when_empty>
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
    #[prop(optional, into)] when_empty: Option<Signal<String>>,
    /// The most characters the server takes. Shown beside the field, and counted down while
    /// typing where the browser runs scripts (the front end's loader does this; see
    /// docs/front-end.md), so nobody finds out only after sending.
    #[prop(optional)]
    max_chars: Option<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = key.unwrap_or_else(|| name.clone());
    let wiring = Wiring::new(form, &key);
    let problem = problem_of(error, &key);
    let text = error.get_untracked().and_then(|e| e.typed_value(&key)).or_else(|| initial.clone()).unwrap_or_default();
    let count_id = format!("{}-tekens", wiring.id);
    let has_count = max_chars.is_some();
    let described_by = {
        let (base, count_id) = (wiring.described_by(hint.is_some(), move || problem.get()), count_id.clone());
        move || {
            let ids: Vec<String> = base().into_iter().chain(has_count.then(|| count_id.clone())).collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let id = wiring.id.clone();
    let count = max_chars.map(|max| {
        let max_text = count_text(max as usize);
        view! {
            <p class="field__hint char-count" id=count_id data-max-chars=max
                data-left=move || t_string!(i18n, char_count_left).to_string()
                data-over=move || t_string!(i18n, char_count_over).to_string()>
                {t!(i18n, char_count_max, max = move || max_text.clone())}
            </p>
            <p class="visually-hidden char-count__spoken" aria-live="polite"></p>
        }
    });
    view! {
        <FieldFrame wiring label hint error key when_empty>
            <textarea
                class="field__input field__input--text"
                id=id
                name=name
                rows=rows
                required=required
                aria-invalid=move || problem.get().map(|_| "true")
                aria-describedby=described_by
            >{textarea_text(text)}</textarea>
            {count}
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
    #[prop(optional, into)] when_empty: Option<Signal<String>>,
) -> impl IntoView {
    let wiring = Wiring::new(form, &name);
    let problem = problem_of(error, &name);
    let chosen = typed_or(error, &name, initial);
    let described_by = wiring.described_by(hint.is_some(), move || problem.get());
    let id = wiring.id.clone();
    view! {
        <FieldFrame wiring label hint error key=name.clone() when_empty>
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

/// One choice out of a few, as radio buttons in a fieldset. Nothing is chosen in advance unless
/// `initial` says so: a question the person must answer themselves (may this be public?) stays
/// unanswered until they answer it.
#[component]
pub fn RadioGroup(
    #[prop(into)] name: String,
    #[prop(into)] legend: Signal<String>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    error: FormError,
    options: Vec<(String, String)>,
    #[prop(optional, into)] initial: Option<String>,
    #[prop(optional)] form: &'static str,
    #[prop(optional, into)] when_empty: Option<Signal<String>>,
) -> impl IntoView {
    let wiring = Wiring::new(form, &name);
    let chosen = typed_or(error, &name, initial);
    let id = wiring.id.clone();
    view! {
        <GroupFrame wiring legend hint error key=name.clone() when_empty>
            <ul class="choice-list">
                {options.into_iter().enumerate().map(|(i, (value, text))| {
                    let radio_id = format!("{id}-{i}");
                    let checked = { let value = value.clone(); move || chosen.get() == value };
                    view! {
                        <li class="checkbox-list__item">
                            <input type="radio" id=radio_id.clone() name=name.clone() value=value checked=checked/>
                            <label for=radio_id>{text}</label>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </GroupFrame>
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
    let wiring = Wiring::new(form, &name);
    let chosen = {
        let name = name.clone();
        Signal::derive(move || match error.get().and_then(|e| e.typed_value(&name)) {
            Some(typed) => typed.split(',').map(str::to_owned).collect::<Vec<_>>(),
            None => initial.clone(),
        })
    };
    let id = wiring.id.clone();
    view! {
        <GroupFrame wiring legend hint error key=name.clone() when_empty=None>
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
        </GroupFrame>
    }
}

/// The value a one-choice control shows: what was sent before a refusal, else `initial`.
fn typed_or(error: FormError, name: &str, initial: Option<String>) -> Signal<String> {
    let name = name.to_owned();
    Signal::derive(move || {
        error.get().and_then(|e| e.typed_value(&name)).or_else(|| initial.clone()).unwrap_or_default()
    })
}

/// A group of boxes (radio buttons or checkboxes): fieldset, legend, hint and error around the
/// list. The summary links to the first box, where the group starts.
#[component]
fn GroupFrame(
    wiring: Wiring,
    legend: Signal<String>,
    hint: Option<Signal<String>>,
    error: FormError,
    key: String,
    when_empty: Option<Signal<String>>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let problem = problem_of(error, &key);
    let described_by = wiring.described_by(hint.is_some(), move || problem.get());
    let Wiring { id, hint_id, error_id } = wiring;
    FieldRegistry::register(FieldEntry { key, id: format!("{id}-0"), label: legend, when_empty });
    view! {
        <fieldset class="field field--group" class:field--invalid=move || problem.get().is_some()
            aria-describedby=described_by>
            <legend class="field__label">{legend}</legend>
            {hint.map(|hint| view! { <p class="field__hint" id=hint_id>{hint}</p> })}
            {move || problem.get().map(|p| view! { <p class="field__error" id=error_id.clone()>{field_message(i18n, p, when_empty, None)}</p> })}
            {children()}
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
