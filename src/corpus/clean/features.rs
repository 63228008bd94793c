//! Text statistics of a unit: length, function-word and punctuation density,
//! capitalisation, link-like tokens. Function words are learnt from the page
//! itself (the short lowercase words its prose lines share), so the statistics
//! work in any language that separates words with spaces, not only English.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::units::Unit;

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Features {
    pub chars: usize,
    pub words: usize,
    /// Words that are the page's function words.
    pub func: usize,
    /// Words starting with a lowercase / uppercase letter.
    pub lower: usize,
    pub upper: usize,
    /// Sentence punctuation marks (. , ; : ! ? and their CJK forms).
    pub punct: usize,
    /// Ends like a sentence (. ! ? … or a closing quote after one).
    pub sentence_end: bool,
    /// Ends with , ; or : (a lead-in, not a heading).
    pub soft_end: bool,
    /// Cut short with an ellipsis ("...", "…"): a teaser, not a paragraph.
    pub truncated: bool,
    /// URLs, e-mail addresses, @handles.
    pub links: usize,
}

impl Features {
    pub fn func_density(&self) -> f32 {
        ratio(self.func, self.words)
    }
    pub fn lower_ratio(&self) -> f32 {
        ratio(self.lower, self.lower + self.upper)
    }
    /// Headline-shaped: a few words, not a sentence.
    pub fn headline_shaped(&self) -> bool {
        (2..=25).contains(&self.words) && !self.sentence_end && !self.truncated && self.links == 0
    }
}

fn ratio(a: usize, b: usize) -> f32 {
    if b == 0 { 0.0 } else { a as f32 / b as f32 }
}

/// Lowercased word with surrounding punctuation trimmed (borrowed when it is
/// already lowercase: this runs on every word of every page).
fn norm(word: &str) -> Cow<'_, str> {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    if w.chars().any(char::is_uppercase) {
        Cow::Owned(w.to_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

fn is_link(word: &str) -> bool {
    let w = word.trim_matches(|c: char| {
        matches!(
            c,
            '(' | ')' | '[' | ']' | '<' | '>' | '"' | '\'' | '.' | ',' | ';'
        )
    });
    w.starts_with("http://")
        || w.starts_with("https://")
        || w.starts_with("www.")
        || (w.starts_with('@') && w.len() > 1)
        || (w.contains('@') && w.contains('.') && !w.starts_with('@'))
}

/// Lines this long (in words) count as prose when learning function words.
const PROSE_WORDS: usize = 8;
/// How many function words a page gets.
const FUNCTION_WORDS: usize = 30;

/// The page's function words: short lowercase words found in the most prose
/// lines (the, of, und, de, и ...).
pub(crate) fn function_words(units: &[Unit<'_>]) -> HashSet<String> {
    let mut lines_with: HashMap<String, usize> = HashMap::new();
    for u in units {
        if u.text.split_whitespace().nth(PROSE_WORDS - 1).is_none() {
            continue;
        }
        let mut seen = HashSet::new();
        for w in u.text.split_whitespace() {
            let n = norm(w);
            let short = (1..=4).contains(&n.chars().count());
            // Not capitalised (scripts without case count too): names and
            // sentence starts are not function words.
            let uncased = w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_uppercase);
            if short && uncased && seen.insert(n.clone()) {
                *lines_with.entry(n.into_owned()).or_default() += 1;
            }
        }
    }
    let mut ranked: Vec<(String, usize)> = lines_with.into_iter().filter(|e| e.1 >= 2).collect();
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked
        .into_iter()
        .take(FUNCTION_WORDS)
        .map(|e| e.0)
        .collect()
}

pub(crate) fn features(text: &str, function: &HashSet<String>) -> Features {
    let mut f = Features {
        chars: text.chars().count(),
        ..Features::default()
    };
    for w in text.split_whitespace() {
        f.words += 1;
        if is_link(w) {
            f.links += 1;
            continue;
        }
        match w.chars().find(|c| c.is_alphabetic()) {
            Some(c) if c.is_lowercase() => f.lower += 1,
            Some(c) if c.is_uppercase() => f.upper += 1,
            _ => {}
        }
        if function.contains(norm(w).as_ref()) {
            f.func += 1;
        }
    }
    f.punct = text
        .chars()
        .filter(|c| {
            matches!(
                c,
                '.' | ',' | ';' | ':' | '!' | '?' | '。' | '，' | '、' | '；' | '：' | '！' | '？'
            )
        })
        .count();
    let end = text.trim_end_matches(|c: char| {
        matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '*') || c.is_whitespace()
    });
    f.sentence_end = end.ends_with(['.', '!', '?', '…', '。', '！', '？']);
    f.soft_end = end.ends_with([',', ';', ':', '，', '；', '：']);
    f.truncated = f.words > 3 && (end.ends_with("...") || end.ends_with('…'));
    f.sentence_end &= !f.truncated;
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::clean::units::split;

    #[test]
    fn function_words_come_from_the_page() {
        let page = "Menu\nDie Regierung hat am Montag die neue Regel für die Stadt beschlossen.\n\
                    Die Opposition und die Gewerkschaften sind gegen die Regel in der Stadt.\n";
        let fw = function_words(&split(page));
        assert!(fw.contains("die"));
        assert!(!fw.contains("menu"));
    }

    #[test]
    fn features_measure_shape() {
        let fw: HashSet<String> = ["the", "of"].iter().map(|s| s.to_string()).collect();
        let f = features("The end of the road, he said.", &fw);
        assert_eq!(f.words, 7);
        assert_eq!(f.func, 3);
        assert!(f.sentence_end);
        assert_eq!(f.punct, 2);
        let g = features("Real Time Economics", &fw);
        assert!(g.headline_shaped());
        assert_eq!(g.lower_ratio(), 0.0);
        assert_eq!(features("see https://x.org now", &fw).links, 1);
        let t = features("Officials said on Tuesday that the plan would...", &fw);
        assert!(t.truncated && !t.sentence_end && !t.headline_shaped());
    }
}
