//! Rule-file text → AST. pest types never leave this module.

pub mod ast;
mod errors;
mod format;
mod hints;
mod lower;
mod names;
pub mod print;
mod recover;
pub mod span;

pub use format::{comments, format, format_verified, Comment};
pub use hints::usual_spelling;
pub use lower::{is_plain_name, parse, parse_appended, MAX_FILE_BYTES};
pub use span::{FileId, Span, Spanned};
