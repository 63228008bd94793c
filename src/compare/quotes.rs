//! Quotations: where an article quotes someone (“…”, "…", ‘…’), and which quotes
//! two articles share, word for word or nearly (a word added, dropped or
//! misspelt), by local alignment of the quotes' words.

use foldhash::HashMap;

use serde::Serialize;

use super::Span;
use super::terms::{near_pairs, normalize_into, stem, word_spans};
use crate::corpus::Article;

/// A quote found in both articles: the matching words' ranges in each, and the
/// words as article A has them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SharedQuote {
    pub text: String,
    pub a: Span,
    pub b: Span,
}

/// The quotations of an article, by the range between their marks, in order.
pub fn find(article: &Article) -> Vec<Span> {
    let mut out = Vec::new();
    for p in &article.paragraphs {
        scan(&article.text, p.start, p.end, &mut out);
    }
    out.sort_by_key(|s| (s.start, s.end));
    out
}

/// Quotes within one paragraph. Double and single quotes are tracked apart so
/// that one may nest in the other. A curly double quote left open runs to the end
/// of the paragraph (the convention for a quote that goes on in the next one); a
/// closing ’ followed by a letter is an apostrophe.
fn scan(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let mut double: Option<(usize, bool)> = None;
    let mut single: Option<usize> = None;
    let mut prev: Option<char> = None;
    let push = |from: usize, to: usize, out: &mut Vec<Span>| {
        let inner = &text[from..to];
        let s = from + (inner.len() - inner.trim_start().len());
        let e = from + inner.trim_end().len();
        if inner.chars().any(char::is_alphanumeric) {
            out.push(Span { start: s, end: e });
        }
    };
    let mut chars = text[start..end].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let pos = start + i;
        let after = pos + c.len_utf8();
        let next = chars.peek().map(|&(_, n)| n);
        if !matches!(c, '“' | '”' | '"' | '‘' | '’' | '\'') {
            prev = Some(c);
            continue;
        }
        let opens = prev.is_none_or(|p| {
            p.is_whitespace()
                || matches!(p, '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘' | '"')
        }) && next.is_some_and(|n| !n.is_whitespace());
        let closes_single =
            next.is_none_or(|n| !n.is_alphanumeric()) && prev.is_some_and(|p| !p.is_whitespace());
        match c {
            '“' => double = Some((after, true)),
            '”' => {
                if let Some((from, _)) = double.take() {
                    push(from, pos, out);
                }
            }
            '"' => match double.take() {
                Some((from, _)) => push(from, pos, out),
                None if opens => double = Some((after, false)),
                None => {}
            },
            '‘' => single = Some(after),
            '’' | '\'' => match single {
                Some(from) if closes_single => {
                    push(from, pos, out);
                    single = None;
                }
                None if c == '\'' && opens && next.is_some_and(char::is_alphanumeric) => {
                    single = Some(after);
                }
                _ => {}
            },
            _ => {}
        }
        prev = Some(c);
    }
    if let Some((from, true)) = double {
        push(from, end, out);
    }
}

/// The words of one quote: ranges and keys (stemmed, lowercase; stopwords kept,
/// since a quote is compared word for word).
struct Words {
    spans: Vec<(usize, usize)>,
    keys: Vec<u32>,
}

/// Keys interned across both articles, with their text for near-spelling checks.
#[derive(Default)]
struct Keys {
    /// Normalised surface form -> key id (stemming is the costly part).
    surface: HashMap<String, u32>,
    ids: HashMap<String, u32>,
    text: Vec<String>,
    content: Vec<bool>,
    /// For each key, the other keys one edit away (see `link_near`).
    near: Vec<Vec<u32>>,
}

impl Keys {
    fn words(&mut self, text: &str, q: Span, buf: &mut String) -> Words {
        let mut spans = Vec::new();
        word_spans(text, q.start, q.end, &mut spans);
        let mut keys = Vec::with_capacity(spans.len());
        for &(s, e) in &spans {
            normalize_into(&text[s..e], buf);
            if let Some(&id) = self.surface.get(buf.as_str()) {
                keys.push(id);
                continue;
            }
            let key = stem(buf);
            let id = match self.ids.get(&key) {
                Some(&id) => id,
                None => {
                    let id = self.text.len() as u32;
                    self.content.push(super::terms::is_content(buf));
                    self.text.push(key.clone());
                    self.ids.insert(key, id);
                    id
                }
            };
            self.surface.insert(buf.clone(), id);
            keys.push(id);
        }
        Words { spans, keys }
    }

    /// Finds, once all words are in, the long words one edit away from each
    /// other ("Sergei"/"Sergey"): compared within groups of the same first letter.
    fn link_near(&mut self) {
        self.near = vec![Vec::new(); self.text.len()];
        let words = self
            .text
            .iter()
            .enumerate()
            .map(|(id, t)| (id as u32, t.as_str()));
        for (x, y) in near_pairs(words, 5) {
            self.near[x as usize].push(y);
            self.near[y as usize].push(x);
        }
    }

    /// Same word, or a long word one edit away.
    fn same(&self, a: u32, b: u32) -> bool {
        a == b || self.near[a as usize].contains(&b)
    }
}

/// A local alignment of two word sequences: word index ranges, words matched.
struct Local {
    a: (usize, usize),
    b: (usize, usize),
    matched: usize,
}

