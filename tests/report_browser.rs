//! `stanceline report` in a real browser: headless Chromium, driven over the DevTools
//! protocol (tests/cdp). The page is opened from `file://` with the network off; what a
//! reader does (point at a marker, click a bar, tab through the chart, print) is done with
//! real input events. A machine without Chromium fails these tests: `.ci/run` installs it.
//!
//! With `STANCELINE_SCREENSHOTS=DIR`, the screenshots are kept in DIR to look at.

mod cdp;
mod common;

use cdp::{Browser, Page};
use common::root;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Write a report with the binary; its path.
fn report(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let out = dir.join(name);
    let run = Command::new(env!("CARGO_BIN_EXE_stanceline"))
        .arg("report")
        .arg("-o")
        .arg(&out)
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "report failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    out
}

fn url(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Open a page with the network off, alerts caught instead of shown, in a viewport of
/// 1280×900 preferring `scheme`.
fn open(page: &mut Page, path: &Path, scheme: &str) {
    page.call(
        "Network.emulateNetworkConditions",
        json!({ "offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 }),
    );
    page.call(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": "window.__alerts = []; for (const f of ['alert', 'confirm', 'prompt']) \
                 window[f] = (m) => { window.__alerts.push(String(m)); };" }),
    );
    page.viewport(1280, 900);
    page.media("screen", scheme);
    page.open(&url(path));
}

/// Console messages, exceptions and log entries of level error or warning, and requests that
/// left the file.
fn complaints(page: &Page) -> Vec<String> {
    let mut out = Vec::new();
    for e in page.events() {
        let p = &e["params"];
        match e["method"].as_str().unwrap_or("") {
            "Runtime.exceptionThrown" => out.push(format!("exception: {}", p["exceptionDetails"])),
            "Runtime.consoleAPICalled"
                if matches!(p["type"].as_str(), Some("error" | "warning" | "assert")) =>
            {
                out.push(format!("console {}: {}", p["type"], p["args"]))
            }
            "Log.entryAdded"
                if matches!(p["entry"]["level"].as_str(), Some("error" | "warning")) =>
            {
                out.push(format!("log: {}", p["entry"]["text"]))
            }
            "Network.requestWillBeSent" => {
                let u = p["request"]["url"].as_str().unwrap_or("");
                if !u.starts_with("file://") {
                    out.push(format!("request: {u}"));
                }
            }
            "Page.javascriptDialogOpening" => out.push(format!("dialog: {}", p["message"])),
            _ => {}
        }
    }
    out
}

/// The center of the first element `selector` matches, scrolled into view, in viewport
/// coordinates.
fn center(page: &mut Page, selector: &str) -> (f64, f64) {
    let v = page.eval(&format!(
        "(() => {{ const e = document.querySelector({}); if (!e) return null; \
         e.scrollIntoView({{block: 'center'}}); const b = e.getBoundingClientRect(); \
         return [b.left + b.width / 2, b.top + b.height / 2]; }})()",
        json!(selector)
    ));
    assert!(v.is_array(), "nothing matches {selector}");
    (v[0].as_f64().unwrap(), v[1].as_f64().unwrap())
}

fn tip(page: &mut Page) -> Option<String> {
    let v = page.eval("(() => { const t = document.getElementById('tip'); return t.hidden ? null : t.textContent; })()");
    v.as_str().map(str::to_string)
}

/// A screenshot, kept if asked; the decoded image's width, height and RGBA pixels.
fn screenshot(page: &mut Page, name: &str) -> (u32, u32, Vec<u8>) {
    let png = page.screenshot();
    if let Ok(dir) = std::env::var("STANCELINE_SCREENSHOTS") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(Path::new(&dir).join(name), &png).unwrap();
    }
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let mut rgba = Vec::with_capacity(info.width as usize * info.height as usize * 4);
    for px in buf[..info.buffer_size()].chunks(channels) {
        rgba.extend_from_slice(&[px[0], px[1], px[2], 255]);
    }
    (info.width, info.height, rgba)
}

/// Elements whose text runs out of their box, and whether the page scrolls sideways.
const OVERFLOW: &str = "(() => {
  const bad = [];
  for (const e of document.querySelectorAll('h1, h2, h3, h4, p, li, th, td, figcaption, summary, footer, nav')) {
    if (e.offsetParent === null) continue;
    if (e.scrollWidth > e.clientWidth + 1) bad.push(e.tagName + ': ' + e.textContent.slice(0, 60));
  }
  if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1)
    bad.push('the page scrolls sideways: ' + document.documentElement.scrollWidth);
  return bad;
})()";

