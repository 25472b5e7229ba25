//! stanceline's Krippendorff's alpha equals the reference implementation's, the `krippendorff`
//! package on PyPI (0.9.0, which `.ci/run` installs), on a few hundred random reliability
//! matrices: 2 to 6 coders, 2 to 200 units, 2 to 9 values, 0 to 40 % of the values missing,
//! and degenerate ones, at each level. Where the reference raises or returns NaN, stanceline
//! says that alpha is undefined. Without python3 and the package, the test fails.

mod common;

use stanceline::model::agreement::{Level, SplitMix64, alpha_of_matrix};

const LEVELS: [(Level, &str); 3] = [
    (Level::Nominal, "nominal"),
    (Level::Ordinal, "ordinal"),
    (Level::Interval, "interval"),
];

/// Reads the matrices (JSON: coders by units, null for a missing value) from stdin and prints,
/// for each, the reference's alpha at each level: a number, or "undefined" where it raises
/// ValueError or gives NaN.
const REFERENCE: &str = r#"
import json, math, sys, warnings
from importlib.metadata import version
import numpy as np
import krippendorff
assert version("krippendorff") == "0.9.0", version("krippendorff")
warnings.simplefilter("ignore")
out = []
for m in json.load(sys.stdin):
    data = np.array([[np.nan if x is None else x for x in row] for row in m], dtype=float)
    row = []
    for level in ("nominal", "ordinal", "interval"):
        try:
            a = float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))
            row.append("undefined" if math.isnan(a) else a)
        except ValueError:
            row.append("undefined")
    out.append(row)
json.dump(out, sys.stdout)
"#;

fn below(rng: &mut SplitMix64, n: usize) -> usize {
    (rng.unit() * n as f64) as usize
}

/// One random matrix. Most are as the issue asks; every tenth has one value only, every
/// tenth but one at most one value a unit, every tenth but two one value paired and the
/// others standing alone, so that the reference raises or gives NaN.
fn matrix(rng: &mut SplitMix64, i: usize) -> Vec<Vec<Option<f64>>> {
    let coders = 2 + below(rng, 5);
    let units = 2 + below(rng, 199);
    let kind = i % 10;
    let n_values = if kind == 7 { 1 } else { 2 + below(rng, 8) };
    // Distinct points, on a scale of halves from -10 to 10, in no order.
    let mut points: Vec<f64> = Vec::new();
    while points.len() < n_values {
        let p = (below(rng, 41) as f64 - 20.0) / 2.0;
        if !points.contains(&p) {
            points.push(p);
        }
    }
    let missing = rng.unit() * 0.4;
    let mut m = vec![vec![None; units]; coders];
    for u in 0..units {
        // For kind 8, one coder; for kind 9, either one coder with any value or all coders
        // with the first.
        let lone = kind == 8 || (kind == 9 && u % 2 == 0);
        let only = below(rng, coders);
        for (c, row) in m.iter_mut().enumerate() {
            if lone && c != only {
                continue;
            }
            if !lone && rng.unit() < missing {
                continue;
            }
            let v = if kind == 9 && !lone {
                points[0]
            } else {
                points[below(rng, n_values)]
            };
            row[u] = Some(v);
        }
    }
    m
}

fn json(m: &[Vec<Option<f64>>]) -> String {
    let rows: Vec<String> = m
        .iter()
        .map(|row| {
            let cells: Vec<String> = row
                .iter()
                .map(|x| x.map_or("null".into(), |x| x.to_string()))
                .collect();
            format!("[{}]", cells.join(","))
        })
        .collect();
    format!("[{}]", rows.join(","))
}

#[test]
fn alpha_equals_the_krippendorff_package_on_random_matrices() {
    let mut rng = SplitMix64(20);
    let matrices: Vec<_> = (0..400).map(|i| matrix(&mut rng, i)).collect();
    let input = format!(
        "[{}]",
        matrices
            .iter()
            .map(|m| json(m))
            .collect::<Vec<_>>()
            .join(",")
    );
    let stdout = common::python(&["-c", REFERENCE], input.as_bytes(), "krippendorff==0.9.0");
    let reference: Vec<Vec<serde_json::Value>> = serde_json::from_str(&stdout).unwrap();
    assert_eq!(reference.len(), matrices.len());
    let (mut defined, mut undefined) = (0, 0);
    for (i, (m, expected)) in matrices.iter().zip(&reference).enumerate() {
        for ((level, name), expected) in LEVELS.iter().zip(expected) {
            let ours = alpha_of_matrix(m, *level);
            match (expected.as_f64(), ours) {
                (Some(e), Ok(a)) => {
                    assert!(
                        (a - e).abs() <= 1e-9 * e.abs().max(1.0),
                        "matrix {i}, {name}: stanceline {a}, reference {e}\n{}",
                        json(m)
                    );
                    defined += 1;
                }
                (None, Err(_)) => undefined += 1,
                (e, a) => panic!(
                    "matrix {i}, {name}: stanceline {a:?}, reference {e:?}\n{}",
                    json(m)
                ),
            }
        }
    }
    // Most are defined, and every degenerate kind came out undefined at each level.
    assert!(
        defined > 800 && undefined >= 3 * 3 * 40 - 30,
        "{defined} {undefined}"
    );
}
