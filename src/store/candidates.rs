//! Where a quote that is no longer in the text verbatim may now start: q-grams
//! of the quote vote for start positions in one linear pass over the text, so
//! that the edit distance only ever runs in a few small windows.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Windows returned at most.
const MAX_CANDIDATES: usize = 8;

/// Likely start positions of the quote, best first: q-grams of the quote (a sample
/// of at most `MAX_GRAMS`) are looked up at every position of the text in one pass,
/// each hit voting for the start it implies.
pub fn candidate_starts(text: &[u8], quote: &[u8], bucket: usize) -> Vec<usize> {
    const MAX_GRAMS: usize = 256;
    const FILTER_BITS: usize = 1 << 16;
    let q = (quote.len() / 6).clamp(3, 8);
    if quote.len() < q || text.len() < q {
        return Vec::new();
    }
    let pack = |bytes: &[u8]| bytes.iter().fold(0u64, |k, &b| (k << 8) | u64::from(b));
    let slot = |key: u64| (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize;
    let count = quote.len() - q + 1;
    let stride = count.div_ceil(MAX_GRAMS);
    let mut grams: HashMap<u64, Vec<usize>, BuildHasherDefault<MixHasher>> = HashMap::default();
    // A bit per slot: most text positions are rejected without a hash lookup.
    let mut filter = vec![0u64; FILTER_BITS / 64];
    for o in (0..count).step_by(stride) {
        let key = pack(&quote[o..o + q]);
        let offsets = grams.entry(key).or_default();
        if offsets.len() < 4 {
            offsets.push(o);
        }
        let b = slot(key);
        filter[b / 64] |= 1 << (b % 64);
    }
    let mask = if q == 8 {
        u64::MAX
    } else {
        (1u64 << (8 * q)) - 1
    };
    let mut votes = vec![0u32; text.len() / bucket + 1];
    let mut key = 0u64;
    for (p, &byte) in text.iter().enumerate() {
        key = ((key << 8) | u64::from(byte)) & mask;
        if p + 1 < q {
            continue;
        }
        let b = slot(key);
        if filter[b / 64] & (1 << (b % 64)) == 0 {
            continue;
        }
        if let Some(offsets) = grams.get(&key) {
            let at = p + 1 - q;
            // A hit implying a start before the text is noise (the old place is
            // always tried anyway).
            for &o in offsets.iter().filter(|&&o| o <= at) {
                votes[(at - o) / bucket] += 1;
            }
        }
    }
    // A start shifted by edits spills into the next bucket: count neighbours too.
    let mut ranked: Vec<(u32, usize)> = (0..votes.len())
        .filter(|&b| votes[b] > 0)
        .map(|b| {
            let near = |d: Option<usize>| d.and_then(|d| votes.get(d)).copied().unwrap_or(0);
            (
                near(b.checked_sub(1)) + votes[b] + near(b.checked_add(1)),
                b,
            )
        })
        .collect();
    ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let best = ranked.first().map_or(0, |r| r.0);
    ranked
        .into_iter()
        .take_while(|r| r.0 * 4 >= best)
        .take(MAX_CANDIDATES)
        .map(|(_, b)| b * bucket + bucket / 2)
        .collect()
}

/// q-grams are already well-mixed u64 keys: one multiply is hash enough (std's
/// SipHash dominated the scan of a long article).
#[derive(Default)]
struct MixHasher(u64);

impl Hasher for MixHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_point_at_the_edited_copy() {
        let filler = "lorem ipsum dolor sit amet ".repeat(200);
        let quote = "the minister said the talks would resume in spring";
        let edited = "the minister said that talks would resume in the spring";
        let text = format!("{filler}{edited} {filler}");
        let at = filler.len();
        let bucket = 16;
        let starts = candidate_starts(text.as_bytes(), quote.as_bytes(), bucket);
        assert!(!starts.is_empty() && starts.len() <= MAX_CANDIDATES);
        assert!(starts[0].abs_diff(at) <= 2 * bucket, "{starts:?} vs {at}");
    }

    #[test]
    fn tiny_inputs_give_nothing() {
        assert!(candidate_starts(b"ab", b"abcdef", 16).is_empty());
        assert!(candidate_starts(b"abcdef", b"ab", 16).is_empty());
    }
}
