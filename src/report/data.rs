//! The evidence rows of a closed party section as compact JSON, for the page script to render
//! when the section is opened (the rows as HTML are three times the bytes: at 100,000
//! positions, the difference between a report that fits the size budget and one that does
//! not).
//!
//! One object per party:
//!
//! - `t`: the short texts rows repeat (speakers, bases, confidences), `t[0]` the empty one;
//! - `r`: the rows in the order the table lists them, each
//!   `[observation, held, quote or null, speaker, basis, confidence, article,
//!   conditions, note, check]`, the last three `0` when absent (and left off at the end),
//!   `check` `1` for a quote not found in its source text, or the closest passage found;
//! - `b`: per stretch (`tbody`), `[[rows of each side], [start, length, ...]]`: how many rows
//!   it lists (one count for a stance, one per side for a conflict), and as runs of places in
//!   `r` the rows listed under an earlier stretch that it names in `data-also`.
//!
//! Escaped so that nothing in it can end the script element or open a comment: `<`, `>` and
//! `&` are written `\u003c`, `\u003e`, `\u0026`, which JSON reads back as those characters.

use super::grounding::QuoteCheck;
use super::page::Block;
use super::view::Report;
use crate::model::ObservationId;
use serde_json::{Value, json};
use std::collections::HashMap;

/// The JSON of one party's rows, escaped for a `<script type="application/json">`.
pub fn evidence(r: &Report, blocks: &[Block]) -> String {
    let ds = r.input.ds;
    let mut texts: Vec<String> = vec![String::new()];
    let mut index: HashMap<String, usize> = HashMap::from([(String::new(), 0)]);
    let mut text = |s: &str| -> usize {
        if let Some(&i) = index.get(s) {
            return i;
        }
        texts.push(s.to_string());
        index.insert(s.to_string(), texts.len() - 1);
        texts.len() - 1
    };
    let mut place: HashMap<ObservationId, usize> = HashMap::new();
    let mut rows: Vec<Value> = Vec::new();
    let mut bodies: Vec<Value> = Vec::new();
    for b in blocks {
        let mut counts = Vec::with_capacity(b.sides.len());
        for (_, ids) in &b.sides {
            counts.push(ids.len());
            for &o in ids {
                let ob = ds.observation(o);
                let check = r.checks.as_ref().and_then(|c| c[o.index()].as_ref());
                let mut row = vec![
                    json!(o.index()),
                    json!(ob.held.to_string()),
                    json!(ob.quote.as_deref()),
                    json!(text(ob.speaker.as_deref().unwrap_or(""))),
                    json!(text(&ob.basis.to_string())),
                    json!(text(&ob.confidence.to_string())),
                    json!(ob.article.index()),
                    ob.conditions.as_deref().map_or(json!(0), |c| json!(c)),
                    ob.note.as_deref().map_or(json!(0), |n| json!(n)),
                    match check {
                        Some(QuoteCheck::Missing { closest: Some(c) }) => json!(c),
                        Some(QuoteCheck::Missing { closest: None }) => json!(1),
                        _ => json!(0),
                    },
                ];
                while row.last() == Some(&json!(0)) && row.len() > 7 {
                    row.pop();
                }
                place.insert(o, rows.len());
                rows.push(Value::Array(row));
            }
        }
        bodies.push(json!([counts, runs(b.also.iter().map(|o| place[o]))]));
    }
    let all = json!({ "t": texts, "r": rows, "b": bodies });
    escape(&all.to_string())
}

/// Consecutive places as `[start, length, start, length, ...]`.
fn runs(places: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for p in places {
        match out.len() {
            n if n >= 2 && out[n - 2] + out[n - 1] == p => out[n - 1] += 1,
            _ => out.extend([p, 1]),
        }
    }
    out
}

/// JSON that cannot end a script element or start markup in it.
fn escape(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 64);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_join_consecutive_places() {
        assert_eq!(
            runs([3, 4, 5, 9, 10, 2].into_iter()),
            vec![3, 3, 9, 2, 2, 1]
        );
        assert_eq!(runs(std::iter::empty()), Vec::<usize>::new());
    }

    #[test]
    fn nothing_in_it_ends_the_script_or_opens_a_comment() {
        let text = r#"</script><script>alert(1)</script> <!-- "a" & b>"#;
        let json = escape(&json!([text]).to_string());
        assert!(!json.contains('<') && !json.contains('>') && !json.contains('&'));
        assert_eq!(
            json,
            r#"["\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e \u003c!-- \"a\" \u0026 b\u003e"]"#
        );
        let back: Vec<String> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, vec![text.to_string()]);
    }
}
