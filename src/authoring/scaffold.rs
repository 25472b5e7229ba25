//! A new article file, as `stanceline new` writes it: the article block filled in, one
//! position to fill in, the codebook's ids in comments, and the modeline that gives editors
//! the schema.

use super::schema::MODELINE;
use crate::date::DatePoint;
use crate::model::codebook::Codebook;

/// What is known of a new article.
#[derive(Debug, Clone)]
pub struct NewArticle {
    pub title: String,
    pub outlet: String,
    pub author: Option<String>,
    pub published: DatePoint,
    pub url: Option<String>,
    /// The file name of its text (for `check --sources`).
    pub source: Option<String>,
}

/// The longest slug made from a title, in characters (a whole word past it is left out).
const SLUG_MAX: usize = 60;

/// A file name part from a title: its words (letters and digits), lowercased, joined by `-`,
/// as many whole words as fit in [`SLUG_MAX`] characters (the first word cut there if it is
/// longer). Empty when the title has no letter or digit.
pub fn slug(title: &str) -> String {
    let mut slug = String::new();
    for word in title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let word = word.to_lowercase();
        let len = slug.chars().count();
        let extra = word.chars().count() + usize::from(len > 0);
        if len + extra > SLUG_MAX {
            if len == 0 {
                slug = word.chars().take(SLUG_MAX).collect();
            }
            break;
        }
        if len > 0 {
            slug.push('-');
        }
        slug.push_str(&word);
    }
    slug
}

/// Why a slug given with `--slug` cannot name a file, if it cannot.
pub fn slug_problem(slug: &str) -> Option<&'static str> {
    if slug.is_empty() {
        Some("it is empty")
    } else if slug.starts_with(['-', '.']) {
        Some("it starts with `-` or `.`")
    } else if !slug
        .chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        Some("use letters, digits, `-` and `_` only")
    } else {
        None
    }
}

/// `2009-07-27-slug.yaml`: the published date as written, without its qualifiers, then the
/// slug (`check` warns when a file name's date is not the published date).
pub fn file_name(published: DatePoint, slug: &str) -> String {
    let date = DatePoint {
        uncertain: false,
        approximate: false,
        ..published
    };
    format!("{date}-{slug}.yaml")
}

/// A text as a YAML scalar that reads back as that text: plain where YAML reads it as written
/// (and as a text, not a number, a boolean or null), double-quoted otherwise (JSON's escapes
/// are YAML's too).
pub fn scalar(text: &str) -> String {
    if plain_is_safe(text) {
        text.to_string()
    } else {
        serde_json::to_string(text).expect("a string prints")
    }
}

fn plain_is_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let lower = text.to_ascii_lowercase();
    let special = [
        "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", "-.inf", "+.inf",
        ".nan",
    ];
    !(text.trim() != text
        || "-?:,[]{}#&*!|>'\"%@`".contains(first)
        || text.contains(": ")
        || text.contains(" #")
        || text.ends_with(':')
        || text.chars().any(|c| c.is_control())
        || special.contains(&lower.as_str())
        || looks_numeric(text))
}

/// Whether YAML could read `text` as a number (or a date, which reads the same as text but is
/// not worth the doubt).
fn looks_numeric(text: &str) -> bool {
    let t = text.trim_start_matches(['+', '-']);
    t.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && t.chars()
            .all(|c| c.is_ascii_hexdigit() || "._:xXoO+-".contains(c))
}

/// The text of a new article file.
pub fn article_text(cb: &Codebook, a: &NewArticle) -> String {
    let mut out = String::new();
    let mut line = |s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    line(MODELINE);
    line("article:");
    line(&format!("  title: {}", scalar(&a.title)));
    line(&format!("  outlet: {}", scalar(&a.outlet)));
    if let Some(author) = &a.author {
        line(&format!("  author: {}", scalar(author)));
    }
    line(&format!("  published: {}", a.published));
    if let Some(url) = &a.url {
        line(&format!("  url: {}", scalar(url)));
    }
    if let Some(source) = &a.source {
        line(&format!("  source: {}", scalar(source)));
    }
    line("");
    for comment in codebook_comments(cb) {
        line(format!("# {comment}").trim_end());
    }
    line("positions:");
    line("  - speaker:");
    line("    party:");
    line("    stance:");
    line(&format!("    held: {}", a.published));
    line("    basis:");
    line("    quote:");
    out
}

