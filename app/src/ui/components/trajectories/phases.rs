//! The phases of a trajectory as a timeline, the running one marked for eyes and screen readers.

use crate::api::trajectories::PhaseView;
use crate::i18n::*;
use crate::ui::components::dates::long_date;
use leptos::prelude::*;

#[component]
pub fn PhaseTimeline(phases: Vec<PhaseView>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ol class="timeline">
            {phases.into_iter().map(|phase| {
                let current = phase.current;
                let (from, to) = (phase.starts_on, phase.ends_on);
                view! {
                    <li class="timeline__phase" class:timeline__phase--current=current
                        aria-current=current.then_some("step")>
                        <span class="timeline__name">{phase.name}</span>
                        {current.then(|| view! { <span class="badge badge--open">{t!(i18n, phase_now)}</span> })}
                        <span class="timeline__dates">
                            {move || long_date(i18n.get_locale(), from)} " – " {move || long_date(i18n.get_locale(), to)}
                        </span>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
