//! The views of stored comments, as the consultation page and the open data show them.

use super::ListedComment;
use crate::domain::consultations::{Channel, InputStatus};
use crate::model::consultations::{Author, CommentView};

/// A comment with its replies as `reader` sees it: the text of a hidden comment is left out, and
/// the reader's own comments are marked.
pub fn comment_view(listed: ListedComment, reader: Option<i32>, sections: &[(i32, String)]) -> CommentView {
    let input = listed.input;
    let status = InputStatus::parse(&input.status).unwrap_or(InputStatus::Hidden);
    let channel = Channel::parse(&input.channel).unwrap_or(Channel::Online);
    let author = match (channel, listed.author_name, input.on_behalf_name) {
        (Channel::Online, Some(name), _) => Author::Person(name),
        (Channel::Online, None, _) => Author::Removed,
        (_, _, Some(name)) => Author::Named(name),
        (_, _, None) => Author::Anonymous,
    };
    let readable = matches!(status, InputStatus::Visible | InputStatus::Pending);
    CommentView {
        id: input.id,
        author,
        area: listed.area_name,
        created_at: input.created_at,
        posted_local: crate::server::clock::local_time(input.created_at),
        edited: input.edited_at.is_some(),
        channel,
        received_on: input.received_on,
        meeting: listed.meeting_title,
        official: input.official,
        status,
        body: readable.then_some(input.body),
        hidden_reason: (status == InputStatus::Hidden).then_some(input.moderation_reason).flatten(),
        section: input.section_id.and_then(|id| sections.iter().find(|(s, _)| *s == id).map(|(_, t)| t.clone())),
        supports: listed.supports,
        supported: listed.supported_by_reader,
        own: reader.is_some() && input.author_id == reader,
        replies: listed.replies.into_iter().map(|r| comment_view(r, reader, sections)).collect(),
    }
}
