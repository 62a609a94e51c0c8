//! Components shared by several pages.

pub mod form;
pub mod municipality_cards;
pub mod roles;
