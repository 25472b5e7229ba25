//! Quote grounding: does a quote appear in its article's text?
//!
//! Both sides are folded first: typographic quotes and apostrophes become ASCII, every dash
//! becomes `-`, runs of whitespace become one space, and case is ignored.

/// Fold a text for comparison.
pub fn fold(text: &str) -> String {
    fold_mapped(text).0
}

/// Fold a text, and give for each byte of the folded text the byte of the original it came
/// from, so that a passage found in the folded text can be shown as written.
fn fold_mapped(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut from = Vec::with_capacity(text.len());
    let mut space = false;
    for (at, c) in text.char_indices() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => {
                '\''
            }
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
            | '\u{00BB}' => '"',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
            | '\u{2212}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            if !space && !out.is_empty() {
                out.push(' ');
                from.push(at);
            }
            space = true;
            continue;
        }
        space = false;
        for l in c.to_lowercase() {
            out.push(l);
            from.extend(std::iter::repeat_n(at, l.len_utf8()));
        }
    }
    if out.ends_with(' ') {
        out.pop();
        from.pop();
    }
    (out, from)
}

/// A source text, folded once for any number of quotes.
pub struct Grounding<'a> {
    text: &'a str,
    folded: String,
    /// For each byte of `folded`, the byte of `text` it came from.
    from: Vec<usize>,
    words: Vec<(usize, usize)>,
}

impl<'a> Grounding<'a> {
    pub fn new(text: &'a str) -> Self {
        let (folded, from) = fold_mapped(text);
        let mut words = Vec::new();
        let mut start = None;
        for (i, c) in folded.char_indices() {
            match (c == ' ', start) {
                (false, None) => start = Some(i),
                (true, Some(s)) => {
                    words.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            words.push((s, folded.len()));
        }
        Grounding {
            text,
            folded,
            from,
            words,
        }
    }

    /// Whether the quote appears in the text.
    pub fn contains(&self, quote: &str) -> bool {
        let q = fold(quote);
        !q.is_empty() && self.folded.contains(&q)
    }

    /// The passage of the text most like the quote (a window of as many words), as written.
    pub fn closest(&self, quote: &str) -> Option<&'a str> {
        let q = fold(quote);
        let n = q.split(' ').count().max(1);
        if self.words.is_empty() {
            return None;
        }
        let n = n.min(self.words.len());
        let mut best: Option<(f64, usize)> = None;
        for i in 0..=self.words.len() - n {
            let window = &self.folded[self.words[i].0..self.words[i + n - 1].1];
            let score = strsim::normalized_levenshtein(&q, window);
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, i));
            }
        }
        best.map(|(_, i)| {
            let (start, end) = (self.words[i].0, self.words[i + n - 1].1);
            let start = self.from[start];
            // The end of the last folded character's original character.
            let last = self.from[end - 1];
            let end = last + self.text[last..].chars().next().map_or(0, char::len_utf8);
            &self.text[start..end]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(
            fold("  \u{201C}It\u{2019}s  a\u{2014}TEST\u{201D}\n"),
            "\"it's a-test\""
        );
    }

    #[test]
    fn contains_after_folding() {
        let g =
            Grounding::new("He said: \u{201C}Right now, this is the time\u{201D} \u{2014} twice.");
        assert!(g.contains("right now, this is the TIME"));
        assert!(g.contains("\"Right now, this is the time\" - twice"));
        assert!(!g.contains("right now this is the time"));
        assert!(!g.contains(""));
    }

    #[test]
    fn closest_passage() {
        let g = Grounding::new("one two three four five six seven");
        assert_eq!(g.closest("three fuor five"), Some("three four five"));
        // Shown as written: case, typographic quotes and spacing kept.
        let g = Grounding::new("He said \u{201C}Talks  With Washington\u{201D} alone.");
        assert_eq!(
            g.closest("talks with washingtn"),
            Some("\u{201C}Talks  With Washington\u{201D}")
        );
    }
}
