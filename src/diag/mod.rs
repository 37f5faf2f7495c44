//! One diagnostic type for every phase. A diagnostic is data: a [`Msg`]
//! (which fixes the code, severity and wording), a primary span, secondary
//! labels and notes. Wording lives only in [`messages`].

pub mod editor_text;
mod excerpt;
pub mod help_text;
mod messages;
mod render;
mod suggest;

pub use excerpt::{visible, visible_line};
pub use messages::{explain_code, CellExpected, Lang, Note, Shape, Word, ALL_CODES};
pub use render::{notes_and_help, render_json, render_text, SourceMap};
pub use suggest::did_you_mean;

pub use messages::{Msg, UnknownUse};

use crate::syntax::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub msg: Msg,
    pub span: Option<Span>,
    /// Secondary places, each with a short label.
    pub labels: Vec<(Span, Note)>,
    pub notes: Vec<Note>,
}

impl Diagnostic {
    pub fn new(msg: Msg) -> Self {
        Diagnostic {
            msg,
            span: None,
            labels: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Attach the primary location (the evaluator calls this on arithmetic errors).
    pub fn at(mut self, span: Span) -> Self {
        if self.span.is_none() {
            self.span = Some(span);
        }
        self
    }

    pub fn label(mut self, span: Span, note: Note) -> Self {
        self.labels.push((span, note));
        self
    }

    pub fn note(mut self, note: Note) -> Self {
        self.notes.push(note);
        self
    }

    pub fn code(&self) -> &'static str {
        self.msg.code()
    }

    pub fn severity(&self) -> Severity {
        if self.msg.code().starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }
}

/// A list of diagnostics with helpers; phases collect into one of these so
/// that every problem of a file is reported in one run.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Sort by file position so output reads top to bottom.
    pub fn sort(&mut self) {
        self.0.sort_by_key(|d| {
            d.span
                .map(|s| (s.file, s.start, s.end))
                .unwrap_or((u32::MAX, 0, 0))
        });
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}
pub use messages::DataNote;
pub use messages::{
    audit_summary, audit_within_tolerance, batch_stopped, batch_summary, blank_row_name,
    test_case_line, test_file_header, test_summary,
};
