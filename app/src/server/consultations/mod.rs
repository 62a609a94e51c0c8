//! Database access for consultations (an activity with sections), their comments and replies
//! (rows of the shared `inputs` table), supports and reports. Every lookup goes through the
//! municipality, so a consultation of another municipality is simply not found.

mod comment_rows;
mod discussion;
mod editing;
mod meetings;
mod offline_input;
mod own_comments;
mod post_comment;
mod reading;
mod records;
mod view;
mod views;

pub use comment_rows::*;
pub use discussion::*;
pub use editing::{create_consultation, remove_attachment, update_consultation};
pub use meetings::*;
pub use offline_input::{check_may_enter, enter_offline_input};
pub use own_comments::{edit_comment, report_comment, support_comment, withdraw_comment};
pub use post_comment::{post_comment, Posted};
pub use reading::*;
pub use records::*;
pub use view::{consultation_view, DiscussionAsked};
pub use views::comment_view;
