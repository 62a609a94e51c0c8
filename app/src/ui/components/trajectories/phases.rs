//! The phases of a trajectory as a timeline, the running one marked for eyes and screen readers.
//! The decision and the report the rules of play promise stand in the same timeline, on their
//! dates, so the planning and the rules can never tell residents two different stories.

use crate::i18n::*;
use crate::model::trajectories::PhaseView;
use crate::ui::components::dates::long_date;
use chrono::NaiveDate;
use leptos::prelude::*;

/// A dated promise from the rules of play, shown among the phases.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Milestone {
    Decision(NaiveDate),
    Report(NaiveDate),
}

impl Milestone {
    fn date(self) -> NaiveDate {
        match self {
            Milestone::Decision(d) | Milestone::Report(d) => d,
        }
    }
}

#[component]
pub fn PhaseTimeline(phases: Vec<PhaseView>, #[prop(optional)] milestones: Vec<Milestone>) -> impl IntoView {
    let i18n = use_i18n();
    // Phases in their order; each promise after the last phase that starts on or before its date.
    let mut entries: Vec<(NaiveDate, u8, AnyView)> = phases
        .into_iter()
        .map(|phase| {
            let current = phase.current;
            let (from, to) = (phase.starts_on, phase.ends_on);
            let view = view! {
                <li class="timeline__phase" class:timeline__phase--current=current
                    aria-current=current.then_some("step")>
                    <span class="timeline__name">{phase.name}</span>
                    {current.then(|| view! { <span class="badge badge--open">{t!(i18n, phase_now)}</span> })}
                    <span class="timeline__dates">
                        {move || long_date(i18n.get_locale(), from)} " – " {move || long_date(i18n.get_locale(), to)}
                    </span>
                </li>
            }
            .into_any();
            (from, 0, view)
        })
        .collect();
    entries.extend(milestones.into_iter().map(|milestone| {
        let day = milestone.date();
        let name = match milestone {
            Milestone::Decision(_) => t!(i18n, timeline_decision).into_any(),
            Milestone::Report(_) => t!(i18n, timeline_report).into_any(),
        };
        let view = view! {
            <li class="timeline__phase timeline__milestone">
                <span class="timeline__name">{name}</span>
                <span class="timeline__dates">{move || long_date(i18n.get_locale(), day)}</span>
            </li>
        }
        .into_any();
        (day, 1, view)
    }));
    entries.sort_by_key(|(day, kind, _)| (*day, *kind));
    view! { <ol class="timeline">{entries.into_iter().map(|(_, _, view)| view).collect_view()}</ol> }
}
