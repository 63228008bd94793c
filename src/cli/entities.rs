//! `parallax entities`: the people, places and organisations of a corpus, with
//! every mention, as text or JSON.

use std::fmt::Write as _;

use serde::Serialize;

use super::{Outcome, print_json, print_text};
use crate::corpus::Corpus;
use crate::entities::{EntityIndex, EntityKind};

#[derive(Serialize)]
struct Output<'a> {
    articles: Vec<ArticleOut<'a>>,
    entities: Vec<EntityOut<'a>>,
}

#[derive(Serialize)]
struct ArticleOut<'a> {
    id: &'a str,
    path: &'a str,
    title: Option<&'a str>,
    text: &'a str,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    id: &'a str,
    name: &'a str,
    kind: EntityKind,
    aliases: &'a [String],
    mentions: Vec<MentionOut<'a>>,
}

#[derive(Serialize)]
struct MentionOut<'a> {
    article: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
}

pub fn run(corpus: &Corpus, json: bool) -> Outcome {
    let index = EntityIndex::build(corpus);
    if json {
        return print_json(&Output {
            articles: corpus
                .articles
                .iter()
                .map(|a| ArticleOut {
                    id: &a.id,
                    path: &a.path,
                    title: a.title.as_deref(),
                    text: &a.text,
                })
                .collect(),
            entities: index
                .entities()
                .iter()
                .map(|e| EntityOut {
                    id: &e.id,
                    name: &e.name,
                    kind: e.kind,
                    aliases: &e.aliases,
                    mentions: e
                        .mentions
                        .iter()
                        .map(|m| {
                            let a = &corpus.articles[m.article];
                            MentionOut {
                                article: &a.id,
                                start: m.start,
                                end: m.end,
                                text: &a.text[m.range()],
                            }
                        })
                        .collect(),
                })
                .collect(),
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
