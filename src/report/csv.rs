//! CSV cells as jixiao writes them (batch results, `diff --format csv`).
//!
//! A text cell that a spreadsheet would run as a formula, one beginning with
//! `=`, `+`, `-`, `@`, a tab or a carriage return (a unit named `=1+2`, an
//! error message quoting one), gets a leading `'` as OWASP advises for CSV
//! injection; Excel shows the text and stores no formula. A number such as
//! `-1.50` is left as it is, so it stays a number, and so is a lone `-`
//! (the "no value" mark). Then the cell is quoted if it needs to be.

use std::borrow::Cow;

/// Whether `s` is a plain decimal number (`-1.50`, `91`, `+3`).
fn is_number(s: &str) -> bool {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    let mut parts = digits.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// `s` made safe to open in a spreadsheet (see the module documentation).
pub fn defuse(s: &str) -> Cow<'_, str> {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && s != "-" && !is_number(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// One cell: defused, then quoted when it holds a comma, quote or newline.
pub fn cell(s: &str) -> Cow<'_, str> {
    let s = defuse(s);
    if s.contains([',', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formulas_are_defused_and_numbers_kept() {
        assert_eq!(cell("=1+2"), "'=1+2");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("+x"), "'+x");
        assert_eq!(cell("-x"), "'-x");
        assert_eq!(cell("\t=1"), "'\t=1");
        assert_eq!(
            cell("=HYPERLINK(\"a\",\"b\")"),
            "\"'=HYPERLINK(\"\"a\"\",\"\"b\"\")\""
        );
        assert_eq!(cell("-1.50"), "-1.50");
        assert_eq!(cell("+3"), "+3");
        assert_eq!(cell("91.00"), "91.00");
        assert_eq!(cell("-"), "-");
        assert_eq!(cell("甲局"), "甲局");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("-1.5.0"), "'-1.5.0");
        assert_eq!(cell("-.5"), "'-.5");
    }
}
