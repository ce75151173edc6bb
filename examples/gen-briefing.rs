//! Writes a synthetic briefing to stdout:
//! `cargo run --release --example gen-briefing -- 20000 > big.yaml`

fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_000);
    print!("{}", brief::synth::briefing_yaml(n));
}
