//! The score writers against the text `show::score` gives the same decimal.

use super::*;
use crate::check::show;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// The largest mantissa a `Decimal` holds (96 bits).
const MAX: i128 = (1 << 96) - 1;

/// The old way: build the decimal and show it.
fn shown(m: i128, places: u32) -> String {
    show::score(Decimal::from_i128_with_scale(m, places), places)
}

/// Mantissas where the writers change method: around 0, 10^5 (the short
/// form's end), 2^63, 2^64 and 2^96, and anywhere in a decimal's range.
fn mantissa() -> impl Strategy<Value = i128> {
    let near = |c: i128| (-3i128..=3).prop_map(move |d| c + d);
    let edge = prop_oneof![
        near(0),
        near(99_999),
        near(100_000),
        near(1 << 63),
        near(1 << 64),
        near(MAX - 3),
    ];
    let signed = (edge, any::<bool>()).prop_map(|(m, neg)| {
        let m = m.clamp(-MAX, MAX);
        if neg {
            -m
        } else {
            m
        }
    });
    prop_oneof![
        signed,
        -200_000i128..200_000,
        any::<i64>().prop_map(i128::from),
        -MAX..=MAX,
    ]
}

fn text(f: impl FnOnce(&mut Vec<u8>)) -> String {
    let mut buf = b"x".to_vec();
    f(&mut buf);
    String::from_utf8(buf).unwrap()
}

proptest! {
    #[test]
    fn a_mantissa_is_written_as_its_decimal_is_shown(m in mantissa(), places in 0u32..=28) {
        prop_assert_eq!(text(|b| write_mantissa(b, m, places)), format!("x{}", shown(m, places)));
    }

    #[test]
    fn a_row_of_marks_is_each_mark_after_a_comma(
        ms in proptest::collection::vec(mantissa(), 0..50),
        places in prop_oneof![Just(2u32), 0u32..=6],
    ) {
        let want: String = ms.iter().map(|&m| format!(",{}", shown(m, places))).collect();
        prop_assert_eq!(text(|b| write_marks(b, &ms, places)), format!("x{want}"));
    }

    #[test]
    fn a_score_is_written_as_show_score_gives_it(
        m in mantissa(),
        scale in 0u32..=28,
        places in 0u32..=28,
    ) {
        let d = Decimal::from_i128_with_scale(m, scale);
        prop_assert_eq!(text(|b| write_score(b, d, places)), format!("x{}", show::score(d, places)));
    }
}
