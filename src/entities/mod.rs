//! People, places and organisations: recognised per article (in parallel), then
//! resolved across the corpus into entities, each with every mention.
//!
//! Positions are byte ranges into `Article::text`; "source-list order" is article
//! index, then offset.

pub mod gazetteer;
mod lowered;
pub mod recognize;
pub mod resolve;
pub mod tokens;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use rayon::prelude::*;
use serde::Serialize;

use crate::corpus::{ArticleId, Corpus};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Place,
    Organization,
    Other,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Organization => "organization",
            EntityKind::Other => "other",
        }
    }
}

/// One mention of an entity: a byte range of an article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mention {
    pub article: ArticleId,
    pub start: usize,
    pub end: usize,
}

impl Mention {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// Index of an entity in `EntityIndex::entities()`.
pub type EntityRef = usize;

#[derive(Debug, Clone)]
pub struct Entity {
    /// Stable across runs: kind and slug of the name, e.g. "person:sergey-lavrov".
    pub id: String,
    /// The most complete form seen.
    pub name: String,
    pub kind: EntityKind,
    /// The other forms seen, most frequent first.
    pub aliases: Vec<String>,
    /// In source-list order.
    pub mentions: Vec<Mention>,
    /// The form each mention is written in: 0 for `name`, i + 1 for
    /// `aliases[i]` (so that its text is known without reading the article).
    pub mention_forms: Vec<u32>,
}

impl Entity {
    /// The mentions in one article (a sub-slice of `mentions`).
    pub fn mentions_in(&self, article: ArticleId) -> &[Mention] {
        let from = self.mentions.partition_point(|m| m.article < article);
        let to = self.mentions.partition_point(|m| m.article <= article);
        &self.mentions[from..to]
    }
}

/// A mention as one article sees it, for highlighting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleMention {
    pub range: Range<usize>,
    pub entity: EntityRef,
    pub kind: EntityKind,
}

/// Every entity of a corpus, and every mention per article.
#[derive(Debug, Default)]
pub struct EntityIndex {
    entities: Vec<Entity>,
    by_article: Vec<Vec<ArticleMention>>,
    by_id: HashMap<String, EntityRef>,
}

impl EntityIndex {
    /// Recognises mentions in every article (in parallel), then resolves them into
    /// entities across the corpus.
    pub fn build(corpus: &Corpus) -> EntityIndex {
        let texts: Vec<&str> = corpus.articles.iter().map(|a| a.text.as_str()).collect();
        EntityIndex::from_texts(&texts)
    }

    /// The same from bare texts, article i being `texts[i]`.
    pub fn from_texts(texts: &[&str]) -> EntityIndex {
        let found: Vec<_> = texts.par_iter().map(|t| recognize::recognize(t)).collect();
        EntityIndex::from_found(texts, found)
    }

    /// Recognition on the calling thread, resolution on rayon's pool (run it
    /// in a one-thread pool to measure one core, as the entities bench does).
    pub fn from_texts_sequential(texts: &[&str]) -> EntityIndex {
        let found: Vec<_> = texts.iter().map(|t| recognize::recognize(t)).collect();
        EntityIndex::from_found(texts, found)
    }

    /// From mentions already recognised per article (`found[i]` in `texts[i]`):
    /// the corpus-wide resolution only (the analysis pipeline recognises as
    /// articles arrive).
    pub fn from_recognised(texts: &[&str], found: Vec<Vec<recognize::Found>>) -> EntityIndex {
        EntityIndex::from_found(texts, found)
    }

    fn from_found(texts: &[&str], found: Vec<Vec<recognize::Found>>) -> EntityIndex {
        let entities = resolve_entities(texts, found);
        let by_id = entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        // Sized exactly: these lists live as long as the reader.
        let mut counts = vec![0; texts.len()];
        for m in entities.iter().flat_map(|e| &e.mentions) {
            counts[m.article] += 1;
        }
        let mut by_article: Vec<Vec<ArticleMention>> =
            counts.into_iter().map(Vec::with_capacity).collect();
        for (i, e) in entities.iter().enumerate() {
            for m in &e.mentions {
                by_article[m.article].push(ArticleMention {
                    range: m.range(),
                    entity: i,
                    kind: e.kind,
                });
            }
        }
        for list in &mut by_article {
            list.sort_by_key(|m| (m.range.start, m.range.end));
        }
        EntityIndex {
            entities,
            by_article,
            by_id,
        }
    }

    /// The entities, without the index by article.
    pub fn into_entities(self) -> Vec<Entity> {
        self.entities
    }

