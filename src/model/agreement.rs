//! Krippendorff's alpha: how far coders who coded the same units agree, beyond what chance
//! would give, at the nominal, ordinal and interval levels. Computed from the coincidence
//! matrix, as in Krippendorff's "Computing Krippendorff's Alpha-Reliability" (2011), and
//! equal to the `krippendorff` package's `alpha` (tests/agree_reference.rs compares them);
//! its confidence interval from the bootstrap of Hayes and Krippendorff (2007), drawn as their
//! KALPHA macro draws it. No I/O.
//!
//! A value is an index into the variable's values, `0..values`, in their order (the order
//! matters at the ordinal level); at the interval level each value also has a point on the
//! scale.

/// Stevens' level of measurement: which differences between two values count, and how much.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Values differ or not.
    Nominal,
    /// Values are ranked: a difference counts by how many values lie between the two.
    Ordinal,
    /// Values are points on a scale: a difference counts by its square.
    Interval,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Nominal => "nominal",
            Level::Ordinal => "ordinal",
            Level::Interval => "interval",
        }
    }
}

/// Why alpha cannot be computed: said in words, never as 0 or NaN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undefined {
    /// No unit has values from two coders: there is nothing to compare.
    NoPairs,
    /// Every pairable value is this one (or, at the interval level, at its point): without
    /// variation there is no disagreement that chance would give to compare with.
    NoVariation(usize),
}

/// The coincidence matrix of the values of a set of units: `o[c][k]`, the pairs of values
/// `c` and `k` that coders gave one unit, each unit's pairs weighted by `1 / (m - 1)` for its
/// `m` values, so that each pairable value counts once. Units with fewer than two values
/// cannot be paired and are left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Coincidences {
    values: usize,
    /// Row by row: `o[c * values + k]`.
    o: Vec<f64>,
    /// `n_c`, the pairable values of each value (the row sums of `o`).
    totals: Vec<f64>,
    /// Units with at least two values.
    units: usize,
    /// Pairable values, `n`: the values of units with at least two.
    pairable: usize,
    /// Pairs of values within units, `sum of m (m - 1) / 2`.
    pairs: usize,
}

impl Coincidences {
    /// The coincidences of `units`, each the values (indices below `values`) its coders gave.
    pub fn new<U: AsRef<[usize]>>(values: usize, units: impl IntoIterator<Item = U>) -> Self {
        let mut o = vec![0.0; values * values];
        let mut counts = vec![0usize; values];
        let mut present: Vec<usize> = Vec::new();
        // The row sums of `o`, counted exactly: each pairable value counts once.
        let mut totals = vec![0.0; values];
        let (mut n_units, mut pairable, mut pairs) = (0, 0, 0);
        for unit in units {
            let unit = unit.as_ref();
            let m = unit.len();
            if m < 2 {
                continue;
            }
            (n_units, pairable, pairs) = (n_units + 1, pairable + m, pairs + m * (m - 1) / 2);
            present.clear();
            for &v in unit {
                if counts[v] == 0 {
                    present.push(v);
                }
                counts[v] += 1;
            }
            // Divided, not multiplied by a reciprocal: the reference divides each unit's pairs.
            let weight = (m - 1) as f64;
            for &c in &present {
                for &k in &present {
                    let same = usize::from(c == k);
                    o[c * values + k] += (counts[c] * (counts[k] - same)) as f64 / weight;
                }
            }
            for &v in &present {
                totals[v] += counts[v] as f64;
                counts[v] = 0;
            }
        }
        Coincidences {
            values,
            o,
            totals,
            units: n_units,
            pairable,
            pairs,
        }
    }

    /// `o[c][k]`.
    pub fn get(&self, c: usize, k: usize) -> f64 {
        self.o[c * self.values + k]
    }

    /// `n_c`: how many pairable values are `c`.
    pub fn total(&self, c: usize) -> f64 {
        self.totals[c]
    }

    /// How many values the variable has.
    pub fn values(&self) -> usize {
        self.values
    }

    /// Units with at least two values: those alpha is computed from.
    pub fn units(&self) -> usize {
        self.units
    }

