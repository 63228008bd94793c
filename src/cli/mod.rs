//! The non-interactive front end: argument definitions and the subcommands.
//! Each subcommand lives in its own file and prints JSON or text to stdout.

mod bookmarks;
mod clean;
mod compare;
mod entities;

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::analysis::{self, Analysis, Options};
use crate::corpus::{Corpus, Mode};
use crate::store::cache::{self, Cache};
use crate::store::paths::Paths;

#[derive(Debug, Parser)]
#[command(
    name = "parallax",
    version,
    about = "A terminal reader for news coverage: read the same story across outlets, clean."
)]
pub struct Args {
    /// Where bookmarks and reading state are kept.
    #[arg(long, env = "PARALLAX_DATA_DIR", global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// The config file (keys and theme).
    #[arg(long, env = "PARALLAX_CONFIG", global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Print the default keys and theme as a config file to start from.
    #[arg(long)]
    pub print_config: bool,
    /// Neither read nor write the analysis cache.
    #[arg(long, global = true)]
    pub no_cache: bool,
    /// Files or folders to read (none: the bundled seeds).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print cleaned articles: title, a blank line, the text.
    Clean {
        /// JSON with paragraph ranges, removed lines and their reasons.
        #[arg(long)]
        json: bool,
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Bookmarked passages: list, add, export.
    Bookmarks {
        #[command(subcommand)]
        action: bookmarks::Action,
    },
    /// List people, places and organisations, each with every mention.
    Entities {
        /// JSON: articles with their text, entities with byte-range mentions.
        #[arg(long)]
        json: bool,
        /// Skip cleaning: recognise in the text exactly as decoded.
        #[arg(long)]
        raw: bool,
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Line up the passages of two articles that report the same thing, and list
    /// the quotes they share.
    Compare {
        /// JSON: byte ranges of the aligned passages and shared quotes.
        #[arg(long)]
        json: bool,
        /// An article id (of the bundled seeds) or a file.
        #[arg(value_name = "A")]
        a: String,
        /// The other article: an id or a file.
        #[arg(value_name = "B")]
        b: String,
    },
}

/// An error for the user: one line on stderr, exit status 1.
#[derive(Debug)]
pub struct Failure(pub String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

pub type Outcome = Result<(), Failure>;

/// Runs a subcommand.
pub fn run(command: Command, args: &Args) -> Outcome {
    match command {
        Command::Clean { json, paths } => {
            let options = Options {
                entities: false,
                ..Options::default()
            };
            clean::run(
                &analyse(&paths, options, cache(args).as_ref())?.corpus,
                json,
            )
        }
        Command::Bookmarks { action } => bookmarks::run(action, args),
        Command::Entities { json, raw, paths } => {
            let mode = if raw { Mode::Raw } else { Mode::Clean };
            let options = Options {
                mode,
                // Resolved while the articles are written out.
                resolve: false,
                keep_removed: false,
                ..Options::default()
            };
            entities::run(analyse(&paths, options, cache(args).as_ref())?, json)
        }
        Command::Compare { json, a, b } => compare::run(&a, &b, json),
    }
}

/// The analysis cache, unless `--no-cache` (or no place for it can be found).
pub fn cache(args: &Args) -> Option<Cache> {
    if args.no_cache {
        return None;
    }
    let paths = Paths::resolve(args.data_dir.as_deref(), args.config.as_deref()).ok()?;
    Some(Cache::new(&paths.cache_dir, cache::DEFAULT_LIMIT))
}

/// Runs the analysis pipeline, reporting unreadable files on stderr; an error if
/// nothing loads.
pub fn analyse(
    paths: &[PathBuf],
    options: Options,
    cache: Option<&Cache>,
) -> Result<Analysis, Failure> {
    let analysis = analysis::open(paths, options, cache, &mut analysis::Quiet);
    report_problems(&analysis.corpus);
    if analysis.corpus.articles.is_empty() {
        return Err(Failure("no readable articles in the paths given".into()));
    }
    Ok(analysis)
}

/// Loads a corpus, reporting unreadable files on stderr; an error if nothing loads.
pub fn open(paths: &[PathBuf], mode: Mode) -> Result<Corpus, Failure> {
    let corpus = Corpus::open(paths, mode);
    report_problems(&corpus);
    if corpus.articles.is_empty() {
        return Err(Failure("no readable articles in the paths given".into()));
    }
    Ok(corpus)
}

pub fn report_problems(corpus: &Corpus) {
    for p in &corpus.problems {
        eprintln!("parallax: {p}");
    }
}

/// Writes `value` as JSON to stdout.
pub fn print_json<T: serde::Serialize>(value: &T) -> Outcome {
    write_stdout(|out| {
        serde_json::to_writer(&mut *out, value).map_err(io::Error::from)?;
        writeln!(out)
    })
}

/// Writes text to stdout.
pub fn print_text(text: &str) -> Outcome {
    write_stdout(|out| out.write_all(text.as_bytes()))
}

/// Buffered stdout; a reader that goes away (`parallax clean | head`) is not an error.
pub(crate) fn write_stdout(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Outcome {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}