    /// People (most mentioned first), then places, organisations, others.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    pub fn entity(&self, e: EntityRef) -> &Entity {
        &self.entities[e]
    }

    /// The entity with this id.
    pub fn find(&self, id: &str) -> Option<EntityRef> {
        self.by_id.get(id).copied()
    }

    /// The mentions in one article, by position (empty for an unknown article).
    pub fn in_article(&self, article: ArticleId) -> &[ArticleMention] {
        self.by_article.get(article).map_or(&[], Vec::as_slice)
    }

    /// The mentions in one article that start inside `range` (a passage).
    pub fn in_range(&self, article: ArticleId, range: Range<usize>) -> &[ArticleMention] {
        let list = self.in_article(article);
        let from = list.partition_point(|m| m.range.start < range.start);
        let to = list.partition_point(|m| m.range.start < range.end);
        &list[from..to]
    }

    /// Index k (into `entity(e).mentions`) of the first mention of `e` at or after
    /// byte `pos` of `article`, in source-list order; None past the last.
    pub fn mention_at_or_after(
        &self,
        e: EntityRef,
        article: ArticleId,
        pos: usize,
    ) -> Option<usize> {
        let ms = &self.entities.get(e)?.mentions;
        let k = ms.partition_point(|m| (m.article, m.start) < (article, pos));
        (k < ms.len()).then_some(k)
    }

    /// The mention after the one at or after (article, pos): for `]`, wrapping to
    /// the first at the end.
    pub fn next_mention(&self, e: EntityRef, article: ArticleId, pos: usize) -> Option<usize> {
        let ms = &self.entities.get(e)?.mentions;
        if ms.is_empty() {
            return None;
        }
        let k = ms.partition_point(|m| (m.article, m.start) <= (article, pos));
        Some(if k < ms.len() { k } else { 0 })
    }

    /// The last mention before (article, pos): for `[`, wrapping to the last.
    pub fn prev_mention(&self, e: EntityRef, article: ArticleId, pos: usize) -> Option<usize> {
        let ms = &self.entities.get(e)?.mentions;
        if ms.is_empty() {
            return None;
        }
        let k = ms.partition_point(|m| (m.article, m.start) < (article, pos));
        Some(if k > 0 { k - 1 } else { ms.len() - 1 })
    }
}

/// The surnames of the sixteen people of the bundled seeds: tests check that
/// each is found and linked, and that nobody else is called a person.
#[doc(hidden)]
pub const SEED_PEOPLE: [&str; 16] = [
    "Blinken",
    "Lavrov",
    "Whelan",
    "Griner",
    "Bout",
    "Kirby",
    "Price",
    "Zakharova",
    "Putin",
    "Biden",
    "Sullivan",
    "Reed",
    "Yaroshenko",
    "Peskov",
    "Thomas-Greenfield",
    "Nebenzia",
];

/// Lower-case words of `name` joined by '-': "Sergey Lavrov" -> "sergey-lavrov".
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The entities of mentions recognised per article (`found[i]` in `texts[i]`):
/// people first, by mention count, then places, organisations, the rest; each
/// with an id of its own. Without the index by article, which the CLI needs not.
pub fn resolve_entities(texts: &[&str], mut found: Vec<Vec<recognize::Found>>) -> Vec<Entity> {
    resolve::promote_surnames(texts, &mut found);
    let clusters = resolve::resolve(texts, found);
    let mut entities: Vec<Entity> = clusters.into_par_iter().map(entity_of).collect();
    entities.sort_by(|a, b| {
        (a.kind, std::cmp::Reverse(a.mentions.len()), &a.name).cmp(&(
            b.kind,
            std::cmp::Reverse(b.mentions.len()),
            &b.name,
        ))
    });
    let mut ids = HashSet::new();
    for e in &mut entities {
        // Two entities may share a slug (a surname and a full name): number them.
        let base = e.id.clone();
        let mut n = 2;
        while ids.contains(&e.id) {
            e.id = format!("{base}-{n}");
            n += 1;
        }
        ids.insert(e.id.clone());
    }
    entities
}

