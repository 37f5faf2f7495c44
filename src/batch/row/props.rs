//! The fast cell reader against the facts reader, on generated cells: a
//! value read fast is the value `read_value` gives (mantissa and scale),
//! and a row's untrimmed cell is read as its trimmed text is.

use super::*;
use crate::diag::SourceMap;
use proptest::prelude::*;

fn bundled(name: &str) -> Checked {
    let path = format!("{}/rules/{name}.jx", env!("CARGO_MANIFEST_DIR"));
    let mut map = SourceMap::new();
    let id = map.add(&path, std::fs::read_to_string(&path).unwrap());
    crate::compile(&map, id).ok().unwrap().checked
}

/// jinzhong-2020 (万元, 万元 正数, 人, 人 正数, 百分比, 是否, an enumeration)
/// and shaanxi-2019, each with its header in declaration order.
fn rubrics() -> &'static [Checked] {
    static R: std::sync::OnceLock<Vec<Checked>> = std::sync::OnceLock::new();
    R.get_or_init(|| vec![bundled("jinzhong-2020"), bundled("shaanxi-2019")])
}

/// Every slot's value for `text` by the fast path, and by the facts reader.
fn check(c: &Checked, raw: &str) -> Result<usize, TestCaseError> {
    let names: Vec<&str> = c.facts.iter().map(|f| f.name.as_str()).collect();
    let cols = Columns::new(c, &names).unwrap();
    let text = trim(raw);
    let mut fast = 0;
    for slot in 0..c.facts.len() {
        let quick = cols.quick(&cols.cells[slot], raw);
        let trimmed = if text.is_empty() {
            None
        } else {
            cols.fast(slot, text)
        };
        prop_assert_eq!(quick, trimmed, "{:?} in {}", raw, c.facts[slot].name);
        let Some(v) = trimmed else { continue };
        fast += 1;
        let slow = read_value(&RawValue::Text(text.to_string()), slot as u32, c, None);
        let Ok(Read::Exact(w)) = slow else {
            return Err(TestCaseError::fail(format!(
                "{raw:?} in {}: fast {v:?}, facts reader {slow:?}",
                c.facts[slot].name
            )));
        };
        prop_assert_eq!(v, w, "{:?} in {}", raw, c.facts[slot].name);
        if let (Value::Num(a), Value::Num(b)) = (v, w) {
            prop_assert_eq!(a.scale(), b.scale(), "{:?} in {}", raw, c.facts[slot].name);
            prop_assert_eq!(
                a.mantissa(),
                b.mantissa(),
                "{:?} in {}",
                raw,
                c.facts[slot].name
            );
        }
    }
    Ok(fast)
}

/// Number-like cells: a sign, digits, a point, more digits, `%`, blanks.
fn numberish() -> impl Strategy<Value = String> {
    let blank = prop_oneof![Just(""), Just(""), Just(" "), Just("\t"), Just("\u{3000}")];
    let sign = prop_oneof![Just(""), Just(""), Just("-"), Just("+"), Just("--")];
    let point = prop_oneof![Just(""), Just("."), Just("."), Just(".."), Just(",")];
    let tail = prop_oneof![
        Just(""),
        Just(""),
        Just("%"),
        Just("万"),
        Just("e5"),
        Just("%%")
    ];
    (
        blank.clone(),
        sign,
        "[0-9]{0,20}",
        point,
        "[0-9]{0,20}",
        tail,
        blank,
    )
        .prop_map(|(a, s, i, p, f, t, b)| format!("{a}{s}{i}{p}{f}{t}{b}"))
}

/// Anything from the characters cells are made of, full-width digits and
/// words included.
fn mixed() -> impl Strategy<Value = String> {
    let chars: Vec<char> = "0123456789.-+%, e万１０．是否有无满意基本不\u{3000}\u{a0}\t"
        .chars()
        .collect();
    proptest::collection::vec(proptest::sample::select(chars), 0..14)
        .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn a_cell_read_fast_is_what_the_facts_reader_reads(t in prop_oneof![numberish(), mixed()]) {
        for c in rubrics() {
            check(c, &t)?;
        }
    }
}

#[test]
fn plain_cells_are_read_fast_exactly() {
    let c = &rubrics()[0];
    let cases = [
        "0.00176233",
        "-0.00001",
        "0.000095",
        "2500",
        "74.99%",
        "299.99%",
        " 95% ",
        "是",
        " 否\u{3000}",
        "基本满意",
        "123456789012345678",
        "12345678.9012345678",
        "0.000000000000000001",
        "0",
        "0.00",
        "1e5",
        "1,000",
        "１２",
        "5万",
        "-0",
        "99999999999999999999",
    ];
    let mut fast = 0;
    for t in cases {
        fast += check(c, t).unwrap();
    }
    // Not vacuous: most of these are read fast in some column.
    assert!(fast > 150, "read fast {fast} times");
    // 0.00176233 万元 is 17.62330000 元 (as `checked_mul` scales it).
    let names: Vec<&str> = c.facts.iter().map(|f| f.name.as_str()).collect();
    let cols = Columns::new(c, &names).unwrap();
    let slot = c.fact_slot("上年结转金额").unwrap() as usize;
    let Some(Value::Num(d)) = cols.fast(slot, "0.00176233") else {
        panic!("not read fast")
    };
    assert_eq!((d.mantissa(), d.scale()), (1_762_330_000, 8));
}
