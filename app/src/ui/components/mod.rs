//! Components shared by several pages.

pub mod answering;
pub mod area_select;
pub mod bar_chart;
pub mod consultations;
pub mod content_lang;
pub mod dates;
pub mod desk;
pub mod form;
pub mod municipality_cards;
pub mod numbers;
pub mod pagination;
pub mod password_confirmation;
pub mod polls;
pub mod reports;
pub mod roles;
pub mod table_scroll;
pub mod trajectories;
