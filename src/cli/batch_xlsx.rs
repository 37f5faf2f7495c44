//! Batch records (the pipeline's JSON Lines) back into rows for the workbook.

use crate::check::Checked;
use crate::report::xlsx::batch::{Failed, Scored};
use crate::report::xlsx::BatchRow;
use rust_decimal::Decimal;
use serde_json::Value as J;
use std::str::FromStr;

fn dec(v: Option<&J>) -> Decimal {
    v.and_then(J::as_str)
        .and_then(|s| Decimal::from_str(s).ok())
        .unwrap_or_default()
}

pub fn rows(c: &Checked, jsonl: &[u8], lang: crate::diag::Lang) -> Vec<BatchRow> {
    let text = String::from_utf8_lossy(jsonl);
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(v) = serde_json::from_str::<J>(line) else {
            continue;
        };
        let row = v.get("row").and_then(J::as_u64).unwrap_or(0);
        let unit = v.get("unit").and_then(J::as_str).map(str::to_string);
        let outcome = match v.get("error") {
            // Ranges (facts marked unknown) have no cell in the workbook:
            // the row is listed as an error, never with one end as its score.
            None if v.get("total_min").is_some() => {
                let msg = crate::diag::Msg::PartialNoRanges {
                    output: "xlsx".into(),
                };
                let unknown = v.get("unknown").and_then(J::as_array);
                let at = unknown
                    .map(|u| {
                        u.iter()
                            .filter_map(J::as_str)
                            .collect::<Vec<_>>()
                            .join("、")
                    })
                    .unwrap_or_default();
                Err(Failed {
                    code: msg.code().to_string(),
                    at,
                    message: msg.text(lang),
                })
            }
            Some(e) => {
                let s = |k: &str| e.get(k).and_then(J::as_str).unwrap_or("").to_string();
                let at = match (s("cell"), s("column")) {
                    (cell, col) if !cell.is_empty() => format!("{cell} {col}"),
                    (_, col) => col,
                };
                Err(Failed {
                    code: s("code"),
                    at,
                    message: s("message"),
                })
            }
            None => {
                let scores = v.get("scores");
                Ok(Scored {
                    total: dec(v.get("total")),
                    grade: v.get("grade").and_then(J::as_str).unwrap_or("").to_string(),
                    scores: c
                        .indicators
                        .iter()
                        .map(|i| dec(scores.and_then(|s| s.get(&i.name))))
                        .collect(),
                })
            }
        };
        out.push(BatchRow { row, unit, outcome });
    }
    out
}
