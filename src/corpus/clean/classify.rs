//! The classifier, after jusText (Pomikálek 2011): each unit is first classed
//! alone from its statistics (good, near-good, short, bad), then short and
//! near-good units take the class of the text around them, and last the main
//! body is taken as the one contiguous run of text that outweighs the furniture
//! around it.

use super::Asking;
use super::features::Features;
use super::rules::{self, Scope};
use super::units::Unit;
use crate::corpus::text;

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
/// How far sentence shape alone counts where function words were learnt.
const SHAPE_WEIGHT: f32 = 1.0;
/// With fewer function words learnt than this, sentence shape decides alone.
const MIN_LEARNT: usize = 5;

/// Repeated across the corpus, and not a full sentence.
pub(crate) fn repeated(text: &str, f: &Features, asking: &mut Asking<'_>) -> bool {
    // Full sentences are asked about last: most of a page's text is in them,
    // and its line key need not be made.
    (f.words < 12 || !f.sentence_end) && asking.frequent(text)
}

/// Classes each unit alone; rule and repetition verdicts carry their reason.
/// The classes of the units alone, with rule reasons, the units after which
/// the main text cannot go on (comment-section headers), and the furniture that
/// may sit inside an article without cutting it apart.
pub(crate) struct Initial {
    pub classes: Vec<Class>,
    pub reasons: Vec<Option<&'static str>>,
    pub barriers: Vec<bool>,
    pub inline: Vec<bool>,
    /// For the items of a list, the unit that announced it.
    pub list_lead: Vec<Option<usize>>,
}

