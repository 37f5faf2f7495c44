//! The records reader against the csv crate, which it must read alike:
//! the same fields, and each record's file line counted from where the
//! csv crate says it starts.

use super::*;
use proptest::prelude::*;
use std::io::Read;

type Rows = Vec<(u64, Vec<Vec<u8>>)>;

/// What the csv crate reads, every record with its file line.
fn oracle(text: &[u8]) -> Rows {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text);
    let mut rec = csv::ByteRecord::new();
    let mut out = Vec::new();
    while rdr.read_byte_record(&mut rec).unwrap() {
        // Its start may be a line break it passed (no record begins with
        // one), or the BOM at the start of the file.
        let mut at = rec.position().unwrap().byte() as usize;
        if at == 0 && text.starts_with(BOM) {
            at = 3;
        }
        while text[at] == b'\n' || text[at] == b'\r' {
            at += 1;
        }
        out.push((line_at(text, at), rec.iter().map(<[u8]>::to_vec).collect()));
    }
    out
}

/// The file line of byte `at`: 1 + the breaks before it, CRLF once.
fn line_at(text: &[u8], at: usize) -> u64 {
    let mut line = 1;
    for (i, &c) in text[..at].iter().enumerate() {
        if c == b'\r' || (c == b'\n' && (i == 0 || text[i - 1] != b'\r')) {
            line += 1;
        }
    }
    line
}

/// The fields of a record in a chunk's buffer.
fn fields(flat: &Flat, start: usize, range: std::ops::Range<usize>) -> Vec<Vec<u8>> {
    let (bytes, ends) = flat.record(start, &range);
    Flat::spans(start, ends)
        .map(|f| bytes[f].to_vec())
        .collect()
}

/// What `Records` reads through a buffer of `cap` bytes; `None` for a
/// record too long.
fn mine(text: &[u8], cap: usize) -> Vec<(u64, Option<Vec<Vec<u8>>>)> {
    let mut r = Records::new(std::io::BufReader::with_capacity(cap, text)).unwrap();
    let mut flat = Flat::default();
    let mut out = Vec::new();
    let mut last_end = 0;
    while let Some(rec) = r.next(&mut flat).unwrap() {
        assert!(rec.end > last_end && rec.end <= text.len() as u64);
        last_end = rec.end;
        out.push((rec.line, rec.fields.map(|(s, f)| fields(&flat, s, f))));
    }
    out
}

fn read_alike(text: &[u8]) {
    let want: Vec<_> = oracle(text)
        .into_iter()
        .map(|(l, f)| (l, Some(f)))
        .collect();
    for cap in [text.len().max(1), 1, 2, 3, 7] {
        assert_eq!(
            mine(text, cap),
            want,
            "{:?} through {cap} bytes",
            String::from_utf8_lossy(text)
        );
    }
}

#[test]
fn rows_are_numbered_by_file_line_for_every_line_ending() {
    let lines = |t: &[u8]| {
        read_alike(t);
        mine(t, t.len())
            .into_iter()
            .map(|r| r.0)
            .collect::<Vec<_>>()
    };
    assert_eq!(lines(b"h,x\nA,1\nB,2\n"), [1, 2, 3]);
    assert_eq!(lines(b"h,x\r\nA,1\r\nB,2\r\n"), [1, 2, 3]);
    assert_eq!(lines(b"h,x\rA,1\rB,2\r"), [1, 2, 3]);
    assert_eq!(lines(b"h,x\n\nA,\"1\n2\"\nB,2\n"), [1, 3, 5]);
    assert_eq!(lines(b"h,x\r\n\r\nA,\"1\r\n2\"\r\nB,2"), [1, 3, 5]);
    assert_eq!(lines(b"h,x\r\rA,1\rB,2"), [1, 3, 4]);
}

#[test]
fn quotes_and_odd_records_read_as_the_csv_crate_reads_them() {
    for t in [
        &b""[..],
        b"\n\n\r\n",
        b"a",
        b",",
        b"a,b,\n,,\n",
        b"\"a,b\",c\n",
        b"\"a\"\"b\",c\r\nd",
        b"ab\"c,d\n",
        b"\"a\"x,y\n\"unterminated,z\nq\n",
        b"\"\n\"\n\"\r\",\"\"\n",
        b"\xef\xbb\xbfh,x\n\xef\xbb\xbfa,1\n\xef\xbb\xbf\"b\",2\n",
        b"\n\xef\xbb\xbfh\n",
        "单位,得分\n某局,９５\n".as_bytes(),
    ] {
        read_alike(t);
    }
}

#[test]
fn a_bom_is_dropped_at_the_start_of_the_file_only() {
    let t = b"\xef\xbb\xbfh,x\n\xef\xbb\xbfa,1\n\xef\xbb\xbf\"b\",2\n";
    let got = mine(t, t.len());
    assert_eq!(got[0].1.as_ref().unwrap()[0], b"h");
    assert_eq!(got[1].1.as_ref().unwrap()[0], b"\xef\xbb\xbfa");
    assert_eq!(got[2].1.as_ref().unwrap()[0], b"\xef\xbb\xbf\"b\"");
}

#[test]
fn a_record_too_long_is_told_and_the_rows_after_it_are_read() {
    let long = "x".repeat(LIMIT as usize + 10);
    for text in [
        format!("h\n{long}\na,1\n"),
        format!("h\n\"{long}\"\r\na,1\n"),
        format!("h\n\"{long}\"\na,1\n"),
        format!("h\n{long}"),
    ] {
        let got = mine(text.as_bytes(), 8192);
        assert_eq!(got[0], (1, Some(vec![b"h".to_vec()])));
        assert_eq!(got[1].1, None, "the long record is an error");
        assert_eq!(got[1].0, 2);
        if text.ends_with("a,1\n") {
            let last = got.last().unwrap();
            assert_eq!(last.1, Some(vec![b"a".to_vec(), b"1".to_vec()]), "{got:?}");
        }
    }
}

#[test]
fn endless_input_is_an_error() {
    let zeros = std::io::repeat(0).take(SKIP_CAP + 2 * LIMIT);
    let mut r = Records::new(std::io::BufReader::new(zeros)).unwrap();
    let e = r.next(&mut Flat::default()).err().expect("an error");
    assert!(e
        .get_ref()
        .is_some_and(|e| e.is::<super::super::input::Endless>()));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn commas_are_found_at_every_offset(
        // Commas, their neighbours and a comma with the high bit set among any bytes.
        text in proptest::collection::vec(
            prop_oneof![Just(b','), Just(0xac), Just(b'+'), Just(b'-'), Just(0), any::<u8>()],
            0..80,
        ),
        base in 0usize..100,
    ) {
        let mut got = Vec::new();
        commas(&text, base, &mut got);
        let want: Vec<usize> = (0..text.len()).filter(|&i| text[i] == b',').map(|i| base + i).collect();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn any_file_reads_as_the_csv_crate_reads_it(
        text in proptest::collection::vec(
            prop_oneof![
                Just(b'a'), Just(b','), Just(b'"'), Just(b'\r'), Just(b'\n'),
                Just(b' '), Just(0xe4), Just(0xb8), Just(0xad), Just(0xef), Just(0xbb), Just(0xbf),
            ],
            0..120,
        )
    ) {
        read_alike(&text);
    }
}
