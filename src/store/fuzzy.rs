//! Edit distances for re-anchoring, all bounded so that no call costs more than
//! pattern length × window length (the caller keeps both small).

/// Levenshtein distance between two short strings (prefix/suffix context).
pub fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = (diag + usize::from(ca != cb)).min(up + 1).min(row[j] + 1);
            diag = up;
        }
    }
    row[b.len()]
}

/// 1 for equal strings, 0 for nothing in common (distance over the longer length).
pub fn similarity(a: &[char], b: &[char]) -> f64 {
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    1.0 - levenshtein(a, b) as f64 / longest as f64
}

/// Global edit distance if it is at most `band`, computed only along the band
/// (O(len × band)); None when it is larger.
pub fn banded(a: &[char], b: &[char], band: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > band {
        return None;
    }
    const FAR: usize = usize::MAX / 2;
    let n = b.len();
    let mut prev = vec![FAR; n + 1];
    let mut cur = vec![FAR; n + 1];
    for (j, cell) in prev.iter_mut().enumerate().take(band.min(n) + 1) {
        *cell = j;
    }
    for i in 1..=a.len() {
        let lo = i.saturating_sub(band).max(1);
        let hi = (i + band).min(n);
        cur[lo - 1] = if lo == 1 && i <= band { i } else { FAR };
        let mut best = cur[lo - 1];
        for j in lo..=hi {
            let v = (prev[j - 1] + usize::from(a[i - 1] != b[j - 1]))
                .min(prev[j] + 1)
                .min(cur[j - 1] + 1);
            cur[j] = v;
            best = best.min(v);
        }
        if hi < n {
            cur[hi + 1] = FAR;
        }
        if best > band {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[n]).filter(|&d| d <= band)
}

/// Last DP row of `pattern` against `text`: entry j is the least distance between
/// the pattern and a substring of `text` ending at j. With `free_start` the
/// substring may start anywhere (Sellers); without, it starts at 0.
fn last_row(pattern: &[char], text: &[char], free_start: bool) -> Vec<usize> {
    let mut col: Vec<usize> = (0..=pattern.len()).collect();
    let mut row = Vec::with_capacity(text.len() + 1);
    row.push(pattern.len());
    for (j, &t) in text.iter().enumerate() {
        let mut diag = col[0];
        col[0] = if free_start { 0 } else { j + 1 };
        for (i, &p) in pattern.iter().enumerate() {
            let left = col[i + 1];
            col[i + 1] = (diag + usize::from(p != t)).min(left + 1).min(col[i] + 1);
            diag = left;
        }
        row.push(col[pattern.len()]);
    }
    row
}

/// A substring of the text (char indices) and its distance to the pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub distance: usize,
}

/// The substring of `text` closest to `pattern` (fewest edits; among equals, the
/// one ending nearest `want_end`), if within `max` edits. O(pattern × text).
pub fn best_substring(pattern: &[char], text: &[char], want_end: usize, max: usize) -> Option<Hit> {
    if pattern.is_empty() {
        return None;
    }
    let row = last_row(pattern, text, true);
    let (end, &distance) = row
        .iter()
        .enumerate()
        .min_by_key(|&(j, &d)| (d, j.abs_diff(want_end)))?;
    if distance > max {
        return None;
    }
    // The start: run the reversed pattern back from `end`, anchored there.
    let rp: Vec<char> = pattern.iter().rev().copied().collect();
    let rt: Vec<char> = text[..end].iter().rev().copied().collect();
    let back = last_row(&rp, &rt, false);
    let (len, _) = back
        .iter()
        .enumerate()
        .min_by_key(|&(l, &d)| (d, l.abs_diff(pattern.len())))?;
    Some(Hit {
        start: end - len,
        end,
        distance,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn levenshtein_basics() {
        assert_eq!(levenshtein(&c("kitten"), &c("sitting")), 3);
        assert_eq!(levenshtein(&c(""), &c("abc")), 3);
        assert_eq!(similarity(&c(""), &c("")), 1.0);
        assert_eq!(similarity(&c("abcd"), &c("abcx")), 0.75);
    }

    #[test]
    fn banded_agrees_with_full_within_band() {
        let pairs = [
            ("kitten", "sitting"),
            ("the quick brown fox", "the quick brown fix"),
            ("abc", "abcdef"),
            ("", "ab"),
            ("élan vital", "elan vitale"),
        ];
        for (a, b) in pairs {
            let full = levenshtein(&c(a), &c(b));
            for band in 0..12 {
                let got = banded(&c(a), &c(b), band);
                if full <= band {
                    assert_eq!(got, Some(full), "{a} / {b} band {band}");
                } else {
                    assert_eq!(got, None, "{a} / {b} band {band}");
                }
            }
        }
    }

    #[test]
    fn best_substring_finds_edited_pattern() {
        let text = c("xx the quick brown fox jumps yy");
        let hit = best_substring(&c("quikc brown fox"), &text, 22, 4).unwrap();
        let found: String = text[hit.start..hit.end].iter().collect();
        assert_eq!(found, "quick brown fox");
        assert_eq!(hit.distance, 2);
        assert_eq!(best_substring(&c("zzzzzzzz"), &text, 0, 2), None);
    }

    #[test]
    fn best_substring_prefers_the_nearer_of_equals() {
        let text = c("abc ... abc");
        let far = best_substring(&c("abc"), &text, 11, 0).unwrap();
        assert_eq!((far.start, far.end), (8, 11));
        let near = best_substring(&c("abc"), &text, 0, 0).unwrap();
        assert_eq!((near.start, near.end), (0, 3));
    }
}