pub(crate) fn initial(
    units: &[Unit<'_>],
    feats: &[Features],
    asking: &mut Asking<'_>,
    learnt: usize,
) -> Initial {
    let mut classes = Vec::with_capacity(units.len());
    let mut reasons = Vec::with_capacity(units.len());
    let mut barriers = vec![false; units.len()];
    let mut inline = vec![false; units.len()];
    let mut after_lead = false;
    for (i, (u, f)) in units.iter().zip(feats).enumerate() {
        let (class, reason) = if let Some((reason, scope)) = rules::matching(&u.text, f.words) {
            after_lead = scope == Scope::Lead;
            barriers[i] = scope == Scope::End;
            inline[i] = scope == Scope::Inline;
            (Class::Bad, Some(reason))
        } else if after_lead && f.words <= 25 && (f.headline_shaped() || f.links > 0) {
            (Class::Bad, Some("related links"))
        } else {
            after_lead = false;
            if repeated(&u.text, f, asking) {
                (Class::Bad, Some("repeated across articles"))
            } else if doubled(&u.text, f.words) {
                // A link's text and its image's alt text, run together.
                (Class::Bad, Some("related links"))
            } else if f.separators >= 2 {
                (Class::Bad, Some("site navigation"))
            } else {
                (alone(f, learnt), None)
            }
        };
        classes.push(class);
        reasons.push(reason);
    }
    // A page of short paragraphs has no unit long enough to be good alone: its
    // best units stand in.
    if !classes.contains(&Class::Good) {
        for c in classes.iter_mut().filter(|c| **c == Class::NearGood) {
            *c = Class::Good;
        }
    }
    let list_lead = lists(
        &units.iter().map(|u| u.text.as_ref()).collect::<Vec<_>>(),
        &classes,
        &reasons,
        feats,
    );
    menu_runs(&mut classes, feats, &list_lead);
    Initial {
        classes,
        reasons,
        barriers,
        inline,
        list_lead,
    }
}

/// Longest list taken after a lead-in.
const LIST_MAX: usize = 200;

/// Lists announced by a prose line ending in a colon ("Here are the offers:"):
/// the short lines after it (items, their links) up to the next prose line or
/// named furniture belong to it. For each unit, the lead-in it belongs to.
fn lists(
    texts: &[&str],
    classes: &[Class],
    reasons: &[Option<&'static str>],
    feats: &[Features],
) -> Vec<Option<usize>> {
    let mut lead = vec![None; classes.len()];
    let mut i = 0;
    while i < classes.len() {
        let announces = texts[i].trim_end().ends_with([':', '：'])
            && matches!(classes[i], Class::Good | Class::NearGood);
        i += 1;
        if !announces {
            continue;
        }
        let start = i;
        while i < classes.len()
            && i - start < LIST_MAX
            && reasons[i].is_none()
            && matches!(classes[i], Class::Short | Class::Bad | Class::NearGood)
            && feats[i].chars < LENGTH_HIGH
        {
            i += 1;
        }
        if i - start >= 2 {
            for l in &mut lead[start..i] {
                *l = Some(start - 1);
            }
        }
    }
    lead
}

/// List items follow their lead-in: kept with it, dropped with it.
pub(crate) fn follow_lists(classes: &mut [Class], list_lead: &[Option<usize>]) {
    for i in 0..classes.len() {
        if let Some(l) = list_lead[i] {
            classes[i] = classes[l];
        }
    }
}

/// Runs of this many short non-sentences in a row are menus or link lists.
const MENU_RUN: usize = 3;

/// Short lines in a run of short non-sentences are menus, link lists or tag
/// clouds, not the headings a body has (one at a time, between paragraphs).
fn menu_runs(classes: &mut [Class], feats: &[Features], list_lead: &[Option<usize>]) {
    let menu_like: Vec<bool> = classes
        .iter()
        .zip(feats)
        .zip(list_lead)
        .map(|((c, f), l)| {
            l.is_none()
                && classes_short(*c)
                && !f.sentence_end
                && (f.words <= 2 || f.lower_ratio() < 0.5)
        })
        .collect();
    let menu_like = |i: usize| menu_like[i];
    let mut i = 0;
    while i < classes.len() {
        if !menu_like(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < classes.len() && menu_like(i) {
            i += 1;
        }
        if i - start >= MENU_RUN {
            for c in &mut classes[start..i] {
                if *c == Class::Short {
                    *c = Class::Bad;
                }
            }
        }
    }
}

/// Short units, and rule-dropped ones (furniture inside a menu run).
fn classes_short(c: Class) -> bool {
    matches!(c, Class::Short | Class::Bad)
}

/// The same words twice over ("Best deals of 2019 Best deals of 2019"), of a
/// text of `words` words.
fn doubled(text: &str, words: usize) -> bool {
    if text.len() > 400 || words < 4 || !words.is_multiple_of(2) {
        return false;
    }
    // Compared word by word in place: most lines differ at their first word.
    let half = words / 2;
    text::words(text)
        .take(half)
        .eq(text::words(text).skip(half))
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
    // Sentence shape stands in for function words where the page taught too
    // few of them, and backs them up where a line's words are rare ones.
    let cased = f.lower + f.upper > 0;
    let shape = (!cased || f.lower_ratio() >= 0.5) && f.punct >= 1;
    let by_shape = if shape && f.sentence_end || unspaced && f.punct * 40 >= f.chars {
        FUNC_HIGH
    } else if shape || f.sentence_end {
        FUNC_LOW
    } else {
        0.0
    };
    let density = if unspaced || learnt < MIN_LEARNT {
        by_shape
    } else {
        f.func_density().max(by_shape * SHAPE_WEIGHT)
    };
    if f.chars < LENGTH_LOW {
        Class::Short
    } else if density >= FUNC_HIGH {
        // A paragraph cut short with an ellipsis is a teaser's more often than not.
        if f.chars > LENGTH_HIGH && !f.truncated {
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
///
/// `transparent` units (short furniture a rule named, such as "Advertisement"
/// inside an article) stay dropped but do not cut the text around them apart.
pub(crate) fn context(classes: &mut [Class], transparent: &[bool]) {
    let initial = classes.to_vec();
    let n = initial.len();
    let seen: Vec<Class> = initial
        .iter()
        .zip(transparent)
        .map(|(c, t)| if *t { Class::Short } else { *c })
        .collect();
    // Nearest non-short classes, found in two sweeps (a per-unit scan would be
    // quadratic on a page of short lines); the page's edges count as bad.
    let near = nearest(&seen);
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
/// Prose (in characters) the main text must have before a comment header ends it.
const BODY_SEEN: i64 = 500;
/// ...in at least this many paragraphs good on their own.
const BODY_SEEN_PARAGRAPHS: usize = 3;

/// Prose counts by its length; short units the context kept weigh nothing (a
/// long run of them does not carry the body on); dropped units weigh against.
/// The main text stops at a barrier (a comment section's header).
pub(crate) fn main_span(
    initial: &Initial,
    classes: &[Class],
    feats: &[Features],
) -> (usize, usize) {
    let mut best = (0i64, 0usize, 0usize);
    let (mut sum, mut start) = (0i64, 0usize);
    // Paragraphs good on their own in the current run.
    let mut paragraphs = 0;
    for (i, (c, f)) in classes.iter().zip(feats).enumerate() {
        let w = match (initial.classes[i], c) {
            // A list's items are content, though short.
            (_, Class::Good) if initial.list_lead[i].is_some() => f.chars as i64 / 2,
            // Body paragraphs end like sentences; teasers often don't.
            (Class::Good, Class::Good) if !f.sentence_end => f.chars as i64 / 2,
            (Class::Good, Class::Good) => f.chars as i64,
            (Class::NearGood, Class::Good) => f.chars as i64 / 2,
            (_, Class::Good) => 0,
            _ => -(f.chars.min(100) as i64) / 2 - 10,
        };
        if i > 0 && initial.barriers[i - 1] {
            // Comments follow: once a body has been seen, it ends here.
            if best.1 == start && best.0 >= BODY_SEEN && paragraphs >= BODY_SEEN_PARAGRAPHS {
                break;
            }
            sum = 0;
        }
        if sum <= 0 {
            sum = 0;
            start = i;
            paragraphs = 0;
        }
        if initial.classes[i] == Class::Good {
            paragraphs += 1;
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
        let n = c.len();
        context(&mut c, &vec![false; n]);
        assert_eq!(c, vec![Bad, Bad, Good, Good, Good, Bad, Bad]);
    }

    #[test]
    fn near_good_is_good_beside_good() {
        let mut c = vec![Good, NearGood, Bad, NearGood, Bad];
        let n = c.len();
        context(&mut c, &vec![false; n]);
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
        let init = |classes: &[Class], barriers: Vec<bool>| Initial {
            classes: classes.to_vec(),
            reasons: vec![None; classes.len()],
            inline: vec![false; classes.len()],
            list_lead: vec![None; classes.len()],
            barriers,
        };
        let none = vec![false; 9];
        assert_eq!(main_span(&init(&classes, none), &classes, &feats), (5, 9));
        // A comment header after unit 6 ends the main text there.
        let mut barrier = vec![false; 9];
        barrier[7] = true;
        assert_eq!(
            main_span(&init(&classes, barrier), &classes, &feats),
            (5, 7)
        );
    }

    #[test]
    fn short_lines_kept_by_context_do_not_carry_the_body() {
        let f = |chars| Features {
            chars,
            ..Features::default()
        };
        let initial = [Good, Short, Short, Short, Short, Short];
        let after = [Good, Good, Good, Good, Good, Good];
        let feats = [f(400), f(20), f(20), f(20), f(20), f(20)];
        let init = Initial {
            classes: initial.to_vec(),
            reasons: vec![None; 6],
            barriers: vec![false; 6],
            inline: vec![false; 6],
            list_lead: vec![None; 6],
        };
        assert_eq!(main_span(&init, &after, &feats), (0, 1));
    }

    #[test]
    fn lists_follow_the_line_that_announced_them() {
        let f = |chars| Features {
            chars,
            words: 3,
            ..Features::default()
        };
        let texts = [
            "Here are the offers:",
            "1) A game",
            "http://x.y/1",
            "2) A film",
            "Prose.",
            "Menu",
        ];
        let classes = [NearGood, Short, Bad, Short, Good, Short];
        let reasons = [None; 6];
        let feats = [f(80), f(9), f(12), f(9), f(300), f(4)];
        let lead = lists(&texts, &classes, &reasons, &feats);
        assert_eq!(lead, vec![None, Some(0), Some(0), Some(0), None, None]);
        let mut after = [Good, Bad, Bad, Bad, Good, Bad];
        follow_lists(&mut after, &lead);
        assert_eq!(after, [Good, Good, Good, Good, Good, Bad]);
        // Named furniture ends a list.
        let reasons = [None, None, Some("share buttons"), None, None, None];
        assert_eq!(lists(&texts, &classes, &reasons, &feats)[2], None);
    }

    #[test]
    fn doubled_lines_are_links() {
        let doubled = |t: &str| doubled(t, t.split_whitespace().count());
        assert!(doubled("Best TV deals of 2019 Best TV deals of 2019"));
        assert!(!doubled("Talks resume as talks resume"));
        assert!(!doubled("Go go"));
        assert!(!doubled("Go go go go go"));
    }

    #[test]
    fn runs_of_short_lines_are_menus() {
        let f = |sentence_end| Features {
            chars: 10,
            words: 2,
            sentence_end,
            ..Features::default()
        };
        let mut c = vec![Good, Short, Good, Short, Short, Short, Good, Short, Short];
        let feats = [
            f(true),
            f(false),
            f(true),
            f(false),
            f(false),
            f(false),
            f(true),
            f(true),
            f(true),
        ];
        menu_runs(&mut c, &feats, &[None; 9]);
        assert_eq!(
            c,
            vec![Good, Short, Good, Bad, Bad, Bad, Good, Short, Short]
        );
    }
}