fn assert_not_blank(w: u32, h: u32, rgba: &[u8], background: [u8; 3]) {
    assert!(w >= 1000 && h >= 1500, "{w}×{h}");
    let ink = rgba
        .chunks(4)
        .filter(|p| {
            p[..3]
                .iter()
                .zip(background)
                .any(|(&a, b)| a.abs_diff(b) > 40)
        })
        .count();
    let share = ink as f64 / (w * h) as f64;
    assert!(
        share > 0.02,
        "only {share:.4} of the page differs from its background"
    );
    let mut colors: Vec<[u8; 3]> = rgba.chunks(4).map(|p| [p[0], p[1], p[2]]).collect();
    colors.sort_unstable();
    colors.dedup();
    assert!(colors.len() > 50, "only {} colors", colors.len());
}

#[test]
fn the_shipped_report_works_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let path = report(dir.path(), "report.html", &["--sources", "../shared/seeds"]);
    let mut browser = Browser::launch();
    let mut page = browser.page();
    open(&mut page, &path, "light");
    let load = page.eval("performance.getEntriesByType('navigation')[0].loadEventEnd");
    eprintln!(
        "the shipped report loaded in {:.0} ms",
        load.as_f64().unwrap()
    );
    assert_eq!(complaints(&page), Vec::<String>::new());
    assert_eq!(
        page.eval("document.title"),
        json!("Should talks on North Korea's nuclear program be bilateral or six-party?")
    );

    // Pointing at a marker shows its quote, speaker, basis and article with its link.
    let marker =
        "#lanes-light g.marker[aria-label^=\"North Korea: Bilateral only, held 2009-07-27\"]";
    assert_eq!(tip(&mut page), None);
    let (x, y) = center(&mut page, marker);
    page.mouse("mouseMoved", x, y);
    let text = tip(&mut page).expect("no tooltip on hover");
    screenshot(&mut page, "shipped-tooltip.png");
    for part in [
        "North Korea: Bilateral only",
        "“it will come back to the table only if the six-party format is abandoned”",
        "report · high confidence · held 2009-07-27",
        "Pyongyang wants bilateral talks, Foreign Policy, 2009-07-27",
        "“an issue concerning only Pyongyang and Washington”",
        "North Korea's top U.N. diplomat",
    ] {
        assert!(text.contains(part), "the tooltip lacks {part:?}: {text}");
    }
    assert_eq!(
        page.eval("document.querySelector('#tip a').href"),
        json!("https://foreignpolicy.com/2009/07/27/pyongyang-wants-bilateral-talks/")
    );
    page.mouse("mouseMoved", 5.0, 5.0);
    page.eval("new Promise(r => setTimeout(r, 400))");
    assert_eq!(
        tip(&mut page),
        None,
        "the tooltip stays after the pointer left"
    );

    // Clicking a bar scrolls to its evidence and highlights it.
    let bar = "#lanes-light g.segment[data-party=\"united-states\"][data-stance=\"bilateral-within-six-party\"]";
    let (x, y) = center(&mut page, bar);
    page.eval("window.scrollTo(0, 0)");
    let (x2, y2) = center(&mut page, bar);
    assert_eq!((x, y), (x2, y2));
    page.click(x, y);
    let lit = page.eval(
        "(() => { const l = [...document.querySelectorAll('.hl')]; return l.map(e => { \
         const b = e.getBoundingClientRect(); return [e.tagName, e.id, b.top >= 0 && b.bottom <= innerHeight, \
         document.activeElement === e, e.querySelectorAll('tr[data-obs]').length]; }); })()",
    );
    assert_eq!(
        lit,
        json!([["TBODY", "p1-s1", true, true, 3]]),
        "after clicking the bar"
    );
    assert!(page.eval("scrollY").as_f64().unwrap() > 500.0);
    let seg = page
        .eval("getComputedStyle(document.querySelector('#p1-s1 tr[data-obs] td')).backgroundColor");
    assert_eq!(seg, json!("rgb(255, 240, 179)"), "the highlight's color");

    // Clicking a marker highlights its own rows.
    let (x, y) = center(&mut page, marker);
    page.click(x, y);
    let rows = page.eval("[...document.querySelectorAll('tr.hl')].map(r => r.dataset.obs + ' ' + r.closest('tbody').id)");
    assert_eq!(rows.as_array().unwrap().len(), 2, "{rows}");

    // Keyboard: Tab reaches every mark of the visible lanes chart, and focus shows the tooltip.
    page.eval("document.activeElement.blur(); window.scrollTo(0, 0)");
    let total = page.eval("document.querySelectorAll('#lanes-light g[tabindex=\"0\"]').length");
    let markers = page.eval("document.querySelectorAll('#lanes-light g.marker').length");
    assert_eq!(markers, json!(15));
    let mut tips = 0;
    for _ in 0..200 {
        page.key("Tab", "Tab", 9);
        let on = page.eval(
            "(() => { const a = document.activeElement; if (!a.closest('#lanes-light')) return false; \
             a.dataset.reached = '1'; return true; })()",
        );
        if on == json!(true) && tip(&mut page).is_some_and(|t| !t.is_empty()) {
            tips += 1;
        }
        if page.eval("document.querySelectorAll('#lanes-light g[tabindex=\"0\"]:not([data-reached])').length") == json!(0) {
            break;
        }
    }
    let left = page.eval("[...document.querySelectorAll('#lanes-light g[tabindex=\"0\"]:not([data-reached])')].map(g => g.getAttribute('aria-label'))");
    assert_eq!(left, json!([]), "marks Tab did not reach");
    assert_eq!(json!(tips), total, "each mark focused shows its tooltip");
    // Enter on a focused mark goes to its evidence, as a click does.
    page.eval(&format!(
        "document.querySelector({}).focus()",
        json!(marker)
    ));
    page.key("Enter", "Enter", 13);
    let rows = page.eval("[...document.querySelectorAll('tr.hl')].length");
    assert_eq!(rows, json!(2));

    // The quotes were checked against the seeds: all found.
    let found =
        page.eval("[...document.querySelectorAll('#sources .found')].map(e => e.textContent)");
    assert_eq!(
        found,
        json!([
            "all 7 quotes found",
            "all 3 quotes found",
            "all 6 quotes found"
        ])
    );

    // Light: not blank, nothing overflows.
    page.eval("document.activeElement.blur(); document.querySelectorAll('.hl').forEach(e => e.classList.remove('hl')); window.scrollTo(0, 0)");
    assert_eq!(page.eval(OVERFLOW), json!([]));
    let (w, h, rgba) = screenshot(&mut page, "shipped-light.png");
    assert_not_blank(w, h, &rgba, [255, 255, 255]);
    assert_eq!(&rgba[..3], &[255, 255, 255]);

    // Dark: the dark charts and colors.
    page.media("screen", "dark");
    assert_eq!(
        page.eval("[getComputedStyle(document.querySelector('#fig-lanes .dark')).display, getComputedStyle(document.querySelector('#fig-lanes .light')).display]"),
        json!(["block", "none"])
    );
    assert_eq!(page.eval(OVERFLOW), json!([]));
    let (w, h, rgba) = screenshot(&mut page, "shipped-dark.png");
    assert_not_blank(w, h, &rgba, [0x16, 0x18, 0x1d]);
    assert_eq!(&rgba[..3], &[0x16, 0x18, 0x1d]);
    assert_eq!(complaints(&page), Vec::<String>::new());
}

