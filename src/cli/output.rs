//! Where a command writes its result: `-o PATH` or standard output.
//!
//! Every command with `-o` goes through [`Output`] (streams) or [`write`]
//! (a whole document such as HTML or xlsx), which guarantee:
//!
//! - **An input is never overwritten.** If `PATH` is, by name, symlink or
//!   hard link, a file this process has read through `crate::files` (rules,
//!   facts, reported, case, data files), the command stops with E504 before
//!   anything is written, and checks once more before the final rename.
//! - **All or nothing.** Bytes go to a new temporary file beside the target
//!   (`.NAME.PID.N.tmp`, created exclusively, never through a link); on
//!   [`Output::finish`] it is synced and renamed over the target, which is
//!   atomic: a killed run, a full disk or a crash leaves the old file or
//!   none, and two runs on one `-o` never interleave. Dropping an unfinished
//!   `Output` removes the temporary file.
//! - **SIGINT/SIGTERM stop cleanly.** While an `Output` exists, the first
//!   signal only raises a flag; the next write fails with [`stopped`] true,
//!   the command says so and exits 1, and the drop removes the temporary
//!   file. A second signal ends the process at once.
//! - **Write errors say write** (E503 "无法写入 PATH：磁盘空间已满"), in the
//!   chosen language, naming the output, not an input.
//!
//! A target that exists but is not a regular file (`/dev/null`, a FIFO,
//! `/dev/stdout`) is written directly: there is nothing to replace.
//!
//! ```ignore
//! let mut out = output::Output::open(args.out)?;   // Option<&str>: None = stdout
//! out.write_all(b"...").map_err(|e| out.error(e))?;
//! out.finish()?;                                    // the rename happens here
//! // or, for one document:
//! output::write(args.out, &bytes)?;
//! ```

use crate::diag::{Diagnostic, Msg};
use crate::files::{self, Identity};
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

pub struct Output {
    path: Option<String>,
    sink: Sink,
    failed: bool,
}

enum Sink {
    Stdout(io::BufWriter<io::Stdout>),
    /// A device or FIFO named by `-o`: written in place.
    Direct(File),
    /// A temporary file renamed over `target` on success.
    Temp {
        file: io::BufWriter<File>,
        temp: PathBuf,
        target: PathBuf,
        done: bool,
    },
}

/// Open the output: `None` is standard output.
pub fn open(path: Option<&str>) -> Result<Output, Diagnostic> {
    Output::open(path)
}

/// Write a whole document to `path` (or stdout) with the same guarantees.
pub fn write(path: Option<&str>, bytes: &[u8]) -> Result<(), Diagnostic> {
    let mut out = Output::open(path)?;
    out.write_all(bytes).map_err(|e| out.error(e))?;
    out.finish()
}

impl Output {
    pub fn open(path: Option<&str>) -> Result<Output, Diagnostic> {
        signals::install();
        let Some(p) = path else {
            return Ok(Output {
                path: None,
                sink: Sink::Stdout(io::BufWriter::with_capacity(1 << 16, io::stdout())),
                failed: false,
            });
        };
        let target = resolve(Path::new(p));
        refuse_inputs(p, &target)?;
        let cannot = |e: io::Error| cannot_write(Some(p), &e);
        match std::fs::metadata(&target) {
            Ok(m) if m.is_dir() => {
                return Err(cannot(io::Error::new(
                    io::ErrorKind::IsADirectory,
                    "Is a directory",
                )))
            }
            Ok(m) if !m.is_file() => {
                let f = std::fs::OpenOptions::new()
                    .write(true)
                    .open(&target)
                    .map_err(cannot)?;
                return Ok(Output {
                    path: Some(p.into()),
                    sink: Sink::Direct(f),
                    failed: false,
                });
            }
            _ => {}
        }
        let (file, temp) = create_temp(&target).map_err(cannot)?;
        // Keep the permissions of the file being replaced.
        if let Ok(m) = std::fs::metadata(&target) {
            let _ = file.set_permissions(m.permissions());
        }
        Ok(Output {
            path: Some(p.into()),
            sink: Sink::Temp {
                file: io::BufWriter::with_capacity(1 << 16, file),
                temp,
                target,
                done: false,
            },
            failed: false,
        })
    }

    /// The diagnostic for a write error on this output (E503). After
    /// SIGINT/SIGTERM every write fails: check [`stopped`] first to say so.
    pub fn error(&self, e: io::Error) -> Diagnostic {
        cannot_write(self.path.as_deref(), &e)
    }

