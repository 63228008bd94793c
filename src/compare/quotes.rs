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
    let push = |from: usize, to: usize, out: &mut Vec<Span>| {
        let inner = &text[from..to];
        let s = from + (inner.len() - inner.trim_start().len());
        let e = from + inner.trim_end().len();
        if inner.chars().any(char::is_alphanumeric) {
            out.push(Span { start: s, end: e });
        }
    };
    let bytes = &text.as_bytes()[..end];
    let mut pos = start;
    while pos < end {
        // Only quote marks matter: '"', '\'' and the curly ones (E2 80 98..9D).
        let c = match bytes[pos] {
            b'"' => '"',
            b'\'' => '\'',
            0xE2 if bytes.get(pos + 1) == Some(&0x80) => match bytes.get(pos + 2) {
                Some(0x98) => '‘',
                Some(0x99) => '’',
                Some(0x9C) => '“',
                Some(0x9D) => '”',
                _ => {
                    pos += 1;
                    continue;
                }
            },
            _ => {
                pos += 1;
                continue;
            }
        };
        let after = pos + c.len_utf8();
        let prev = text[start..pos].chars().next_back();
        let next = text[after..end].chars().next();
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
        pos = after;
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
        a == b || {
            let near = &self.near[a as usize];
            !near.is_empty() && near.contains(&b)
        }
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
        from: (u32, u32),
        matched: u32,
    }
    // Two rows of the matrix: the previous one and the one being filled.
    let w = b.len() + 1;
    let mut prev = vec![Cell::default(); w];
    let mut row = vec![Cell::default(); w];
    let mut best = Cell::default();
    let mut best_at = (0, 0);
    for i in 1..=a.len() {
        row[0] = Cell::default();
        for j in 1..=b.len() {
            let same = keys.same(a[i - 1], b[j - 1]);
            let diag = prev[j - 1];
            let mut cell = if diag.score == 0 {
                Cell {
                    score: 0,
                    from: ((i - 1) as u32, (j - 1) as u32),
                    matched: 0,
                }
            } else {
                diag
            };
            cell.score += if same { 2 } else { -1 };
            cell.matched += u32::from(same);
            for up in [prev[j], row[j - 1]] {
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
            row[j] = cell;
            if cell.score > best.score {
                best = cell;
                best_at = (i, j);
            }
        }
        std::mem::swap(&mut prev, &mut row);
    }
    (best.score > 0).then_some(Local {
        a: (best.from.0 as usize, best_at.0),
        b: (best.from.1 as usize, best_at.1),
        matched: best.matched as usize,
    })
}

/// The distinct key sequences of quotes, and the quotes having each.
fn distinct(words: &[Words]) -> (Vec<&[u32]>, Vec<Vec<usize>>) {
    let mut index: HashMap<&[u32], usize> = HashMap::default();
    let (mut seqs, mut occ): (Vec<&[u32]>, Vec<Vec<usize>>) = (Vec::new(), Vec::new());
    for (q, w) in words.iter().enumerate() {
        let k = *index.entry(&w.keys).or_insert_with(|| {
            seqs.push(&w.keys);
            occ.push(Vec::new());
            seqs.len() - 1
        });
        occ[k].push(q);
    }
    (seqs, occ)
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
    // A quote repeated word for word is aligned once.
    let (ua, occ_a) = distinct(&wa);
    let (ub, occ_b) = distinct(&wb);
    // Distinct quotes of b by word: for each quote of a, how many of its words
    // (or near spellings) each quote of b has bounds what can match, cheaply.
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); keys.text.len()];
    for (k, w) in ub.iter().enumerate() {
        for &key in w.iter() {
            let list = &mut postings[key as usize];
            if list.last() != Some(&(k as u32)) {
                list.push(k as u32);
            }
        }
    }
    let set_a: Vec<Vec<u32>> = ua
        .iter()
        .map(|w| {
            let mut k = w.to_vec();
            k.sort_unstable();
            k.dedup();
            k
        })
        .collect();
    // Words of `seq` found (or nearly) in the sorted set `set`.
    let found = |seq: &[u32], set: &[u32]| {
        seq.iter()
            .filter(|&&k| {
                set.binary_search(&k).is_ok()
                    || keys.near[k as usize]
                        .iter()
                        .any(|n| set.binary_search(n).is_ok())
            })
            .count()
    };
    let mut count = vec![0usize; ub.len()];
    let mut mark = vec![usize::MAX; ub.len()];
    let mut touched: Vec<u32> = Vec::new();
    let mut position = 0usize;
    let mut out = Vec::new();
    for (i, &x) in ua.iter().enumerate() {
        for &key in x {
            position += 1;
            let near = &keys.near[key as usize];
            for &k in std::iter::once(&key)
                .chain(near)
                .flat_map(|&k| &postings[k as usize])
            {
                let k = k as usize;
                if mark[k] != position {
                    mark[k] = position;
                    if count[k] == 0 {
                        touched.push(k as u32);
                    }
                    count[k] += 1;
                }
            }
        }
        touched.sort_unstable();
        for k in touched.drain(..) {
            let k = k as usize;
            let y = ub[k];
            let shorter = x.len().min(y.len());
            let needed = 2.max((shorter * 4).div_ceil(5));
            let bound = std::mem::take(&mut count[k]);
            if bound < needed || found(y, &set_a[i]) < needed {
                continue;
            }
            let Some(Local {
                a: (a0, a1),
                b: (b0, b1),
                matched,
            }) = local_alignment(&keys, x, y)
            else {
                continue;
            };
            let has_content = x[a0..a1].iter().any(|&key| keys.content[key as usize]);
            if matched < needed || !has_content {
                continue;
            }
            for &qa in &occ_a[i] {
                for &qb in &occ_b[k] {
                    let (x, y) = (&wa[qa].spans, &wb[qb].spans);
                    let sa = Span {
                        start: x[a0].0,
                        end: x[a1 - 1].1,
                    };
                    let sb = Span {
                        start: y[b0].0,
                        end: y[b1 - 1].1,
                    };
                    out.push(SharedQuote {
                        text: a.text[sa.start..sa.end].to_string(),
                        a: sa,
                        b: sb,
                    });
                }
            }
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
