//! The shell every page lives in: document, header with navigation, main landmark, footer.

pub mod front_end;
pub mod header;
pub mod shell;
