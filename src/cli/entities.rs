//! `parallax entities`: the people, places and organisations of a corpus, with
//! every mention, as text or JSON.

use std::fmt::Write as _;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::{Outcome, print_json, print_text};
use crate::analysis::Analysis;
use crate::corpus::Corpus;
use crate::entities::{EntityIndex, EntityKind};

/// The JSON document, serialised straight to stdout as it is walked: no copy of
/// the corpus' texts is built (the whole corpus can be hundreds of megabytes).
struct Output<'a> {
    corpus: &'a Corpus,
    index: &'a EntityIndex,
}

impl Serialize for Output<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry(
            "articles",
            &Lazy(|| {
                self.corpus.articles.iter().map(|a| ArticleOut {
                    id: &a.id,
                    path: &a.path,
                    title: a.title.as_deref(),
                    text: &a.text,
                })
            }),
        )?;
        map.serialize_entry(
            "entities",
            &Lazy(|| {
                self.index.entities().iter().map(|e| EntityOut {
                    id: &e.id,
                    name: &e.name,
                    kind: e.kind,
                    aliases: &e.aliases,
                    mentions: Lazy(|| {
                        e.mentions.iter().map(|m| {
                            let a = &self.corpus.articles[m.article];
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
        map.end()
    }
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

pub fn run(analysis: Analysis, json: bool) -> Outcome {
    let corpus = analysis.corpus;
    let index = analysis.index.unwrap_or_default();
    if json {
        return print_json(&Output {
            corpus: &corpus,
            index: &index,
        });
    }
    print_text(&plain(&index))
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
