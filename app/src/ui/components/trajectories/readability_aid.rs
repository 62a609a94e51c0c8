//! Advice on how readable a staff text is for B1 readers. It never blocks saving.
//!
//! The server renders the advice for the text the field holds. In the browser an island follows
//! the field while someone types.

use crate::domain::readability::{analyse, Verdict};
use crate::i18n::*;
use crate::ui::components::form::field_id;
use leptos::prelude::*;

/// The advice for the text of the field named `field`, judged as it is now and, with JavaScript,
/// again as it is typed.
#[component]
pub fn ReadabilityAid(#[prop(into)] field: String, text: String) -> impl IntoView {
    let locale = use_i18n().get_locale_untracked();
    view! { <FollowingReadabilityAid field=field_id("", &field) text locale/> }
}

/// The island: the advice for `text`, redone on every `input` event of the element `field`. It
/// takes the language as a prop, because the server's i18n context does not reach an island.
#[island]
fn FollowingReadabilityAid(field: String, text: String, locale: Locale) -> impl IntoView {
    let text = RwSignal::new(text);
    // Input events bubble, so one listener on the window hears the field without a handle on it.
    let listener = window_event_listener(leptos::ev::input, move |ev| {
        if event_target::<leptos::web_sys::Element>(&ev).id() == field {
            text.set(event_target_value(&ev));
        }
    });
    on_cleanup(move || listener.remove());
    move || {
        let text = text.get();
        analyse(&text).map(|r| {
            let score = format!("{:.0}", r.score);
            let below = format!("{:.0}", r.points_below_b1);
            let verdict = match r.verdict {
                Verdict::Easy => td!(locale, readability_easy).into_any(),
                Verdict::Plain => td!(locale, readability_plain).into_any(),
                Verdict::Hard => td!(locale, readability_hard, points = move || below.clone()).into_any(),
            };
            let long: Vec<String> =
                r.long_sentences.iter().filter_map(|s| text.get(s.start..s.end)).map(str::to_owned).collect();
            let count = long.len();
            view! {
                <div class="readability" class:readability--hard=r.verdict == Verdict::Hard>
                    <p class="readability__score">
                        {td!(locale, readability_score, score = move || score.clone())} " " {verdict}
                    </p>
                    {(count > 0).then(|| view! {
                        <p>{td!(locale, readability_long_sentences, count = move || count)}</p>
                        <ul class="readability__sentences">
                            {long.into_iter().map(|s| view! { <li><mark>{s}</mark></li> }).collect_view()}
                        </ul>
                    })}
                </div>
            }
        })
    }
}