    /// Pairable values (`n` in Krippendorff's notation).
    pub fn pairable(&self) -> usize {
        self.pairable
    }

    /// Pairs of values within units.
    pub fn pairs(&self) -> usize {
        self.pairs
    }

    /// The squared difference `δ²(c, k)` of every two values at `level`, row by row;
    /// `points` places the values on the scale at the interval level (unused otherwise).
    pub fn distances(&self, level: Level, points: &[f64]) -> Vec<f64> {
        let v = self.values;
        let mut d = vec![0.0; v * v];
        for c in 0..v {
            for k in 0..v {
                d[c * v + k] = match level {
                    _ if c == k => 0.0,
                    Level::Nominal => 1.0,
                    Level::Ordinal => {
                        let (lo, hi) = (c.min(k), c.max(k));
                        let between: f64 = self.totals[lo..=hi].iter().sum();
                        let d = between - (self.totals[lo] + self.totals[hi]) / 2.0;
                        d * d
                    }
                    Level::Interval => (points[c] - points[k]).powi(2),
                };
            }
        }
        d
    }

    /// The disagreement observed and the disagreement chance would give, both summed over
    /// every pair of values, unscaled: `sum o δ²` and `sum n_c (n_k - [c = k]) δ² / (n - 1)`.
    fn disagreements(&self, d: &[f64]) -> (f64, f64) {
        let v = self.values;
        let n: f64 = self.totals.iter().sum();
        let (mut observed, mut expected) = (0.0, 0.0);
        for c in 0..v {
            for k in 0..v {
                let same = if c == k { self.totals[c] } else { 0.0 };
                let e = (self.totals[c] * self.totals[k] - same) / (n - 1.0);
                observed += self.get(c, k) * d[c * v + k];
                expected += e * d[c * v + k];
            }
        }
        (observed, expected)
    }

    /// Alpha with the distances `d` (from [`Coincidences::distances`]): one minus the
    /// disagreement observed over the disagreement expected by chance.
    pub fn alpha(&self, d: &[f64]) -> Result<f64, Undefined> {
        if self.pairs == 0 {
            return Err(Undefined::NoPairs);
        }
        let first = (0..self.values)
            .find(|&c| self.totals[c] > 0.0)
            .unwrap_or(0);
        let (observed, expected) = self.disagreements(d);
        // Zero only when every pairable value is one value, or (interval) at one point.
        if expected == 0.0 {
            return Err(Undefined::NoVariation(first));
        }
        Ok(1.0 - observed / expected)
    }
}

/// Alpha of a reliability matrix in the shape the `krippendorff` package takes: one row per
/// coder, one column per unit, `None` where a coder gave the unit no value. The values are
/// numbers: their order counts at the ordinal level, their differences at the interval level.
/// [`Undefined::NoVariation`] names the value by its place among the distinct values given.
pub fn alpha_of_matrix(rows: &[Vec<Option<f64>>], level: Level) -> Result<f64, Undefined> {
    let mut points: Vec<f64> = rows.iter().flatten().flatten().copied().collect();
    points.sort_by(f64::total_cmp);
    points.dedup();
    let index = |x: f64| points.partition_point(|&p| p < x);
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let units = (0..width).map(|u| {
        rows.iter()
            .filter_map(|row| row.get(u).copied().flatten())
            .map(index)
            .collect::<Vec<usize>>()
    });
    let c = Coincidences::new(points.len(), units);
    c.alpha(&c.distances(level, &points))
}

/// A 95 % confidence interval: the 2.5th and 97.5th percentiles of alpha's bootstrap
/// distribution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval95 {
    pub low: f64,
    pub high: f64,
}

