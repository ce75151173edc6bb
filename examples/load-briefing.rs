//! Loads a file once, for measuring peak memory with `/usr/bin/time -v`:
//! `load-briefing brief FILE` (load and validate), `load-briefing serde FILE`
//! (bare serde_yaml into a `Value`), `load-briefing typed FILE` (bare
//! serde_yaml into brief's raw structs, one parse, no validation) or
//! `load-briefing quick FILE` (the quick YAML reader into the same).

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (mode, file) = (
        args.get(1).map_or("brief", |s| s),
        args.get(2).expect("FILE"),
    );
    let text = std::fs::read_to_string(file).expect("readable file");
    match mode {
        "serde" => {
            let v: serde_yaml::Value = serde_yaml::from_str(&text).expect("valid YAML");
            println!("{}", v.as_mapping().map_or(0, |m| m.len()));
        }
        "typed" => {
            use brief::briefing::raw::{Briefing, Val};
            let r: Val<Briefing> = serde_yaml::from_str(&text).expect("valid YAML");
            println!("{}", r.as_ok().and_then(|b| b.timeline.as_ref()).is_some());
        }
        "quick" => {
            use brief::briefing::raw::{Briefing, Val};
            let r: Val<Briefing> =
                brief::briefing::quick_yaml::from_str(&text).expect("plain enough YAML");
            println!("{}", r.as_ok().and_then(|b| b.timeline.as_ref()).is_some());
        }
        "raw" => {
            let t = std::time::Instant::now();
            let r = brief::briefing::raw::parse(&text).expect("valid YAML");
            let t1 = t.elapsed();
            let (b, p) = brief::briefing::validate::validate(r.as_ok().unwrap(), file.into());
            println!(
                "raw {t1:?}, validate {:?} ({} problems, {})",
                t.elapsed() - t1,
                p.len(),
                b.is_some()
            );
        }
        _ => {
            let r = brief::briefing::load_str(&text, file, file.into());
            println!(
                "{} errors, {} events",
                r.errors(),
                r.briefing.map_or(0, |b| b.events.len())
            );
        }
    }
}
