//! The corpus: loaded, cleaned articles. Knows nothing of terminals.

pub mod clean;
pub mod load;
pub mod meta;
pub mod text;

use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

pub use clean::{Cleaned, LineStats, Paragraph, ParagraphKind, Removed};
pub use load::{Document, Problem, Source};

/// Index of an article in `Corpus::articles` (source-list order).
pub type ArticleId = usize;

/// One cleaned article. `text` is exactly what the reader shows (title excluded,
/// paragraphs separated by one blank line); every position elsewhere is a byte
/// range into it.
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    pub id: String,
    pub path: String,
    #[serde(skip)]
    pub source: Source,
    pub title: Option<String>,
    pub title_derived: bool,
    pub byline: Option<String>,
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub text: String,
    pub paragraphs: Vec<Paragraph>,
    pub removed: Vec<Removed>,
    /// FNV-1a of `text`: bookmarks and caches check it before trusting offsets.
    #[serde(skip)]
    pub hash: u64,
}

impl Article {
    pub fn from_cleaned(doc: Document, cleaned: Cleaned) -> Article {
        Article {
            hash: text::fnv1a(cleaned.text.as_bytes()),
            id: doc.id,
            path: doc.path,
            source: doc.source,
            title: cleaned.title,
            title_derived: cleaned.title_derived,
            byline: cleaned.byline,
            date: cleaned.date,
            outlet: cleaned.outlet,
            text: cleaned.text,
            paragraphs: cleaned.paragraphs,
            removed: cleaned.removed,
        }
    }

    /// The title to show: the headline, else the id.
    pub fn display_title(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.id)
    }

    pub fn paragraph_text(&self, i: usize) -> &str {
        let p = &self.paragraphs[i];
        &self.text[p.start..p.end]
    }

    /// Index of the paragraph holding byte `pos` (or the last one before it).
    pub fn paragraph_at(&self, pos: usize) -> usize {
        self.paragraphs
            .partition_point(|p| p.start <= pos)
            .saturating_sub(1)
    }

    pub fn word_count(&self) -> usize {
        text::word_count(&self.text)
    }
}

#[derive(Debug, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
}

/// How to turn documents into articles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Clean,
    /// `--raw`: the text is the file's text as decoded.
    Raw,
}

impl Corpus {
    /// Loads `paths` (none: the bundled seeds) and cleans every article.
    pub fn open(paths: &[PathBuf], mode: Mode) -> Corpus {
        let loaded = load::load(paths);
        let mut corpus = Corpus::from_documents(loaded.documents, mode);
        corpus.problems = loaded.problems;
        corpus
    }

    /// Cleans documents in parallel; line repetition is counted across all of them
    /// first, since a line that recurs across a folder is furniture.
    pub fn from_documents(docs: Vec<Document>, mode: Mode) -> Corpus {
        let stats = match mode {
            Mode::Clean => LineStats::from_texts(docs.iter().map(|d| d.text.as_str())),
            Mode::Raw => LineStats::default(),
        };
        let articles = docs
            .into_par_iter()
            .map(|doc| {
                let cleaned = match mode {
                    Mode::Clean => clean::clean(&doc.text, &stats),
                    Mode::Raw => clean::raw(&doc.text),
                };
                Article::from_cleaned(doc, cleaned)
            })
            .collect();
        Corpus {
            articles,
            problems: Vec::new(),
        }
    }

    /// Finds an article by id, or by the path it was loaded from.
    pub fn find(&self, key: &str) -> Option<ArticleId> {
        self.articles.iter().position(|a| a.id == key).or_else(|| {
            let wanted = std::fs::canonicalize(key).ok()?;
            self.articles.iter().position(|a| match &a.source {
                Source::File(p) => std::fs::canonicalize(p).ok().as_ref() == Some(&wanted),
                Source::Bundled => false,
            })
        })
    }
}
