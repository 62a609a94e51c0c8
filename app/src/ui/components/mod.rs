//! Components shared by several pages.

pub mod form;
pub mod roles;
