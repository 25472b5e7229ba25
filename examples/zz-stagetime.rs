use stanceline::annotation::load::{LoadOptions, load};
use stanceline::chart::{Chart, ImageFormat, Kind, Options};
use stanceline::diagnostic::conflict_warnings;
use stanceline::model::timeline::timelines;
use std::time::Instant;
fn main() {
    if std::env::args().nth(1).as_deref() == Some("ws") {
        return ws_main();
    }
    let dir = std::env::args().nth(1).unwrap();
    let mut o = LoadOptions::new(&dir);
    o.keep_evidence = std::env::args().nth(2).is_some();
    let t = Instant::now();
    let l = load(&o);
    println!(
        "load {:?} obs {} diags {}",
        t.elapsed(),
        l.dataset.observations.len(),
        l.diagnostics.len()
    );
    let ds = l.dataset;
    let t = Instant::now();
    let c = conflict_warnings(&ds);
    println!("conflicts {:?} n {}", t.elapsed(), c.len());
    let t = Instant::now();
    let tls = timelines(&ds);
    println!("timelines {:?}", t.elapsed());
    let t = Instant::now();
    let ds2 = ds.clone();
    println!("clone ds {:?}", t.elapsed());
    drop(ds2);
    for (kind, format) in [
        (Kind::Lanes, ImageFormat::Png),
        (Kind::Lanes, ImageFormat::Svg),
        (Kind::Scores, ImageFormat::Png),
        (Kind::Scores, ImageFormat::Svg),
    ] {
        let opts = Options {
            kind,
            ..Options::default()
        };
        let t = Instant::now();
        let chart = Chart::new(&ds, &tls, &opts).unwrap();
        let img = chart.render(format).unwrap();
        println!("{:?} {:?} {:?}", kind, format, t.elapsed());
        std::hint::black_box(img);
    }
}
#[allow(dead_code)]
fn ws_main() {
    use stanceline::annotation::workspace::{Changed, Workspace};
    let dir = std::path::PathBuf::from(std::env::args().nth(2).unwrap());
    let mut o = LoadOptions::new(&dir);
    o.keep_all_texts = false;
    let t = Instant::now();
    let mut ws = Workspace::open(o);
    println!("open {:?}", t.elapsed());
    let arts = dir.join("articles");
    let mut names: Vec<_> = std::fs::read_dir(&arts)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let p = names[names.len() / 2].clone();
    let text = std::fs::read_to_string(&p).unwrap();
    let n: usize = std::env::var("N").ok().and_then(|v| v.parse().ok()).unwrap_or(6);
    for i in 0..n {
        let t2 = text.replacen(
            "basis: ",
            if i % 2 == 0 { "basis:  " } else { "basis: " },
            1,
        );
        let tmp = arts.join(".tmp.yaml~");
        std::fs::write(&tmp, t2).unwrap();
        std::fs::rename(&tmp, &p).unwrap();
        let t = Instant::now();
        let touched = ws.refresh(&Changed::Paths(vec![tmp.clone(), p.clone()]));
        println!(
            "refresh {:?} {:?}",
            t.elapsed(),
            touched.map(|t| t.parties.len())
        );
        let t = Instant::now();
        let touched = ws.refresh(&Changed::Paths(vec![p.clone()]));
        println!(
            "  refresh (no relist) {:?} {:?}",
            t.elapsed(),
            touched.map(|t| t.parties.len())
        );
    }
    std::fs::write(&p, text).unwrap();
}
#[allow(dead_code)]
pub fn prof() {}
