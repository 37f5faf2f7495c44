//! Rule-file text → AST. pest types never leave this module.

pub mod ast;
mod errors;
mod format;
mod hints;
mod lower;
pub mod print;
mod recover;
pub mod span;

pub use format::{comments, format, format_verified, Comment};
pub use lower::{parse, parse_appended, MAX_FILE_BYTES};
pub use span::{FileId, Span, Spanned};
