//! Rule-file text → AST. pest types never leave this module.

pub mod ast;
mod errors;
mod format;
mod hints;
#[cfg(test)]
mod layering;
mod lower;
mod names;
mod parser;
pub mod print;
mod recover;
pub mod span;

pub use format::{comments, format, format_verified, Comment};
pub use hints::usual_spelling;
pub use lower::{parse, parse_appended, parse_delta};
pub use parser::{is_plain_name, MAX_FILE_BYTES};
pub use span::{FileId, Span, Spanned};
