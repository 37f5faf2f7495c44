//! Rule-file text → AST. pest types never leave this module.

pub mod ast;
pub mod print;
mod errors;
mod lower;
mod recover;
pub mod span;

pub use lower::parse;
pub use span::{FileId, Span, Spanned};