    /// Whether a write or flush on this output has failed: tells a write
    /// error from a read error when both come back as `io::Error`.
    pub fn failed(&self) -> bool {
        self.failed
    }

    /// Flush, sync and rename into place. Only now does the target change.
    pub fn finish(mut self) -> Result<(), Diagnostic> {
        self.flush().map_err(|e| self.error(e))?;
        let path = self.path.clone();
        if let Sink::Temp {
            file,
            temp,
            target,
            done,
        } = &mut self.sink
        {
            let p = path.as_deref().unwrap_or("");
            file.get_ref()
                .sync_all()
                .map_err(|e| cannot_write(Some(p), &e))?;
            // An input read after `open` (a case file's rules…) is still protected.
            refuse_inputs(p, target)?;
            if stopped() {
                return Err(cannot_write(Some(p), &stop_error()));
            }
            std::fs::rename(&*temp, &*target).map_err(|e| cannot_write(Some(p), &e))?;
            *done = true;
        }
        Ok(())
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if stopped() {
            self.failed = true;
            return Err(stop_error());
        }
        let r = match &mut self.sink {
            Sink::Stdout(f) => f.write(buf),
            Sink::Direct(f) => f.write(buf),
            Sink::Temp { file, .. } => file.write(buf),
        };
        self.failed |= r.is_err();
        r
    }

    fn flush(&mut self) -> io::Result<()> {
        let r = match &mut self.sink {
            Sink::Stdout(f) => f.flush(),
            Sink::Direct(f) => f.flush(),
            Sink::Temp { file, .. } => file.flush(),
        };
        self.failed |= r.is_err();
        r
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if let Sink::Temp { temp, done, .. } = &self.sink {
            if !*done {
                let _ = std::fs::remove_file(temp);
            }
        }
    }
}

/// Whether SIGINT or SIGTERM arrived while an output was open.
pub fn stopped() -> bool {
    signals::STOP.load(Ordering::SeqCst)
}

fn stop_error() -> io::Error {
    // Not ErrorKind::Interrupted: write_all would retry that.
    io::Error::other("stopped by a signal")
}

/// Follow a symlink at the target so that the link's target is replaced,
/// as shell redirection would write it, not the link itself.
/// Refuse an `-o` that names an input, for outputs built whole in memory
/// before [`write`] (a workbook): say so before the work, not after.
pub fn check_target(path: Option<&str>) -> Result<(), Diagnostic> {
    match path {
        Some(p) => refuse_inputs(p, &resolve(Path::new(p))),
        None => Ok(()),
    }
}

fn resolve(p: &Path) -> PathBuf {
    match std::fs::symlink_metadata(p) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(p).unwrap_or(p.into()),
        _ => p.into(),
    }
}

fn refuse_inputs(shown: &str, target: &Path) -> Result<(), Diagnostic> {
    let Some(out) = files::identity(target) else {
        return Ok(());
    };
    let clash = files::inputs()
        .into_iter()
        .find(|i: &Identity| i.same(&out));
    match clash {
        Some(input) => Err(Diagnostic::new(Msg::OutputIsInput {
            path: shown.into(),
            input: input.shown,
        })),
        None => Ok(()),
    }
}

fn create_temp(target: &Path) -> io::Result<(File, PathBuf)> {
    static N: AtomicU32 = AtomicU32::new(0);
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    loop {
        let n = N.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
        {
            Ok(f) => return Ok((f, temp)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// E503 for `path` (`None`: standard output).
pub fn cannot_write(path: Option<&str>, e: &io::Error) -> Diagnostic {
    Diagnostic::new(Msg::CannotWrite {
        path: path.map(str::to_string),
        reason: e.to_string(),
    })
}

mod signals {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Once;

    pub static STOP: AtomicBool = AtomicBool::new(false);

    #[cfg(unix)]
    extern "C" fn on_signal(sig: libc::c_int) {
        STOP.store(true, Ordering::SeqCst);
        // SAFETY: signal() is async-signal-safe; a second signal now ends
        // the process the default way.
        unsafe {
            libc::signal(sig, libc::SIG_DFL);
        }
    }

    pub fn install() {
        static ONCE: Once = Once::new();
        ONCE.call_once(|| {
            #[cfg(unix)]
            // SAFETY: the handler only stores to an atomic and resets itself.
            unsafe {
                let h = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
                libc::signal(libc::SIGINT, h);
                libc::signal(libc::SIGTERM, h);
            }
        });
    }
}
