//! The classifier, after jusText (Pomikálek 2011): each unit is first classed
//! alone from its statistics (good, near-good, short, bad), then short and
//! near-good units take the class of the text around them, and last the main
//! body is taken as the one contiguous run of text that outweighs the furniture
//! around it.

use super::LineStats;
use super::features::Features;
use super::rules::{self, Scope};
use super::units::Unit;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    Good,
    NearGood,
    Short,
    Bad,
}

/// Units shorter than this (in characters) are too short to judge alone.
const LENGTH_LOW: usize = 70;
/// Units longer than this with enough function words are good on their own.
const LENGTH_HIGH: usize = 200;
/// Function-word density above which a unit reads as prose...
const FUNC_HIGH: f32 = 0.22;
/// ...and above which it may be prose, if its neighbours are.
const FUNC_LOW: f32 = 0.15;

/// A line found in at least this share of a corpus's articles (and in three or
/// more) is furniture, unless it reads as a full sentence.
const REPEAT_SHARE: f32 = 0.05;

pub(crate) fn repeated(text: &str, f: &Features, stats: &LineStats) -> bool {
    let n = stats.count(text) as usize;
    n >= 3 && n as f32 >= stats.docs() as f32 * REPEAT_SHARE && (f.words < 12 || !f.sentence_end)
}

/// Classes each unit alone; rule and repetition verdicts carry their reason.
pub(crate) fn initial(
    units: &[Unit<'_>],
    feats: &[Features],
    stats: &LineStats,
    learnt: usize,
) -> (Vec<Class>, Vec<Option<&'static str>>) {
    let mut classes = Vec::with_capacity(units.len());
    let mut reasons = Vec::with_capacity(units.len());
    let mut after_lead = false;
    for (u, f) in units.iter().zip(feats) {
        let (class, reason) = if let Some((reason, scope)) = rules::matching(&u.text, f.words) {
            after_lead = scope == Scope::Lead;
            (Class::Bad, Some(reason))
        } else if after_lead && f.words <= 25 && (f.headline_shaped() || f.links > 0) {
            (Class::Bad, Some("related links"))
        } else {
            after_lead = false;
            if repeated(&u.text, f, stats) {
                (Class::Bad, Some("repeated across articles"))
            } else if separators(&u.text) >= 2 {
                (Class::Bad, Some("site navigation"))
            } else {
                (alone(f, learnt), None)
            }
        };
        classes.push(class);
        reasons.push(reason);
    }
    (classes, reasons)
}

/// Menu separators ("About | Contact | Jobs").
fn separators(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| matches!(*w, "|" | "/" | "·" | "•" | "::"))
        .count()
}

/// The class of a unit from its own statistics. `learnt` is how many function
/// words the page yielded: with few, sentence shape stands in for them.
fn alone(f: &Features, learnt: usize) -> Class {
    // Scripts written without spaces: judge by length and punctuation.
    let unspaced = f.chars > 40 && f.words * 12 < f.chars;
    if f.chars < LENGTH_LOW && !unspaced {
        return Class::Short;
    }
    if f.links * 3 >= f.words {
        return Class::Bad;
    }
    let density = if unspaced || learnt < 10 {
        // Sentence shape: mostly lowercase words (where the script has case),
        // punctuation, a full stop.
        let cased = f.lower + f.upper > 0;
        let shape = (!cased || f.lower_ratio() >= 0.5) && f.punct >= 1;
        if shape && f.sentence_end || unspaced && f.punct * 40 >= f.chars {
            FUNC_HIGH
        } else if shape || f.sentence_end {
            FUNC_LOW
        } else {
            0.0
        }
    } else {
        f.func_density()
    };
    if f.chars < LENGTH_LOW {
        Class::Short
    } else if density >= FUNC_HIGH {
        if f.chars > LENGTH_HIGH {
            Class::Good
        } else {
            Class::NearGood
        }
    } else if density >= FUNC_LOW {
        Class::NearGood
    } else {
        Class::Bad
    }
}

