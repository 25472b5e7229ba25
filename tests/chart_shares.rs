//! A crowded lane (more segments than its pixels can show apart) is drawn as columns whose
//! stacked heights are the stances' shares of the time: a party that holds one stance three
//! days in four must be drawn three parts in that stance's colour to one in the other's.

mod common;
use common::Test;

/// Ten years of 4-day cycles for North Korea: `bilateral` for three days, `multilateral` for
/// one, as closed intervals (no carrying forward), 200 positions per article.
fn alternating() -> Test {
    let start = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    let day = |n: u64| start + chrono::Days::new(n);
    let cycles = 912;
    let mut t = Test::new();
    for a in 0..cycles / 100 + 1 {
        let first = a * 100;
        let last = ((a + 1) * 100).min(cycles);
        if first >= last {
            break;
        }
        let published = day(4 * last as u64 + 1);
        let mut text =
            format!("article:\n  title: T{a}\n  outlet: O\n  published: {published}\npositions:\n");
        for c in first..last {
            let d = 4 * c as u64;
            for (stance, from, to) in [("bilateral", d, d + 2), ("multilateral", d + 3, d + 3)] {
                text.push_str(&format!(
                    "  - party: north-korea\n    stance: {stance}\n    held: {}/{}\n    basis: report\n    quote: q\n",
                    day(from),
                    day(to)
                ));
            }
        }
        t = t.article(&format!("{published}-a{a}.yaml"), text);
    }
    t
}

/// The area of every `<rect>` of the SVG filled with `color`.
fn area(svg: &str, color: &str) -> f64 {
    let doc = roxmltree::Document::parse(svg).expect("the SVG parses as XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("rect"))
        .filter(|n| {
            n.attribute("fill")
                .is_some_and(|f| f.eq_ignore_ascii_case(color))
        })
        .map(|n| {
            let f = |a: &str| {
                n.attribute(a)
                    .and_then(|v| v.parse::<f64>().ok())
                    .unwrap_or(0.0)
            };
            f("width") * f("height")
        })
        .sum()
}

#[test]
fn crowded_lanes_draw_each_stance_by_its_share_of_the_time() {
    let t = alternating().args(&["chart", "-o", "lanes.svg", "--party", "north-korea"]);
    let out = t.output();
    assert_eq!(out.status, 0, "{}", out.stderr);
    let svg = std::fs::read_to_string(t.path().join("lanes.svg")).unwrap();
    assert!(
        svg.contains("crowded lanes show each stance"),
        "the lane is not drawn as crowded: the test no longer tests shares"
    );
    let bilateral = area(&svg, "#b2182b");
    let multilateral = area(&svg, "#2166ac");
    assert!(
        multilateral > 1000.0,
        "multilateral is hardly drawn: {multilateral}"
    );
    let ratio = bilateral / multilateral;
    assert!(
        (2.7..=3.3).contains(&ratio),
        "bilateral {bilateral:.0} px² against multilateral {multilateral:.0} px²: {ratio:.2}, not 3"
    );
}
