use std::io::ErrorKind;
use std::process::ExitCode;

use clap::Parser;
use parallax::cli::{self, Args};

fn main() -> ExitCode {
    let mut args = Args::parse();
    let result = match args.command.take() {
        Some(command) => cli::run(command, &args),
        None => Err(cli::Failure("the reader is not built yet".into())),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(cli::Failure(msg)) => {
            // A closed pipe (`parallax clean | head`) is not an error.
            if msg.contains(&std::io::Error::from(ErrorKind::BrokenPipe).to_string()) {
                return ExitCode::SUCCESS;
            }
            eprintln!("parallax: {msg}");
            ExitCode::from(1)
        }
    }
}
