//! The one way the front ends (`cli`, the REPL) read files and print to
//! standard output.
//!
//! - Reading is bounded while it happens ([`read_text`], [`RULES_LIMIT`],
//!   [`DATA_LIMIT`]): `/dev/zero` or a 10 GB file is a coded error (E505),
//!   never an abort or memory exhaustion.
//! - Every file read or opened here is remembered ([`inputs`]), so that an
//!   output (`-o`, see `cli::output`) can refuse to overwrite an input, by
//!   path, symlink or hard link (device + inode), whichever command it is.
//! - [`say!`](crate::say)/[`sayln!`](crate::sayln) print like `print!`, but
//!   remember a write error instead of panicking, so `jixiao … > /dev/full`
//!   ends with "无法写入标准输出" (E503), not a panic.

pub mod stdout;

use crate::diag::{Diagnostic, Msg};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Rule files: the parser's own limit, applied while reading.
pub const RULES_LIMIT: u64 = crate::syntax::MAX_FILE_BYTES as u64;
/// Facts, reported, case and data files read whole.
pub const DATA_LIMIT: u64 = 64 << 20;

/// What identifies a file whatever name reaches it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    /// The name as given (for messages).
    pub shown: String,
    /// The canonical path, when it could be resolved.
    pub canonical: Option<PathBuf>,
    /// Device and inode (Unix): hard links and bind mounts share these.
    pub dev_ino: Option<(u64, u64)>,
}

impl Identity {
    fn of(shown: &str, meta: Option<&std::fs::Metadata>) -> Identity {
        Identity {
            shown: shown.to_string(),
            canonical: std::fs::canonicalize(shown).ok(),
            dev_ino: meta.and_then(dev_ino),
        }
    }

    /// Whether two identities name the same file.
    pub fn same(&self, other: &Identity) -> bool {
        match (self.dev_ino, other.dev_ino) {
            (Some(a), Some(b)) => a == b,
            _ => self.canonical.is_some() && self.canonical == other.canonical,
        }
    }
}

#[cfg(unix)]
fn dev_ino(m: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn dev_ino(_: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

static INPUTS: Mutex<Vec<Identity>> = Mutex::new(Vec::new());

/// Remember that this process reads `path` (already opened as `file`).
fn remember(path: &str, file: &File) {
    let id = Identity::of(path, file.metadata().ok().as_ref());
    if let Ok(mut all) = INPUTS.lock() {
        if !all.iter().any(|i| i.same(&id)) {
            all.push(id);
        }
    }
}

/// Every file read so far through this module.
pub fn inputs() -> Vec<Identity> {
    INPUTS.lock().map(|v| v.clone()).unwrap_or_default()
}

/// The identity of `path` as it is now (following symlinks), if it exists.
pub fn identity(path: &Path) -> Option<Identity> {
    let meta = std::fs::metadata(path).ok()?;
    Some(Identity::of(&path.display().to_string(), Some(&meta)))
}

/// Open a file to stream it (batch data), remembered as an input.
pub fn open(path: &str) -> Result<File, Diagnostic> {
    let f = File::open(path).map_err(|e| cannot_read(path, &e))?;
    remember(path, &f);
    Ok(f)
}

pub fn cannot_read(path: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::new(Msg::CannotRead {
        path: path.into(),
        reason: e.to_string(),
    })
}

/// Read a whole UTF-8 file, at most `limit` bytes: past the limit reading
/// stops and the answer is E505 (the file's size, or `/dev/zero`'s endless
/// stream, never decides how much memory is used).
pub fn read_text(path: &str, limit: u64) -> Result<String, Diagnostic> {
    let bytes = read_bytes(path, limit)?;
    String::from_utf8(bytes).map_err(|_| Diagnostic::new(Msg::NotUtf8 { path: path.into() }))
}

/// As [`read_text`], for files that are not UTF-8 text (workbooks, GBK CSV).
pub fn read_bytes(path: &str, limit: u64) -> Result<Vec<u8>, Diagnostic> {
    let f = open(path)?;
    let too_large = || {
        Diagnostic::new(Msg::InputTooLarge {
            path: path.into(),
            limit,
        })
    };
    // A regular file's size is known: refuse before reading a byte.
    let meta = f.metadata().map_err(|e| cannot_read(path, &e))?;
    if meta.is_dir() {
        // Reading a directory fails with an OS error that reads oddly; say it.
        return Err(cannot_read(
            path,
            &std::io::Error::new(std::io::ErrorKind::IsADirectory, "Is a directory"),
        ));
    }
    if meta.is_file() && meta.len() > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(if meta.is_file() {
        meta.len() as usize
    } else {
        0
    });
    f.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot_read(path, &e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endless_input_stops_at_the_limit() {
        let d = read_text("/dev/zero", 1000).unwrap_err();
        assert_eq!(d.code(), "E505");
    }

    #[test]
    fn a_hard_link_is_the_same_file() {
        let dir = std::env::temp_dir().join(format!("jixiao-files-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let a = dir.join("a.txt");
        let b = dir.join("b.txt");
        std::fs::write(&a, "x").unwrap();
        let _ = std::fs::remove_file(&b);
        std::fs::hard_link(&a, &b).unwrap();
        assert!(identity(&a).unwrap().same(&identity(&b).unwrap()));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
