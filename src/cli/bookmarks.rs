//! `parallax bookmarks list | add | export`.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use serde::Serialize;

use super::{Args, Failure, Outcome, open, print_json, print_text};
use crate::corpus::Mode;
use crate::store::anchor::Status;
use crate::store::bookmark_file::{BookmarkStore, Snapshot};
use crate::store::bookmarks::{Bookmark, Resolved, corpus_key, find_quote, listing};
use crate::store::paths::Paths;

#[derive(Debug, Subcommand)]
pub enum Action {
    /// List bookmarks, newest first, checked against the articles as they are now.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Bookmark a passage of an article.
    Add {
        /// Article id (or its path).
        #[arg(long, value_name = "ID")]
        article: String,
        /// The passage's exact text (runs of whitespace may differ).
        #[arg(long, value_name = "TEXT")]
        quote: String,
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// The files or folders the article is in (none: the bundled seeds).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Export bookmarks, grouped by article.
    Export {
        #[arg(long, value_enum, default_value_t = Format::Markdown)]
        format: Format,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Markdown,
    Json,
}

pub fn run(action: Action, args: &Args) -> Outcome {
    let paths = Paths::resolve(args.data_dir.as_deref(), args.config.as_deref())?;
    let store = BookmarkStore::new(paths.bookmarks());
    match action {
        Action::List { json } => {
            let listed = listed(&store)?;
            if json {
                print_json(&Output { bookmarks: listed })
            } else {
                print_text(&text(&listed))
            }
        }
        Action::Add {
            article,
            quote,
            note,
            paths,
        } => add(&store, &article, &quote, note, &paths),
        Action::Export { format } => {
            let listed = listed(&store)?;
            match format {
                Format::Json => print_json(&Output { bookmarks: listed }),
                Format::Markdown => print_text(&markdown(&listed)),
            }
        }
    }
}

fn warn(snap: &Snapshot) {
    if let Some(w) = &snap.warning {
        eprintln!("parallax: {w}");
    }
}

fn add(
    store: &BookmarkStore,
    key: &str,
    quote: &str,
    note: Option<String>,
    paths: &[PathBuf],
) -> Outcome {
    let corpus = open(paths, Mode::Clean)?;
    let i = corpus
        .find(key)
        .ok_or_else(|| Failure(format!("no article {key:?} in the paths given")))?;
    let article = &corpus.articles[i];
    let range = find_quote(&article.text, quote)
        .ok_or_else(|| Failure(format!("quote not found in article {}", article.id)))?;
    let bookmark = Bookmark::new(article, &corpus_key(paths), range, note).map_err(Failure)?;
    let line = format!(
        "bookmarked {} in {} (bytes {}..{})\n",
        bookmark.id, bookmark.article, bookmark.start, bookmark.end
    );
    warn(&store.add(bookmark)?);
    print_text(&line)
}

/// One bookmark as the contract shows it (plus `title` and `source`).
#[derive(Serialize)]
struct Listed {
    id: String,
    article: String,
    title: Option<String>,
    source: String,
    quote: String,
    prefix: String,
    suffix: String,
    start: Option<usize>,
    end: Option<usize>,
    note: Option<String>,
    created: String,
    status: Status,
}

#[derive(Serialize)]
struct Output {
    bookmarks: Vec<Listed>,
}

/// Every bookmark, newest first, re-anchored against the files as they are.
fn listed(store: &BookmarkStore) -> Result<Vec<Listed>, Failure> {
    let snap = store.load()?;
    warn(&snap);
    Ok(listing(&snap.bookmarks)
        .into_iter()
        .map(
            |(
                b,
                Resolved {
                    range,
                    status,
                    title,
                },
            )| Listed {
                id: b.id,
                article: b.article,
                title,
                source: b.source,
                quote: b.quote,
                prefix: b.prefix,
                suffix: b.suffix,
                start: range.as_ref().map(|r| r.start),
                end: range.map(|r| r.end),
                note: b.note,
                created: b.created,
                status,
            },
        )
        .collect())
}

fn text(listed: &[Listed]) -> String {
    if listed.is_empty() {
        return "no bookmarks\n".into();
    }
    let mut out = String::new();
    for b in listed {
        out.push_str(&format!(
            "{}  {}  {:<8}  {} ({})\n",
            b.id,
            &b.created,
            b.status.as_str(),
            b.title.as_deref().unwrap_or(&b.article),
            b.article
        ));
        out.push_str(&format!("    “{}”\n", one_line(&b.quote, 200)));
        if let Some(note) = &b.note {
            out.push_str(&format!("    note: {}\n", one_line(note, 200)));
        }
    }
    out
}

/// Whitespace folded to single spaces, cut to `max` chars with an ellipsis.
fn one_line(s: &str, max: usize) -> String {
    let folded = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match folded.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &folded[..i]),
        None => folded,
    }
}

/// Markdown grouped by article (articles by their newest bookmark; passages in
/// reading order): title, source, each quote as a blockquote, its note.
fn markdown(listed: &[Listed]) -> String {
    let mut groups: Vec<(&str, Vec<&Listed>)> = Vec::new();
    for b in listed {
        match groups.iter_mut().find(|g| g.0 == b.source) {
            Some(g) => g.1.push(b),
            None => groups.push((&b.source, vec![b])),
        }
    }
    let mut out = String::from("# Bookmarks\n");
    if listed.is_empty() {
        out.push_str("\nNo bookmarks.\n");
    }
    for (source, mut items) in groups {
        items.sort_by_key(|b| (b.start.is_none(), b.start));
        let first = items[0];
        out.push_str(&format!(
            "\n## {}\n\nArticle `{}`, source `{source}`\n",
            first.title.as_deref().unwrap_or(&first.article),
            first.article
        ));
        for b in items {
            out.push('\n');
            for line in b.quote.lines() {
                if line.trim().is_empty() {
                    out.push_str(">\n");
                } else {
                    out.push_str(&format!("> {line}\n"));
                }
            }
            if let Some(note) = &b.note {
                out.push_str(&format!("\nNote: {}\n", note.trim()));
            }
            match b.status {
                Status::Anchored => {}
                Status::Moved => out.push_str("\n*(moved: the article changed)*\n"),
                Status::Orphaned => out.push_str("\n*(orphaned: not found in the article now)*\n"),
            }
        }
    }
    out
}
