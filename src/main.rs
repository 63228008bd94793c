use std::process::ExitCode;

use clap::Parser;
use parallax::cli::{self, Args};

fn main() -> ExitCode {
    let mut args = Args::parse();
    let result = match args.command.take() {
        Some(command) => cli::run(command, &args),
        None if args.print_config => cli::print_text(&parallax::tui::settings::default_config()),
        None => parallax::tui::run(
            &args.paths,
            args.data_dir.as_deref(),
            args.config.as_deref(),
            !args.no_cache,
        )
        .map_err(cli::Failure),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(cli::Failure(msg)) => {
            eprintln!("parallax: {msg}");
            ExitCode::from(1)
        }
    }
}
