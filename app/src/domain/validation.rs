//! The shared vocabulary of input problems. A problem is a typed value, not a sentence: the UI
//! turns it into plain Dutch or English through the translation layer, next to its field.

use serde::{Deserialize, Serialize};

/// Why a value typed into a form was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooLong {
        max: u32,
    },
    EmailInvalid,
    EmailTaken,
    DisplayNameInvalid,
    PasswordTooShort {
        min: u32,
    },
    PasswordTooLong {
        max: u32,
    },
    PasswordTooCommon,
    PasswordIncorrect,
    BirthDateInvalid,
    UnknownArea,
    SlugInvalid,
    SlugReserved,
    SlugTaken,
    ColourInvalid,
    ColourContrastTooLow {
        ratio_hundredths: u32,
    },
    CredentialsInvalid,
    /// A link from an e-mail (confirm, reset) that is used, replaced or expired.
    TokenInvalid,
    /// A form whose signed submission token expired (open longer than a day) or was not ours.
    FormExpired,
    UnknownAccount,
    DateInvalid,
    EndsBeforeStart,
    ReportBeforeDecision,
    DecisionBeforeStart,
    TooMany {
        max: u32,
    },
    NumberInvalid {
        max: u32,
    },
    ChoiceInvalid,
    AgeBandReversed,
    /// A phase with an activity (a consultation, a poll) in it cannot be removed.
    PhaseHasActivity,
    /// Residents already reacted on this section of the plan, so it cannot be removed.
    SectionHasComments,
    /// Commenting has closed (or not yet opened).
    ConsultationClosed,
    /// A day that has not come yet.
    DateInFuture,
    /// Input received before the consultation opened or after it closed.
    ReceivedOutsideWindow,
    /// A file larger than allowed.
    FileTooLarge {
        max_mb: u32,
    },
    /// A file that is not a PDF, PNG or JPEG by its content.
    FileTypeRefused,
    /// A ranking must put every option in order, each once.
    RankingIncomplete,
    /// A clock time that does not exist in the Netherlands (the hour skipped in spring).
    TimeDoesNotExist,
    /// A question to choose from needs at least this many options.
    TooFewOptions {
        min: u32,
    },
    /// The same option appears twice in one question.
    OptionTwice,
    /// Voting has not opened yet, or has closed.
    PollNotOpen,
    /// This person already voted, and the poll does not allow changing a ballot.
    AlreadyVoted,
    /// A secret ballot cannot be changed afterwards: nothing links it to the voter.
    SecretCannotChange,
    /// The invitation code is unknown, already used or expired.
    InvitationInvalid,
    /// The person is already a member of the panel.
    AlreadyInPanel,
    /// The municipality already has one by this name.
    NameTaken,
    /// Joining needs a birth date (the panel has an age band).
    BirthDateNeeded,
    /// The person's age is outside the panel's age band.
    OutsidePanelAges {
        min: u32,
        max: u32,
    },
    /// The panel's term has not started or is over.
    PanelNotRunning,
    /// Votes were counted: the poll stays as it was voted on.
    PollHasVotes,
    /// The municipality has no panel by this name.
    UnknownPanel,
    /// Someone entered for another person needs an e-mail address or a phone number.
    ContactNeeded,
    /// The answer norm cannot be shorter than the acknowledgement norm.
    AnswerBeforeAcknowledgement,
    /// A case cannot take this step from where it stands now.
    StepNotAllowed,
    /// Bringing in ideas in this activity has not opened yet, or has closed.
    IdeasClosed,
    /// "Outside the scope" must point at a fixed item of the rules of play.
    FixedItemNeeded,
    /// "Outside the scope" is not possible: the rules of play fix nothing.
    NoFixedItems,
    /// "Forwarded" must say to which department or trajectory.
    ForwardedWhere,
    /// Not a web address (https://...).
    UrlInvalid,
    /// No input was chosen to answer.
    NothingChosen,
    /// The report waits until participation has ended.
    ParticipationStillOpen,
    /// Inputs still wait for a moderator.
    AwaitingModeration {
        count: u32,
    },
    /// Inputs without an answer yet.
    InputsUnanswered {
        count: u32,
    },
}

/// A problem tied to the form field it belongs to (the field's `name`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: &str, problem: Problem) -> Self {
        Self { field: field.to_owned(), problem }
    }
}

/// Collects field errors so a form reports every problem at once instead of one per try.
#[derive(Debug, Default)]
pub struct Checks {
    errors: Vec<FieldError>,
}

impl Checks {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records the problem of a failed check and hands back the value of a passed one.
    pub fn field<T>(&mut self, field: &str, result: Result<T, Problem>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(problem) => {
                self.errors.push(FieldError::new(field, problem));
                None
            }
        }
    }

    pub fn add(&mut self, field: &str, problem: Problem) {
        self.errors.push(FieldError::new(field, problem));
    }

    pub fn into_errors(self) -> Vec<FieldError> {
        self.errors
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }
}