/// What the positions may name, from the codebook, as comment lines.
fn codebook_comments(cb: &Codebook) -> Vec<String> {
    let mut out = vec![
        "Fill in the position below, and copy it for each further position the article records."
            .to_string(),
        String::new(),
        "party: an id (or a name, short label or alias):".to_string(),
    ];
    for p in cb.parties() {
        let others: Vec<&str> = p
            .short
            .iter()
            .chain(&p.aliases)
            .map(String::as_str)
            .collect();
        let others = if others.is_empty() {
            String::new()
        } else {
            format!(" ({})", others.join(", "))
        };
        out.push(format!("  {}: {}{others}", p.id, p.name));
    }
    out.push("stance: an id, in scale order:".to_string());
    for id in cb.stances_in_scale_order() {
        let s = cb.stance(id);
        let score = match s.score {
            Some(x) => format!("score {x}"),
            None => "off the axis".to_string(),
        };
        out.push(format!("  {}: {} ({score})", s.id, s.label));
    }
    if !cb.speakers().is_empty() {
        out.push("speaker: any name; for one of these, party may be left out:".to_string());
        let mut seen: Vec<&str> = Vec::new();
        for t in cb.speakers() {
            if seen.iter().any(|n| n.eq_ignore_ascii_case(&t.name)) {
                continue;
            }
            seen.push(&t.name);
            out.push(format!("  {} ({})", t.name, cb.party(t.party).id));
        }
    }
    out.push(
        "held: a date or an interval (2003/2005-07, 2009-04/..); defaults to published".into(),
    );
    out.push("basis: statement (own words), report or inference".into());
    out.push("confidence: high, medium (the default) or low".into());
    out.push(String::new());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_whole_words() {
        assert_eq!(
            slug("So I guess bilats are OK then"),
            "so-i-guess-bilats-are-ok-then"
        );
        assert_eq!(slug("  Iran's  reply: «non»!  "), "iran-s-reply-non");
        assert_eq!(slug("Zarif à Genève"), "zarif-à-genève");
        assert_eq!(slug("?!"), "");
        let long = "word ".repeat(20);
        let s = slug(&long);
        assert_eq!(s.chars().count(), 59, "{s}");
        assert!(s.ends_with("word"));
        assert_eq!(slug(&"x".repeat(70)).len(), SLUG_MAX);
    }

    #[test]
    fn scalars_read_back_as_text() {
        for plain in [
            "So I guess bilats are OK then",
            "Foreign Policy (The Cable)",
            "https://foreignpolicy.com/2005/07/25/so-i-guess/#top",
            "Iran's reply",
            "000_f4d6f27fe04e25c3.txt",
        ] {
            assert_eq!(scalar(plain), plain);
        }
        for (text, quoted) in [
            ("Talks: a new start", r#""Talks: a new start""#),
            ("yes", r#""yes""#),
            ("2012", r#""2012""#),
            ("1e5", r#""1e5""#),
            ("- dash", r#""- dash""#),
            ("a #tag", r#""a #tag""#),
            ("\"quoted\"", r#""\"quoted\"""#),
            (" padded", r#"" padded""#),
            ("two\nlines", r#""two\nlines""#),
            ("", r#""""#),
        ] {
            assert_eq!(scalar(text), quoted, "{text}");
        }
    }

    #[test]
    fn file_names_drop_qualifiers() {
        let d = crate::date::parse_point("2009-07~").unwrap();
        assert_eq!(file_name(d, "x"), "2009-07-x.yaml");
    }
}