/// The text of each page of a PDF.
fn pdf_pages(pdf: &Path) -> Vec<String> {
    let out =
        Command::new("pdftotext").arg(pdf).arg("-").output().expect(
            "the print test needs pdftotext (apt-get install poppler-utils, as .ci/run does)",
        );
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .split('\u{c}')
        .map(str::to_string)
        .collect()
}

/// The page of the PDF that holds `text`, or every page that holds it.
fn pages_with(pages: &[String], text: &str) -> Vec<usize> {
    (0..pages.len())
        .filter(|&i| pages[i].contains(text))
        .collect()
}

#[test]
fn the_report_prints_without_cutting_a_chart() {
    let dir = tempfile::tempdir().unwrap();
    for (name, args) in [
        ("shipped.html", vec![]),
        ("iran.html", vec!["--annotations", "tests/fixtures/iran"]),
    ] {
        let path = report(dir.path(), name, &args);
        let mut browser = Browser::launch();
        let mut page = browser.page();
        // A dark preference does not print dark.
        open(&mut page, &path, "dark");
        page.media("print", "dark");
        // Closed sections print open.
        page.eval("document.querySelectorAll('details').forEach(d => d.open = false)");
        assert_eq!(
            page.eval("[getComputedStyle(document.querySelector('#fig-lanes .light')).display, getComputedStyle(document.body).color, [...document.querySelectorAll('#parties details h4')].every(h => h.checkVisibility())]"),
            json!(["block", "rgb(26, 26, 26)", true])
        );
        let last_quote =
            page.eval("[...document.querySelectorAll('#parties tr[data-obs] > td:nth-child(2) > q')].pop().textContent");
        let last_quote = last_quote.as_str().unwrap().to_string();
        let pdf = page.pdf();
        assert!(pdf.starts_with(b"%PDF-"), "{name}: not a PDF");
        let file = dir.path().join(format!("{name}.pdf"));
        std::fs::write(&file, &pdf).unwrap();
        if let Ok(keep) = std::env::var("STANCELINE_SCREENSHOTS") {
            std::fs::create_dir_all(&keep).unwrap();
            std::fs::copy(&file, Path::new(&keep).join(format!("{name}.pdf"))).unwrap();
        }
        let pages = pdf_pages(&file);
        assert!(pages.len() >= 2, "{name}: {} pages", pages.len());
        // Each chart's first words (its subtitle) and last (its legend) on one page.
        for (first, last) in [
            (
                "Stance of each party over time",
                "Paler: date uncertain or approximate",
            ),
            ("Stance on the scale, by party, over time", "Party"),
        ] {
            let a = pages_with(&pages, first);
            assert_eq!(a.len(), 1, "{name}: {first:?} on pages {a:?}");
            assert!(
                pages[a[0]].split(first).nth(1).unwrap().contains(last),
                "{name}: the chart that starts {first:?} on page {} ends on another",
                a[0] + 1
            );
        }
        // The last party's last quote is in the PDF (its first words: the PDF may wrap it).
        let words: Vec<&str> = last_quote.split_whitespace().take(3).collect();
        assert!(
            pages.iter().any(|p| p.contains(&words.join(" "))),
            "{name}: {last_quote:?} is not printed"
        );
        assert_eq!(complaints(&page), Vec::<String>::new(), "{name}");
    }
}

