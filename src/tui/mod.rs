use crate::briefing::Briefing;
use std::process::ExitCode;

pub fn run(b: Briefing) -> ExitCode {
    print!("{}", crate::print::print(&b, 80));
    ExitCode::SUCCESS
}
