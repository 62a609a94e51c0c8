//! The user interface: the page shell, reusable components per concept, and one module per page.

pub mod components;
pub mod layout;
#[cfg(test)]
mod one_voice;
pub mod pages;
pub mod raw_text;