fn entity_of(c: resolve::Cluster) -> Entity {
    let mut forms: Vec<(String, resolve::Form)> = c.forms.into_iter().collect();
    // Most complete: most words, then most frequent, then longest, then by text.
    forms.sort_by(|a, b| {
        let words = |s: &str| s.split_whitespace().count();
        (words(&b.0), b.1.count, b.0.len(), &a.0).cmp(&(words(&a.0), a.1.count, a.0.len(), &b.0))
    });
    let name = c
        .canonical
        .filter(|_| c.kind != EntityKind::Person)
        .unwrap_or_else(|| forms[0].0.clone());
    let mut aliases: Vec<(String, resolve::Form)> =
        forms.into_iter().filter(|f| f.0 != name).collect();
    aliases.sort_by(|a, b| b.1.count.cmp(&a.1.count).then_with(|| a.0.cmp(&b.0)));
    // Form numbers to places: the name 0 (the form left out of the aliases,
    // if any), the aliases after it.
    let mut place = vec![0u32; aliases.len() + 1];
    for (i, a) in aliases.iter().enumerate() {
        place[a.1.id as usize] = i as u32 + 1;
    }
    let mut mentions: Vec<(Mention, u32)> = (c.mentions.into_iter())
        .zip(c.mention_forms.iter().map(|&f| place[f as usize]))
        .collect();
    mentions.sort_by_key(|m| m.0);
    mentions.dedup_by_key(|m| m.0);
    let (mentions, mention_forms) = mentions.into_iter().unzip();
    Entity {
        id: format!("{}:{}", c.kind.as_str(), slug(&name)),
        name,
        kind: c.kind,
        aliases: aliases.into_iter().map(|a| a.0).collect(),
        mentions,
        mention_forms,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Sergey Lavrov"), "sergey-lavrov");
        assert_eq!(slug("U.S. State Department"), "u-s-state-department");
        assert_eq!(slug("Linda Thomas-Greenfield"), "linda-thomas-greenfield");
    }

    #[test]
    fn index_links_across_articles_and_navigates() {
        let texts = [
            "Russian Foreign Minister Sergey Lavrov spoke in Moscow. Sergey Lavrov said no.",
            "Foreign Minister Sergei Lavrov met Antony Blinken. Blinken and Lavrov’s aides left.",
        ];
        let idx = EntityIndex::from_texts(&texts);
        let lavrov = idx.find("person:sergey-lavrov").expect("lavrov");
        let e = idx.entity(lavrov);
        assert_eq!(e.mentions.len(), 4);
        assert!(e.aliases.contains(&"Sergei Lavrov".to_string()));
        assert_eq!(idx.entities()[0].id, "person:sergey-lavrov");
        assert_eq!(e.mentions_in(1).len(), 2);
        // Navigation in source-list order, wrapping.
        assert_eq!(idx.mention_at_or_after(lavrov, 0, 0), Some(0));
        assert_eq!(idx.mention_at_or_after(lavrov, 1, 1000), None);
        let last = e.mentions[3];
        assert_eq!(idx.next_mention(lavrov, last.article, last.start), Some(0));
        assert_eq!(idx.prev_mention(lavrov, 0, e.mentions[0].start), Some(3));
        assert_eq!(idx.next_mention(lavrov, 0, e.mentions[0].start), Some(1));
        // Highlighting: sorted per article.
        let spans = idx.in_article(1);
        assert!(
            spans
                .windows(2)
                .all(|w| w[0].range.start < w[1].range.start)
        );
        assert!(idx.in_article(7).is_empty());
        // Each mention's form is its text.
        for e in idx.entities() {
            let forms: Vec<&String> = std::iter::once(&e.name).chain(&e.aliases).collect();
            for (m, &f) in e.mentions.iter().zip(&e.mention_forms) {
                assert_eq!(forms[f as usize], &texts[m.article][m.range()]);
            }
        }
    }

    /// The seeds' body text: paragraphs of running prose (a dozen words or more),
    /// so that boilerplate the cleaner has yet to remove doesn't count here.
    fn seed_bodies() -> Vec<String> {
        let corpus = Corpus::open(&[], crate::corpus::Mode::Clean);
        assert_eq!(corpus.articles.len(), 5);
        corpus
            .articles
            .iter()
            .map(|a| {
                let prose: Vec<&str> = (0..a.paragraphs.len())
                    .map(|i| a.paragraph_text(i))
                    .filter(|p| crate::corpus::text::word_count(p) >= 12)
                    .collect();
                prose.join("\n\n")
            })
            .collect()
    }

    #[test]
    fn seeds_people_are_all_found_and_linked() {
        let bodies = seed_bodies();
        let texts: Vec<&str> = bodies.iter().map(String::as_str).collect();
        let idx = EntityIndex::from_texts(&texts);
        for surname in SEED_PEOPLE {
            let owners: Vec<&Entity> = idx
                .entities()
                .iter()
                .filter(|e| e.kind == EntityKind::Person && e.name.ends_with(surname))
                .collect();
            assert_eq!(owners.len(), 1, "{surname}: {owners:?}");
            let e = owners[0];
            // Every occurrence of the surname in the text lies in one of its mentions.
            for (art, text) in texts.iter().enumerate() {
                for (pos, _) in text.match_indices(surname) {
                    let end = pos + surname.len();
                    let word_end = !text[end..].starts_with(char::is_alphanumeric);
                    if !word_end {
                        continue;
                    }
                    assert!(
                        e.mentions_in(art)
                            .iter()
                            .any(|m| m.start <= pos && end <= m.end),
                        "{surname} at {art}:{pos} not linked: {}",
                        &text[pos.saturating_sub(40)..end]
                    );
                }
            }
        }
        let lavrov = idx.entity(idx.find("person:sergey-lavrov").expect("Lavrov"));
        assert!(lavrov.aliases.iter().any(|a| a == "Sergei Lavrov"));
        // Nobody else is called a person.
        let others: Vec<&str> = idx
            .entities()
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .filter(|e| !SEED_PEOPLE.iter().any(|p| e.name.ends_with(p)))
            .map(|e| e.name.as_str())
            .collect();
        assert!(others.is_empty(), "{others:?}");
    }
}
