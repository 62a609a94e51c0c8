//! Components of the participation desk: its words, the form to bring an initiative in, and a
//! case with its deadlines, steps and messages as both the initiator and the desk read it, and
//! what the initiator needs to do next.

pub mod case_record;
pub mod initiative_form;
pub mod labels;
pub mod next_step;
pub mod norm_figures;
