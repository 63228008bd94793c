//! `parallax entities`: the people, places and organisations of a corpus, with
//! every mention, as text or JSON.

use std::fmt::Write as _;

use serde::Serialize;

use serde::ser::Serializer;

use super::{Outcome, print_text, write_stdout};
use crate::analysis::{self, Analysis};
use crate::entities::{EntityIndex, EntityKind};

/// The JSON document, written straight to stdout as it is walked (no copy of the
/// corpus' texts is built), the articles while the entities are still being
/// resolved on another thread: `{"articles":[..],"entities":[..]}`.
fn write_json(mut analysis: Analysis) -> Outcome {
    let found = analysis.found.take();
    let ready = analysis.index.take();
    let corpus = &analysis.corpus;
    std::thread::scope(|scope| {
        let resolving = scope.spawn(move || match (ready, found) {
            (Some(index), _) => index,
            (None, Some(found)) => analysis::resolve(corpus, found),
            (None, None) => EntityIndex::default(),
        });
        write_stdout(move |out| {
            out.write_all(b"{\"articles\":")?;
            serde_json::to_writer(
                &mut *out,
                &Lazy(|| {
                    corpus.articles.iter().map(|a| ArticleOut {
                        id: &a.id,
                        path: &a.path,
                        title: a.title.as_deref(),
                        text: &a.text,
                    })
                }),
            )?;
            out.write_all(b",\"entities\":")?;
            let index = resolving
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            serde_json::to_writer(
                &mut *out,
                &Lazy(|| {
                    index.entities().iter().map(|e| EntityOut {
                        id: &e.id,
                        name: &e.name,
                        kind: e.kind,
                        aliases: &e.aliases,
                        mentions: Lazy(|| {
                            e.mentions.iter().map(|m| {
                                let a = &corpus.articles[m.article];
                                MentionOut {
                                    article: &a.id,
                                    start: m.start,
                                    end: m.end,
                                    text: &a.text[m.range()],
                                }
                            })
                        }),
                    })
                }),
            )?;
            out.write_all(b"}\n")
        })
    })
}

/// A JSON array of whatever the iterator yields, made when it is written.
struct Lazy<F>(F);

impl<F, I> Serialize for Lazy<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

#[derive(Serialize)]
struct ArticleOut<'a> {
    id: &'a str,
    path: &'a str,
    title: Option<&'a str>,
    text: &'a str,
}

#[derive(Serialize)]
struct EntityOut<'a, M: Serialize> {
    id: &'a str,
    name: &'a str,
    kind: EntityKind,
    aliases: &'a [String],
    mentions: M,
}

#[derive(Serialize)]
struct MentionOut<'a> {
    article: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
}

pub fn run(mut analysis: Analysis, json: bool) -> Outcome {
    if json {
        return write_json(analysis);
    }
    print_text(&plain(&analysis.take_index()))
}

/// Entities by kind (people, places, organisations, others), each with its mention
/// count and the number of articles it appears in.
fn plain(index: &EntityIndex) -> String {
    let mut out = String::new();
    let mut kind = None;
    for e in index.entities() {
        if kind != Some(e.kind) {
            if kind.is_some() {
                out.push('\n');
            }
            let heading = match e.kind {
                EntityKind::Person => "People",
                EntityKind::Place => "Places",
                EntityKind::Organization => "Organisations",
                EntityKind::Other => "Other names",
            };
            let _ = writeln!(out, "{heading}");
            kind = Some(e.kind);
        }
        let mut articles: Vec<usize> = e.mentions.iter().map(|m| m.article).collect();
        articles.dedup();
        let _ = write!(
            out,
            "{:>5}  {}  ({} article{})",
            e.mentions.len(),
            e.name,
            articles.len(),
            if articles.len() == 1 { "" } else { "s" }
        );
        if !e.aliases.is_empty() {
            let _ = write!(out, "  also: {}", e.aliases.join(", "));
        }
        out.push('\n');
    }
    out
}
