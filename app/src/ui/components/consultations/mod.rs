//! Building blocks for consultations: the words for channels and reasons, one comment with its
//! actions and replies, the comment form, and the controls of the discussion.

pub mod comment;
pub mod comment_form;
pub mod discussion_controls;
pub mod labels;