const HOSTILE_CODEBOOK: &str = r#"question: "Who <b>wins</b>? <script>alert('question')</script>"
stances:
  - id: yes
    label: "Yes <img src=x onerror=alert('label')>"
    score: 1
    description: "</td></tr></table><script>alert('description')</script>"
  - id: no
    label: No
    score: -1
parties:
  - id: a
    name: "\"><svg onload=alert('party')>"
  - id: b
    name: B
"#;

const HOSTILE_ARTICLE: &str = r#"article:
  title: "<script>alert('title')</script>"
  outlet: "\"><img src=x onerror=alert('outlet')>"
  author: "</script><script>alert('author')</script>"
  published: 2020-01-10
  url: "javascript:alert('url')"
positions:
  - party: a
    stance: yes
    held: 2020-01-05
    basis: statement
    speaker: "<iframe src=javascript:alert('speaker')>"
    quote: "<script>alert(1)</script>"
    conditions: "\"><img src=x onerror=alert('conditions')>"
    note: "<style>body{display:none}</style>"
  - party: b
    stance: no
    held: 2020-01-06
    basis: report
    quote: "\"><img src=x onerror=alert(2)>"
"#;

#[test]
fn annotation_text_shows_as_text_and_runs_nothing() {
    let t = common::Test::new()
        .codebook(HOSTILE_CODEBOOK)
        .article("2020-01-10-x.yaml", HOSTILE_ARTICLE)
        .args(&["report", "-o", "report.html"]);
    let out = t.output();
    assert_eq!(out.status, 0, "{}", out.stderr);
    let path = t.path().join("report.html");
    let mut browser = Browser::launch();
    let mut page = browser.page();
    open(&mut page, &path, "light");
    let (x, y) = center(&mut page, "#lanes-light g.marker[data-party=\"a\"]");
    page.mouse("mouseMoved", x, y);
    let text = tip(&mut page).expect("no tooltip");
    assert!(text.contains("“<script>alert(1)</script>”"), "{text}");
    assert!(
        text.contains("<iframe src=javascript:alert('speaker')>"),
        "{text}"
    );
    page.mouse("mouseMoved", 5.0, 5.0);
    page.eval("new Promise(r => setTimeout(r, 400))");
    let (x, y) = center(&mut page, "#lanes-light g.marker[data-party=\"b\"]");
    page.mouse("mouseMoved", x, y);
    let text = tip(&mut page).expect("no tooltip");
    assert!(text.contains("“\"><img src=x onerror=alert(2)>”"), "{text}");
    page.click(x, y);
    // Nothing ran, nothing was made of the text but text.
    assert_eq!(page.eval("window.__alerts"), json!([]));
    let made: Value = page.eval(
        "[document.scripts.length, document.querySelectorAll('img, iframe, b, style').length, \
         document.querySelectorAll('body svg:not(figure svg), body svg svg').length, \
         [...document.querySelectorAll('a[href]')].filter(a => !/^(https?:|#)/.test(a.getAttribute('href'))).length, \
         getComputedStyle(document.body).display]",
    );
    // One script (the report's own) and one style element (in the head): none from the text.
    assert_eq!(made, json!([1, 1, 0, 0, "block"]));
    assert_eq!(
        page.eval("document.querySelector('h1').textContent"),
        json!("Who <b>wins</b>? <script>alert('question')</script>")
    );
    assert_eq!(
        page.eval(
            "document.querySelector('tr[data-obs=\"o0\"] > td:nth-child(2) > q').textContent"
        ),
        json!("<script>alert(1)</script>")
    );
    assert_eq!(
        page.eval("document.querySelector('#sources tbody th').firstChild.textContent"),
        json!("<script>alert('title')</script>")
    );
    assert_eq!(complaints(&page), Vec::<String>::new());
}
