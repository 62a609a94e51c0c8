//! Polls: the kinds of questions, checking a ballot against them, when a poll takes ballots and
//! shows results, the editor's checks, and counting results with small groups kept out of
//! breakdowns. Pure: the server stores ballots inside the transaction that checks eligibility;
//! this decides what a valid ballot is.

mod ballot;
mod counting;
mod editor;
mod schedule;

pub use ballot::*;
pub use counting::*;
pub use editor::*;
pub use schedule::*;
