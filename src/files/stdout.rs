//! Standard output that remembers its first write error.
//!
//! `print!` panics when stdout cannot be written (`> /dev/full`, a full
//! disk); the front ends print with [`say!`](crate::say) and
//! [`sayln!`](crate::sayln) instead, and the command's last step asks
//! [`take_error`] whether everything it printed arrived.

use std::io::Write;
use std::sync::Mutex;

static FAILED: Mutex<Option<std::io::Error>> = Mutex::new(None);

/// Write to stdout; after the first failure, nothing more is tried.
pub fn write(args: std::fmt::Arguments) {
    let Ok(mut failed) = FAILED.lock() else {
        return;
    };
    if failed.is_some() {
        return;
    }
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(args) {
        *failed = Some(e);
    }
}

/// Write raw bytes to stdout, as [`write`] does.
pub fn write_bytes(bytes: &[u8]) {
    let Ok(mut failed) = FAILED.lock() else {
        return;
    };
    if failed.is_none() {
        if let Err(e) = std::io::stdout().lock().write_all(bytes) {
            *failed = Some(e);
        }
    }
}

/// Flush stdout and return the first error of this process's output, if any.
pub fn take_error() -> Option<std::io::Error> {
    let flushed = std::io::stdout().flush();
    let mut failed = FAILED.lock().ok()?;
    failed.take().or(flushed.err())
}

/// `print!` that never panics; see the module documentation.
#[macro_export]
macro_rules! say {
    ($($t:tt)*) => { $crate::files::stdout::write(format_args!($($t)*)) };
}

/// `println!` that never panics; see the module documentation.
#[macro_export]
macro_rules! sayln {
    () => { $crate::files::stdout::write(format_args!("\n")) };
    ($($t:tt)*) => {{
        $crate::files::stdout::write(format_args!($($t)*));
        $crate::files::stdout::write(format_args!("\n"));
    }};
}