/// The best local alignment of two word sequences (Smith–Waterman: +2 a match,
/// -1 a substitution or gap).
fn local_alignment(keys: &Keys, a: &[u32], b: &[u32]) -> Option<Local> {
    #[derive(Clone, Copy, Default)]
    struct Cell {
        score: i32,
        from: (usize, usize),
        matched: usize,
    }
    let w = b.len() + 1;
    let mut h = vec![Cell::default(); (a.len() + 1) * w];
    let mut best = Cell::default();
    let mut best_at = (0, 0);
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let same = keys.same(a[i - 1], b[j - 1]);
            let diag = h[(i - 1) * w + j - 1];
            let mut cell = if diag.score == 0 {
                Cell {
                    score: 0,
                    from: (i - 1, j - 1),
                    matched: 0,
                }
            } else {
                diag
            };
            cell.score += if same { 2 } else { -1 };
            cell.matched += usize::from(same);
            for up in [h[(i - 1) * w + j], h[i * w + j - 1]] {
                if up.score - 1 > cell.score {
                    cell = Cell {
                        score: up.score - 1,
                        ..up
                    };
                }
            }
            if cell.score <= 0 {
                cell = Cell::default();
            }
            h[i * w + j] = cell;
            if cell.score > best.score {
                best = cell;
                best_at = (i, j);
            }
        }
    }
    (best.score > 0).then_some(Local {
        a: (best.from.0, best_at.0),
        b: (best.from.1, best_at.1),
        matched: best.matched,
    })
}

/// Quotes of `a` found nearly word for word in a quote of `b`: the shorter of the
/// two quotes is at least 80% matched (so a short quote inside a longer one
/// counts), with at least two words and one content word.
pub fn shared(a: &Article, qa: &[Span], b: &Article, qb: &[Span]) -> Vec<SharedQuote> {
    let mut keys = Keys::default();
    let mut buf = String::new();
    let wa: Vec<Words> = qa
        .iter()
        .map(|&q| keys.words(&a.text, q, &mut buf))
        .collect();
    let wb: Vec<Words> = qb
        .iter()
        .map(|&q| keys.words(&b.text, q, &mut buf))
        .collect();
    keys.link_near();
    // Quotes of b by content word, so that only quotes sharing one are aligned.
    let mut by_key: HashMap<u32, Vec<usize>> = HashMap::default();
    for (k, w) in wb.iter().enumerate() {
        for &key in &w.keys {
            if keys.content[key as usize] {
                let list = by_key.entry(key).or_default();
                if list.last() != Some(&k) {
                    list.push(k);
                }
            }
        }
    }
    // Each quote's distinct keys, sorted: a cheap bound on what can match.
    let sorted = |w: &Words| {
        let mut k = w.keys.clone();
        k.sort_unstable();
        k.dedup();
        k
    };
    let set_a: Vec<Vec<u32>> = wa.iter().map(sorted).collect();
    let set_b: Vec<Vec<u32>> = wb.iter().map(sorted).collect();
    let found = |keys_of: &[u32], set: &[u32]| {
        keys_of
            .iter()
            .filter(|&&k| {
                set.binary_search(&k).is_ok()
                    || keys.near[k as usize]
                        .iter()
                        .any(|n| set.binary_search(n).is_ok())
            })
            .count()
    };
    let mut seen = vec![usize::MAX; wb.len()];
    let mut out = Vec::new();
    for (i, x) in wa.iter().enumerate() {
        let mut candidates = Vec::new();
        for &key in &x.keys {
            for &k in by_key.get(&key).map_or(&[][..], Vec::as_slice) {
                if seen[k] != i {
                    seen[k] = i;
                    candidates.push(k);
                }
            }
        }
        candidates.sort_unstable();
        for k in candidates {
            let y = &wb[k];
            let shorter = x.keys.len().min(y.keys.len());
            let needed = 2.max((shorter * 4).div_ceil(5));
            if found(&x.keys, &set_b[k]) < needed || found(&y.keys, &set_a[i]) < needed {
                continue;
            }
            let Some(Local {
                a: (a0, a1),
                b: (b0, b1),
                matched,
            }) = local_alignment(&keys, &x.keys, &y.keys)
            else {
                continue;
            };
            let has_content = x.keys[a0..a1].iter().any(|&key| keys.content[key as usize]);
            if matched < needed || !has_content {
                continue;
            }
            let sa = Span {
                start: x.spans[a0].0,
                end: x.spans[a1 - 1].1,
            };
            let sb = Span {
                start: y.spans[b0].0,
                end: y.spans[b1 - 1].1,
            };
            out.push(SharedQuote {
                text: a.text[sa.start..sa.end].to_string(),
                a: sa,
                b: sb,
            });
        }
    }
    out.sort_by_key(|q| (q.a.start, q.b.start, q.a.end, q.b.end));
    out.dedup_by(|x, y| x.a == y.a && x.b == y.b);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        scan(text, 0, text.len(), &mut out);
        out.sort_by_key(|s| s.start);
        out.iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn finds_curly_straight_and_single_quotes() {
        assert_eq!(
            quotes("Blinken’s aide said “we’re ready” and \"no requests\" came."),
            ["we’re ready", "no requests"]
        );
        assert_eq!(
            quotes("Lavrov ‘Will Devote Attention’ to Russia’s 'request' today"),
            ["Will Devote Attention", "request"]
        );
        // Closed by a straight quote, as scraped text often is.
        assert_eq!(
            quotes("“directly” and “repeatedly.\" The"),
            ["directly", "repeatedly."]
        );
        // A curly quote left open runs to the end of the paragraph.
        assert_eq!(quotes("He said: “We will go on"), ["We will go on"]);
        // Apostrophes and a lone straight quote are not quotes.
        assert!(quotes("the Jones' car, 1990's rock and 5'11\" tall").is_empty());
    }
}
