//! Answering every input of a trajectory and publishing the report on what was done with it.
//! Split by concept: gathering the inputs to answer (from `inputs` and the desk's cases), the
//! working copy of the answers, publishing a frozen version, and reading published versions.

pub mod answering;
pub mod answers;
pub mod council;
pub mod inputs;
mod leading;
pub mod notify;
pub mod publish;
mod publishing;
pub mod read;
mod report_page;
pub mod selection;

pub use leading::{leading, Leading};
pub use publishing::{publication_page, publish_report};
pub use report_page::{report_page, ReportAsked};
