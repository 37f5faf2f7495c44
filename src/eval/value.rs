//! Kept so that `crate::eval::value::Value` paths keep compiling; the value
//! types live in [`crate::num`], below both the checker and the evaluator.

pub use crate::num::value::*;
