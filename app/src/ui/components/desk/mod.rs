//! Components of the participation desk: its words, the form to bring an initiative in, and a
//! case with its deadlines, steps and messages as both the initiator and the desk read it.

pub mod case_record;
pub mod initiative_form;
pub mod labels;
pub mod norm_figures;
