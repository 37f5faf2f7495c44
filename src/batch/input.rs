//! The bounds on batch input: no record or line may grow past [`LIMIT`]
//! (it becomes an error record and the run goes on), and endless input
//! without line breaks (`/dev/zero`) is an error rather than an allocation
//! failure. JSON Lines are read here; CSV records in `records`.

use std::io::{self, BufRead};

/// The longest record or line read, in bytes.
pub const LIMIT: u64 = 1 << 20;
/// Bytes skipped after an over-long record while looking for the next line
/// break; past this the input is taken to be endless.
pub(super) const SKIP_CAP: u64 = 64 << 20;

/// What an endless input is reported as (an `io::Error` from the reader).
pub fn endless() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, Endless)
}

/// The marker inside [`endless`]'s error, so the caller can word it.
#[derive(Debug)]
pub struct Endless;

impl std::fmt::Display for Endless {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no line break in {} MiB", SKIP_CAP >> 20)
    }
}

impl std::error::Error for Endless {}

/// One JSON Lines line, read with the same bounds.
pub enum Line {
    Text(String),
    NotUtf8,
    TooLong,
}

/// The next line (without its break) and the bytes it took; `None` at the end.
pub fn next_line<R: BufRead>(input: &mut R) -> io::Result<Option<(Line, u64)>> {
    let mut bytes = Vec::new();
    let (mut used, mut cut) = (0u64, false);
    loop {
        let avail = input.fill_buf()?;
        if avail.is_empty() {
            if used == 0 {
                return Ok(None);
            }
            break;
        }
        let (take, end) = match avail.iter().position(|&c| c == b'\n') {
            Some(i) => (i + 1, true),
            None => (avail.len(), false),
        };
        if !cut {
            let room = (LIMIT as usize).saturating_sub(bytes.len());
            if take > room {
                cut = true;
                bytes = Vec::new();
            } else {
                bytes.extend_from_slice(&avail[..take]);
            }
        }
        input.consume(take);
        used += take as u64;
        if end {
            break;
        }
        if cut && used > LIMIT + SKIP_CAP {
            return Err(endless());
        }
    }
    if cut {
        return Ok(Some((Line::TooLong, used)));
    }
    Ok(Some(match String::from_utf8(bytes) {
        Ok(s) => (Line::Text(s), used),
        Err(_) => (Line::NotUtf8, used),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_bounded() {
        let mut long = vec![b'x'; LIMIT as usize + 10];
        long.extend_from_slice(b"\n{}\n\xff\n");
        let mut r: &[u8] = &long;
        assert!(matches!(
            next_line(&mut r).unwrap(),
            Some((Line::TooLong, _))
        ));
        assert!(matches!(next_line(&mut r).unwrap(), Some((Line::Text(t), 3)) if t == "{}\n"));
        assert!(matches!(
            next_line(&mut r).unwrap(),
            Some((Line::NotUtf8, 2))
        ));
        assert!(next_line(&mut r).unwrap().is_none());
    }
}