impl Coincidences {
    /// Alpha's bootstrap distribution, sorted: `samples` values of alpha, each from pairs of
    /// values drawn at random from the coincidences (Hayes and Krippendorff, 2007; the KALPHA
    /// macro). Each sample draws `M = min(25 q, (coders - 1) n / 2)` pairs, where `q` is the
    /// number of cells of the coincidence matrix that are not empty, and is
    /// `1 - (sum of the pairs' δ²) / (M D_e)`, at least -1. A sample of agreeing pairs only is
    /// 1, or 0 where only one value was ever paired with itself; of the samples at 1, as many as
    /// would be drawn from a single value alone (`samples * sum (o_cc / n)^pairs`, rounded) are
    /// set to 0, as KALPHA does. `None` where alpha is undefined. Seeded: the same seed gives
    /// the same distribution.
    pub fn bootstrap(
        &self,
        d: &[f64],
        coders: usize,
        samples: usize,
        seed: u64,
    ) -> Option<Vec<f64>> {
        self.alpha(d).ok()?;
        let v = self.values;
        let n = self.pairable as f64;
        let (_, expected) = self.disagreements(d);
        let expected_per_value = expected / n;
        // The cells c <= k, each with the chance of drawing it and its distance.
        let mut cumulative = Vec::new();
        let mut deltas = Vec::new();
        let mut total = 0.0;
        for c in 0..v {
            for k in c..v {
                let p = if c == k {
                    self.get(c, c)
                } else {
                    2.0 * self.get(c, k)
                } / n;
                if p > 0.0 {
                    total += p;
                    cumulative.push(total);
                    deltas.push(d[c * v + k]);
                }
            }
        }
        let filled = self.o.iter().filter(|&&x| x > 0.0).count();
        let draws = ((25 * filled) as f64)
            .min((coders.max(2) - 1) as f64 * n / 2.0)
            .floor()
            .max(1.0) as usize;
        let diagonal: Vec<f64> = (0..v)
            .map(|c| self.get(c, c))
            .filter(|&x| x > 0.0)
            .collect();
        let one_value = diagonal.len() == 1;
        let mut rng = SplitMix64(seed);
        let mut at_one = 0usize;
        let mut dist: Vec<f64> = (0..samples)
            .map(|_| {
                let mut sum = 0.0;
                for _ in 0..draws {
                    let r = rng.unit() * total;
                    let cell = cumulative
                        .partition_point(|&x| x <= r)
                        .min(deltas.len() - 1);
                    sum += deltas[cell];
                }
                let a = (1.0 - sum / (expected_per_value * draws as f64)).max(-1.0);
                if a == 1.0 && one_value {
                    0.0
                } else {
                    at_one += usize::from(a == 1.0);
                    a
                }
            })
            .collect();
        if diagonal.len() > 1 {
            let single: f64 = diagonal
                .iter()
                .map(|&x| (x / n).powi(self.pairs as i32))
                .sum();
            let mut to_zero = ((samples as f64 * single).round() as usize).min(at_one);
            for a in dist.iter_mut().filter(|a| **a == 1.0) {
                if to_zero == 0 {
                    break;
                }
                *a = 0.0;
                to_zero -= 1;
            }
        }
        dist.sort_by(f64::total_cmp);
        Some(dist)
    }
}

/// The 95 % interval of a sorted bootstrap distribution, as KALPHA reads it: the values at
/// the places `floor(0.025 B)` and `floor(0.975 B) + 1`, counted from 1, of `B` samples.
pub fn interval95(sorted: &[f64]) -> Option<Interval95> {
    let b = sorted.len();
    if b == 0 {
        return None;
    }
    let low = ((b as f64 * 0.025) as usize).max(1) - 1;
    let high = ((b as f64 * 0.975) as usize).min(b - 1);
    Some(Interval95 {
        low: sorted[low],
        high: sorted[high],
    })
}

