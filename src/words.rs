//! Wording shared by every message: plurals, lists and `did you mean` suggestions.

/// `1 error`, `2 errors`: a count with its noun in the right number.
pub fn plural(n: usize, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("{n} {singular}")
    } else {
        format!("{n} {plural}")
    }
}

/// `A`, `A and B`, `A, B and C`.
pub fn and_list(items: &[&str]) -> String {
    join_last(items, "and")
}

/// `A`, `A or B`, `A, B or C`.
pub fn or_list(items: &[&str]) -> String {
    join_last(items, "or")
}

fn join_last(items: &[&str], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} {word} {last}", rest.join(", ")),
    }
}

/// The closest candidate to `input`, for a `did you mean` line; none when nothing is close.
pub fn suggest<'c>(input: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let needle = input.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let hay = c.to_lowercase();
        let score = strsim::jaro_winkler(&needle, &hay);
        let contains = !needle.is_empty() && (hay.contains(&needle) || needle.contains(&hay));
        let score = if contains { score.max(0.85) } else { score };
        if score >= 0.8 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let c = ["north-korea", "south-korea", "united-states"];
        assert_eq!(suggest("north-kroea", c), Some("north-korea"));
        assert_eq!(suggest("unitedstates", c), Some("united-states"));
        assert_eq!(suggest("mongolia", c), None);
    }

    #[test]
    fn lists() {
        assert_eq!(and_list(&[]), "");
        assert_eq!(and_list(&["Mixed"]), "Mixed");
        assert_eq!(and_list(&["Bilateral", "Mixed"]), "Bilateral and Mixed");
        assert_eq!(
            or_list(&["China", "Japan", "Russia"]),
            "China, Japan or Russia"
        );
    }

    #[test]
    fn plurals() {
        assert_eq!(plural(1, "error", "errors"), "1 error");
        assert_eq!(plural(0, "error", "errors"), "0 errors");
        assert_eq!(plural(2, "party", "parties"), "2 parties");
    }
}
