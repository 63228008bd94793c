//! The boilerplate cleaner: classifies every line of a scraped article as title,
//! byline/date, heading, body paragraph or boilerplate, and keeps a reason for
//! every line it removes.

use std::collections::HashMap;

use serde::Serialize;

use super::{meta, text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParagraphKind {
    Heading,
    Paragraph,
}

/// A kept block: a byte range into the cleaned text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    pub start: usize,
    pub end: usize,
    pub kind: ParagraphKind,
}

/// A removed line, with why it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removed {
    /// 1-based line number in the file as decoded.
    pub line: usize,
    pub text: String,
    pub reason: String,
    /// Index of the paragraph this line stood before (== paragraph count when
    /// it came after the last one): lets the reader show it where it was.
    #[serde(skip)]
    pub before: usize,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    pub title: Option<String>,
    pub title_derived: bool,
    pub byline: Option<String>,
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub text: String,
    pub paragraphs: Vec<Paragraph>,
    pub removed: Vec<Removed>,
}

/// How many documents of the corpus each (normalised) line occurs in.
#[derive(Debug, Default, Clone)]
pub struct LineStats {
    docs: usize,
    counts: HashMap<u64, u32>,
}

impl LineStats {
    pub fn from_texts<'a>(texts: impl Iterator<Item = &'a str>) -> LineStats {
        let mut stats = LineStats::default();
        for t in texts {
            stats.docs += 1;
            let mut seen = std::collections::HashSet::new();
            for line in t.lines() {
                let key = line_key(line);
                if key != 0 && seen.insert(key) {
                    *stats.counts.entry(key).or_default() += 1;
                }
            }
        }
        stats
    }

    /// In how many documents this line occurs.
    pub fn count(&self, line: &str) -> u32 {
        self.counts.get(&line_key(line)).copied().unwrap_or(0)
    }

    pub fn docs(&self) -> usize {
        self.docs
    }
}

fn line_key(line: &str) -> u64 {
    let norm: String = line
        .split_whitespace()
        .flat_map(|w| w.chars().flat_map(char::to_lowercase))
        .collect();
    if norm.is_empty() {
        0
    } else {
        text::fnv1a(norm.as_bytes())
    }
}

/// One line of the input with its verdict.
#[derive(Debug, Clone)]
struct Line<'a> {
    number: usize,
    text: &'a str,
    /// Blank-line-separated block it belongs to.
    block: usize,
    verdict: Verdict,
}

#[derive(Debug, Clone, PartialEq)]
enum Verdict {
    Body,
    Heading,
    Title,
    Meta,
    Drop(&'static str),
}

/// Cleans one article.
pub fn clean(input: &str, stats: &LineStats) -> Cleaned {
    let mut lines = split_lines(input);
    for line in lines.iter_mut() {
        line.verdict = classify(line.text, stats);
    }
    let mut out = Cleaned::default();
    meta::extract(&mut lines_view(&mut lines), &mut out);
    assemble(&lines, out)
}

/// `--raw`: the text exactly as decoded, paragraphs at blank lines.
pub fn raw(input: &str) -> Cleaned {
    Cleaned {
        text: input.to_string(),
        paragraphs: text::blocks(input)
            .into_iter()
            .map(|(start, end)| Paragraph {
                start,
                end,
                kind: ParagraphKind::Paragraph,
            })
            .collect(),
        ..Cleaned::default()
    }
}

fn split_lines(input: &str) -> Vec<Line<'_>> {
    let mut block = 0;
    let mut prev_blank = true;
    let mut out = Vec::new();
    for (i, raw) in input.lines().enumerate() {
        let t = raw.trim();
        if t.is_empty() {
            if !prev_blank {
                block += 1;
            }
            prev_blank = true;
            continue;
        }
        prev_blank = false;
        out.push(Line {
            number: i + 1,
            text: t,
            block,
            verdict: Verdict::Body,
        });
    }
    out
}

/// A mutable view of the lines for the metadata pass.
pub(crate) struct LinesView<'l, 'a> {
    lines: &'l mut [Line<'a>],
}

fn lines_view<'l, 'a>(lines: &'l mut [Line<'a>]) -> LinesView<'l, 'a> {
    LinesView { lines }
}

impl LinesView<'_, '_> {
    pub(crate) fn len(&self) -> usize {
        self.lines.len()
    }
    pub(crate) fn text(&self, i: usize) -> &str {
        self.lines[i].text
    }
    pub(crate) fn is_kept(&self, i: usize) -> bool {
        matches!(self.lines[i].verdict, Verdict::Body | Verdict::Heading)
    }
    pub(crate) fn mark_title(&mut self, i: usize) {
        self.lines[i].verdict = Verdict::Title;
    }
    pub(crate) fn mark_meta(&mut self, i: usize) {
        self.lines[i].verdict = Verdict::Meta;
    }
}

fn classify(line: &str, stats: &LineStats) -> Verdict {
    let words = text::word_count(line);
    let lower = line.to_lowercase();
    if stats.docs() >= 4 && stats.count(line) as usize >= 3.max(stats.docs() / 10) && words < 20 {
        return Verdict::Drop("repeated across articles");
    }
    if lower.starts_with("skip to") {
        return Verdict::Drop("site navigation");
    }
    let ends = line.ends_with(['.', '!', '?', '"', '”', '’', ':', ')']);
    if words >= 8 && ends || words >= 15 {
        Verdict::Body
    } else if (2..8).contains(&words)
        && !ends
        && line.chars().next().is_some_and(char::is_uppercase)
    {
        Verdict::Heading
    } else {
        Verdict::Drop("too short for body text")
    }
}

fn assemble(lines: &[Line<'_>], mut out: Cleaned) -> Cleaned {
    let mut text = String::new();
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut removed = Vec::new();
    for line in lines {
        let kind = match &line.verdict {
            Verdict::Body => ParagraphKind::Paragraph,
            Verdict::Heading => ParagraphKind::Heading,
            Verdict::Title | Verdict::Meta => continue,
            Verdict::Drop(reason) => {
                removed.push(Removed {
                    line: line.number,
                    text: line.text.to_string(),
                    reason: (*reason).to_string(),
                    before: paragraphs.len(),
                });
                continue;
            }
        };
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(line.text);
        paragraphs.push(Paragraph {
            start,
            end: text.len(),
            kind,
        });
    }
    let _ = lines.iter().map(|l| l.block).max();
    out.text = text;
    out.paragraphs = paragraphs;
    out.removed = removed;
    out
}
