//! Building blocks for trajectories: labels for stages, levels and themes, the rules-of-play
//! card, the phase timeline and the card in the desk's list.

pub mod card;
pub mod editor_fields;
pub mod follow_button;
pub mod labels;
pub mod managed_list;
pub mod phases;
pub mod readability_aid;
pub mod rules_card;
pub mod take_part;
