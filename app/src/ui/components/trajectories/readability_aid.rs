//! Advice on how readable a staff text is for B1 readers. It never blocks saving.

use crate::domain::readability::{analyse, Verdict};
use crate::i18n::*;
use leptos::prelude::*;

/// Shows the Flesch-Douma score of `text`, how far it is from B1, and its long sentences. With
/// JavaScript it follows the text as it is typed; without, it judges the saved text.
#[component]
pub fn ReadabilityAid(#[prop(into)] text: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let text = text.get();
        analyse(&text).map(|r| {
            let score = format!("{:.0}", r.score);
            let below = format!("{:.0}", r.points_below_b1);
            let verdict = match r.verdict {
                Verdict::Easy => t!(i18n, readability_easy).into_any(),
                Verdict::Plain => t!(i18n, readability_plain).into_any(),
                Verdict::Hard => t!(i18n, readability_hard, points = move || below.clone()).into_any(),
            };
            let long: Vec<String> =
                r.long_sentences.iter().filter_map(|s| text.get(s.start..s.end)).map(str::to_owned).collect();
            let count = long.len();
            view! {
                <div class="readability" class:readability--hard=r.verdict == Verdict::Hard>
                    <p class="readability__score">
                        {t!(i18n, readability_score, score = move || score.clone())} " " {verdict}
                    </p>
                    {(count > 0).then(|| view! {
                        <p>{t!(i18n, readability_long_sentences, count = move || count)}</p>
                        <ul class="readability__sentences">
                            {long.into_iter().map(|s| view! { <li><mark>{s}</mark></li> }).collect_view()}
                        </ul>
                    })}
                </div>
            }
        })
    }
}