/// SplitMix64 (Steele, Lea and Flood, 2014): a small, fast generator whose output is the same
/// on every machine, so that a seed fixes a bootstrap.
#[derive(Debug, Clone)]
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `[0, 1)`, from the top 53 bits.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NA: Option<f64> = None;

    /// Krippendorff's example of four observers, twelve units and missing values ("Computing
    /// Krippendorff's Alpha-Reliability", 2011, section C).
    fn four_observers() -> Vec<Vec<Option<f64>>> {
        let row = |r: [i32; 12]| {
            r.iter()
                .map(|&x| (x > 0).then_some(f64::from(x)))
                .collect::<Vec<_>>()
        };
        vec![
            row([1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0]),
            row([1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3]),
            row([0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0]),
            row([1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0]),
        ]
    }

    /// The paper's .743, .815 and .849, and the reference package's digits for them.
    #[test]
    fn four_observers_twelve_units_with_missing_values() {
        let data = four_observers();
        let expected = [
            (Level::Nominal, 0.743, 0.743421052631579),
            (Level::Ordinal, 0.815, 0.8153875037548814),
            (Level::Interval, 0.849, 0.8491071428571428),
        ];
        for (level, paper, reference) in expected {
            let a = alpha_of_matrix(&data, level).unwrap();
            assert!((a - reference).abs() < 1e-12, "{level:?}: {a}");
            assert_eq!(format!("{a:.3}"), format!("{paper:.3}"), "{level:?}");
        }
    }

    /// The paper's coincidence matrix of that example: 40 pairable values, 9 of them 1s; unit
    /// 12 (one value) is left out.
    #[test]
    fn four_observers_coincidences() {
        let data = four_observers();
        let units: Vec<Vec<usize>> = (0..12)
            .map(|u| {
                data.iter()
                    .filter_map(|r| r[u])
                    .map(|x| x as usize - 1)
                    .collect()
            })
            .collect();
        let c = Coincidences::new(5, &units);
        assert_eq!((c.units(), c.pairable()), (11, 40));
        let totals: Vec<f64> = (0..5).map(|v| c.total(v)).collect();
        assert_eq!(totals, [9.0, 13.0, 10.0, 5.0, 3.0]);
        assert!((c.get(0, 0) - 7.0).abs() < 1e-12 && (c.get(0, 1) - 4.0 / 3.0).abs() < 1e-12);
    }

    /// The paper's first example: two observers, binary data, no missing values: .095.
    #[test]
    fn two_observers_binary() {
        let row = |r: [u8; 10]| r.iter().map(|&x| Some(f64::from(x))).collect();
        let data = vec![
            row([0, 1, 0, 0, 0, 0, 0, 0, 1, 0]),
            row([1, 1, 1, 0, 0, 1, 0, 0, 0, 0]),
        ];
        let a = alpha_of_matrix(&data, Level::Nominal).unwrap();
        assert_eq!(format!("{a:.3}"), "0.095");
    }

    #[test]
    fn degenerate_data_is_undefined() {
        // No unit with two values.
        let lonely = vec![vec![Some(1.0), NA], vec![NA, Some(2.0)]];
        assert_eq!(
            alpha_of_matrix(&lonely, Level::Nominal),
            Err(Undefined::NoPairs)
        );
        // One value only, and one value paired while another stands alone.
        let same = vec![vec![Some(3.0), Some(3.0)], vec![Some(3.0), Some(3.0)]];
        assert_eq!(
            alpha_of_matrix(&same, Level::Interval),
            Err(Undefined::NoVariation(0))
        );
        // 1.0 stands alone: the one value paired is 2.0, the second of the two given.
        let one = vec![
            vec![Some(1.0), Some(2.0), Some(2.0)],
            vec![NA, Some(2.0), Some(2.0)],
        ];
        assert_eq!(
            alpha_of_matrix(&one, Level::Ordinal),
            Err(Undefined::NoVariation(1))
        );
        // One coder alone pairs nothing; two who agree on two values agree perfectly.
        let two = vec![
            vec![Some(1.0), Some(4.0), Some(2.0)],
            vec![NA, Some(4.0), Some(2.0)],
        ];
        assert_eq!(
            alpha_of_matrix(&two[..1], Level::Nominal),
            Err(Undefined::NoPairs)
        );
        assert_eq!(alpha_of_matrix(&two, Level::Nominal), Ok(1.0));
        assert_eq!(
            alpha_of_matrix(&[], Level::Nominal),
            Err(Undefined::NoPairs)
        );
    }

    fn four_observers_coincidences_and_nominal() -> (Coincidences, Vec<f64>) {
        let data = four_observers();
        let units: Vec<Vec<usize>> = (0..12)
            .map(|u| {
                data.iter()
                    .filter_map(|r| r[u])
                    .map(|x| x as usize - 1)
                    .collect()
            })
            .collect();
        let c = Coincidences::new(5, &units);
        let d = c.distances(Level::Nominal, &[]);
        (c, d)
    }

    #[test]
    fn the_bootstrap_is_seeded_and_brackets_alpha() {
        let (c, d) = four_observers_coincidences_and_nominal();
        let alpha = c.alpha(&d).unwrap();
        let a = c.bootstrap(&d, 4, 10_000, 7).unwrap();
        assert_eq!(a, c.bootstrap(&d, 4, 10_000, 7).unwrap());
        assert_ne!(a, c.bootstrap(&d, 4, 10_000, 8).unwrap());
        assert!(a.windows(2).all(|w| w[0] <= w[1]));
        let ci = interval95(&a).unwrap();
        assert!(ci.low < alpha && alpha < ci.high, "{ci:?} {alpha}");
        assert!(ci.low > 0.3 && ci.high <= 1.0, "{ci:?}");
        // The mean of the distribution is near alpha.
        let mean = a.iter().sum::<f64>() / a.len() as f64;
        assert!((mean - alpha).abs() < 0.05, "{mean} {alpha}");
        // No sample below -1.
        assert!(a[0] >= -1.0);
    }

    /// KALPHA's number of pairs drawn: min(25 q, (coders - 1) n / 2). With 4 coders and
    /// n = 40 that is 60, and q = 12 filled cells would allow 300: sixty draws, so alpha moves
    /// in steps of 1 / (60 D_e).
    #[test]
    fn the_bootstrap_draws_kalpha_s_number_of_pairs() {
        let (c, d) = four_observers_coincidences_and_nominal();
        let (_, expected) = c.disagreements(&d);
        let step = 1.0 / (60.0 * expected / 40.0);
        for a in c.bootstrap(&d, 4, 200, 1).unwrap() {
            let k = (1.0 - a) / step;
            assert!((k - k.round()).abs() < 1e-6, "{a}: {k}");
        }
    }

    /// Perfect agreement on two values: every sample draws agreeing pairs only, and KALPHA
    /// sets to 0 as many as would come from one value alone.
    #[test]
    fn perfect_agreement_keeps_some_samples_at_zero() {
        // Two units of value 0, one of value 1, two coders: n = 6, 3 pairs, o = diag(4, 2).
        let c = Coincidences::new(2, [vec![0, 0], vec![0, 0], vec![1, 1]]);
        let d = c.distances(Level::Nominal, &[]);
        assert_eq!(c.alpha(&d), Ok(1.0));
        let samples = 1000;
        let dist = c.bootstrap(&d, 2, samples, 3).unwrap();
        // (4/6)^3 + (2/6)^3 = 1/3 of 1000, rounded.
        let zeros = dist.iter().filter(|&&a| a == 0.0).count();
        assert_eq!(zeros, 333);
        assert!(dist.iter().all(|&a| a == 0.0 || a == 1.0));
    }

    #[test]
    fn interval95_reads_kalpha_s_places() {
        let sorted: Vec<f64> = (1..=1000).map(f64::from).collect();
        // floor(25) = 25th and floor(975) + 1 = 976th, counted from 1.
        assert_eq!(
            interval95(&sorted),
            Some(Interval95 {
                low: 25.0,
                high: 976.0
            })
        );
        assert_eq!(interval95(&[]), None);
        assert_eq!(
            interval95(&[0.5]),
            Some(Interval95 {
                low: 0.5,
                high: 0.5
            })
        );
    }

    #[test]
    fn splitmix64_gives_its_published_first_outputs() {
        // From the reference implementation, seeded with 1234567.
        let mut r = SplitMix64(1234567);
        assert_eq!(r.next_u64(), 6457827717110365317);
        assert_eq!(r.next_u64(), 3203168211198807973);
    }
}
