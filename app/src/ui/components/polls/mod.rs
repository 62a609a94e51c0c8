//! Polls: the ballot form (every kind of question, usable by keyboard and without JavaScript)
//! and the results (a bar chart with the same numbers in a table).

pub mod ballot;
pub mod results;