/// jusText's context pass: a short unit between good ones is good, between bad
/// ones bad; a near-good unit is good unless bad text lies on both sides.
pub(crate) fn context(classes: &mut [Class]) {
    let initial = classes.to_vec();
    let n = initial.len();
    // Nearest non-short classes, found in two sweeps (a per-unit scan would be
    // quadratic on a page of short lines); the page's edges count as bad.
    let near = nearest(&initial);
    for i in 0..n {
        if initial[i] != Class::Short {
            continue;
        }
        let (p, x) = (near.prev_strict[i], near.next_strict[i]);
        classes[i] = match (p, x) {
            (Class::Good, Class::Good) => Class::Good,
            (Class::Bad, Class::Bad) => Class::Bad,
            _ => {
                if near.prev[i] == Class::NearGood || near.next[i] == Class::NearGood {
                    Class::Good
                } else {
                    Class::Bad
                }
            }
        };
    }
    for i in 0..n {
        if initial[i] != Class::NearGood {
            continue;
        }
        let (p, x) = (near.prev_strict[i], near.next_strict[i]);
        classes[i] = if p == Class::Bad && x == Class::Bad {
            Class::Bad
        } else {
            Class::Good
        };
    }
}

/// For every unit, the nearest non-short class before and after it, with
/// near-good skipped (`*_strict`) or not.
struct Nearest {
    prev: Vec<Class>,
    next: Vec<Class>,
    prev_strict: Vec<Class>,
    next_strict: Vec<Class>,
}

fn nearest(classes: &[Class]) -> Nearest {
    let n = classes.len();
    let mut out = Nearest {
        prev: vec![Class::Bad; n],
        next: vec![Class::Bad; n],
        prev_strict: vec![Class::Bad; n],
        next_strict: vec![Class::Bad; n],
    };
    sweep(classes, 0..n, &mut out.prev, &mut out.prev_strict);
    sweep(classes, (0..n).rev(), &mut out.next, &mut out.next_strict);
    out
}

/// One direction of `nearest`: the last non-short class seen before each unit.
fn sweep(
    classes: &[Class],
    order: impl Iterator<Item = usize>,
    any_out: &mut [Class],
    strict_out: &mut [Class],
) {
    let (mut any, mut strict) = (Class::Bad, Class::Bad);
    for i in order {
        any_out[i] = any;
        strict_out[i] = strict;
        match classes[i] {
            Class::Short => {}
            Class::NearGood => any = Class::NearGood,
            c => {
                any = c;
                strict = c;
            }
        }
    }
}

/// The main body: the run of units that maximises kept text minus the furniture
/// inside it (Kadane's maximum subarray). Returns the half-open range.
pub(crate) fn main_span(classes: &[Class], feats: &[Features]) -> (usize, usize) {
    let mut best = (0i64, 0usize, 0usize);
    let (mut sum, mut start) = (0i64, 0usize);
    for (i, (c, f)) in classes.iter().zip(feats).enumerate() {
        let w = if *c == Class::Good {
            f.chars as i64
        } else {
            -(f.chars.min(100) as i64) - 20
        };
        if sum <= 0 {
            sum = 0;
            start = i;
        }
        sum += w;
        if sum > best.0 {
            best = (sum, start, i + 1);
        }
    }
    (best.1, best.2)
}

#[cfg(test)]
mod tests {
    use super::Class::*;
    use super::*;

    #[test]
    fn short_lines_follow_their_neighbours() {
        let mut c = vec![Bad, Short, Good, Short, Good, Short, Bad];
        context(&mut c);
        assert_eq!(c, vec![Bad, Bad, Good, Good, Good, Bad, Bad]);
    }

    #[test]
    fn near_good_is_good_beside_good() {
        let mut c = vec![Good, NearGood, Bad, NearGood, Bad];
        context(&mut c);
        assert_eq!(c, vec![Good, Good, Bad, Bad, Bad]);
    }

    #[test]
    fn main_span_skips_far_teasers() {
        let f = |chars| Features {
            chars,
            ..Features::default()
        };
        let classes = [Good, Bad, Bad, Bad, Bad, Good, Good, Bad, Good];
        let feats = [
            f(90),
            f(100),
            f(100),
            f(100),
            f(100),
            f(500),
            f(400),
            f(30),
            f(300),
        ];
        assert_eq!(main_span(&classes, &feats), (5, 9));
    }
}
