//! `parallax entities`: the people, places and organisations of a corpus, with
//! every mention, as text or JSON.

use std::fmt::Write as _;
use std::io;

use rayon::prelude::*;

use serde::Serialize;

use serde::ser::Serializer;

use super::{Outcome, print_text, write_stdout};
use crate::analysis::in_order::in_order;
use crate::analysis::{self, Analysis, Timer};
use crate::corpus::Corpus;
use crate::entities::{Entity, EntityKind};

/// The JSON document, written straight to stdout as it is walked (no copy of the
/// corpus' texts is built), the articles while the entities are still being
/// resolved: `{"articles":[..],"entities":[..]}`. Resolution runs on rayon's
/// threads, whose memory the cleaned-up raw texts have just freed.
fn write_json(mut analysis: Analysis) -> Outcome {
    let (index, found) = (analysis.index.take(), analysis.found.take());
    let corpus = &analysis.corpus;
    let mut timer = Timer::new(true);
    write_stdout(move |out| {
        out.write_all(b"{\"articles\":")?;
        let mut entities = Vec::new();
        let written = rayon::in_place_scope(|scope| {
            scope.spawn(|_| {
                let mut timer = Timer::new(true);
                entities = analysis::entities_of(corpus, index, found);
                timer.lap("resolve (beside writing the articles)");
            });
            let articles = corpus.articles.iter().map(|a| ArticleOut {
                id: &a.id,
                path: &a.path,
                title: a.title.as_deref(),
                text: &a.text,
            });
            let written = serde_json::to_writer(&mut *out, &Lazy(|| articles.clone()));
            timer.lap("write articles");
            written
        });
        written?;
        timer.lap("wait for resolution");
        out.write_all(b",\"entities\":")?;
        write_entities(out, corpus, &entities)?;
        out.write_all(b"}\n")?;
        timer.lap("write entities");
        Ok(())
    })
}

/// The entities as a JSON array. Mentions are most of the output: they are
/// written by hand (each article's id escaped once, the rest escaped by
/// serde_json as before).
fn write_entities(out: &mut dyn io::Write, corpus: &Corpus, entities: &[Entity]) -> io::Result<()> {
    let ids: Vec<String> = corpus
        .articles
        .par_iter()
        .map(|a| serde_json::to_string(&a.id))
        .collect::<Result<_, _>>()?;
    let one = |e: &Entity| -> io::Result<Vec<u8>> {
        let mut buf = Vec::with_capacity(64 + 64 * e.mentions.len());
        buf.extend_from_slice(b"{\"id\":");
        serde_json::to_writer(&mut buf, &e.id)?;
        buf.extend_from_slice(b",\"name\":");
        serde_json::to_writer(&mut buf, &e.name)?;
        buf.extend_from_slice(b",\"kind\":");
        serde_json::to_writer(&mut buf, &e.kind)?;
        buf.extend_from_slice(b",\"aliases\":");
        serde_json::to_writer(&mut buf, &e.aliases)?;
        buf.extend_from_slice(b",\"mentions\":[");
        // Each form escaped once; a mention's text is its form's (reading it
        // from its article would touch the whole corpus at random).
        let forms: Vec<Vec<u8>> = std::iter::once(&e.name)
            .chain(&e.aliases)
            .map(serde_json::to_vec)
            .collect::<Result<_, _>>()?;
        for (i, (m, &form)) in e.mentions.iter().zip(&e.mention_forms).enumerate() {
            if i > 0 {
                buf.push(b',');
            }
            buf.extend_from_slice(b"{\"article\":");
            buf.extend_from_slice(ids[m.article].as_bytes());
            buf.extend_from_slice(b",\"start\":");
            serde_json::to_writer(&mut buf, &m.start)?;
            buf.extend_from_slice(b",\"end\":");
            serde_json::to_writer(&mut buf, &m.end)?;
            buf.extend_from_slice(b",\"text\":");
            buf.extend_from_slice(&forms[form as usize]);
            buf.push(b'}');
        }
        buf.extend_from_slice(b"]}");
        Ok(buf)
    };
    out.write_all(b"[")?;
    let mut first = true;
    let mut failed = Ok(());
    // Entities are turned into JSON on rayon's threads while this one writes
    // out those ready before them, 64 at a time.
    in_order(entities.iter().collect(), 64, one, |done| {
        for json in done {
            let written = json.and_then(|json| {
                if !first {
                    out.write_all(b",")?;
                }
                first = false;
                out.write_all(&json)
            });
            if let Err(e) = written {
                failed = Err(e);
                return false;
            }
        }
        true
    });
    failed?;
    out.write_all(b"]")
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

pub fn run(mut analysis: Analysis, json: bool) -> Outcome {
    if json {
        return write_json(analysis);
    }
    print_text(&plain(&analysis.take_entities()))
}

/// Entities by kind (people, places, organisations, others), each with its mention
/// count and the number of articles it appears in.
fn plain(entities: &[Entity]) -> String {
    let mut out = String::new();
    let mut kind = None;
    for e in entities {
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
