//! Metadata from the head of a cleaned page: title (the headline, or one derived
//! from the lead), byline, date (ISO 8601) and the outlet where the text names it.

use std::borrow::Cow;
use std::sync::LazyLock;

use foldhash::HashSet;

use regex::Regex;

use super::clean::units::Unit;
use super::clean::{Cleaned, Verdict};
use crate::corpus::clean::Features;

/// How far before the body (in units) the headline and byline are looked for.
const HEAD: usize = 25;

pub(crate) fn extract(
    units: &[Unit<'_>],
    feats: &[Features],
    verdicts: &mut [Verdict],
    out: &mut Cleaned,
) {
    let Some(body) = verdicts
        .iter()
        .position(|v| matches!(v, Verdict::Body | Verdict::Heading))
    else {
        out.outlet = outlet(units);
        return;
    };
    let lo = body.saturating_sub(HEAD);
    byline_and_date(units, feats, verdicts, lo, body, out);
    title(units, feats, verdicts, lo, body, out);
    out.outlet = outlet(units);
}

/// The byline and the date nearest the body, in its head (or just at its start): their lines become metadata. Bylines and date lines
/// further up (a teaser's, a sidebar's) are dropped.
fn byline_and_date(
    units: &[Unit<'_>],
    feats: &[Features],
    verdicts: &mut [Verdict],
    lo: usize,
    body: usize,
    out: &mut Cleaned,
) {
    // The first kept units may be the headline and its byline lines, when
    // the context kept them: they are looked at too, if they are nothing else.
    let hi = (body + 4).min(units.len());
    for i in (lo..hi).rev() {
        let f = &feats[i];
        let text = units[i].text.as_ref();
        if f.words > 20 {
            continue;
        }
        // Each looked for once: the regexes behind them are the costly part.
        let name = byline(text);
        let found = date(text);
        let is_dateline = dateline(f, found.is_some());
        if i >= body && name.is_none() && !is_dateline {
            continue;
        }
        let mut used = false;
        let mut other = false;
        if let Some(name) = name {
            if out.byline.is_none() {
                out.byline = Some(name);
                used = true;
            } else {
                other = true;
            }
        } else if BY_ALONE.is_match(text)
            && out.byline.is_none()
            && let Some(next) = units.get(i + 1)
            && (1..=5).contains(&next.text.split_whitespace().count())
        {
            // "By" on a line of its own, the name on the next.
            out.byline = Some(next.text.trim().to_string());
            verdicts[i + 1] = Verdict::Meta;
            used = true;
        }
        if let Some(d) = found {
            if out.date.is_none() {
                out.date = Some(d);
                used = true;
            } else {
                other |= is_dateline;
            }
        }
        if used {
            verdicts[i] = Verdict::Meta;
        } else if other {
            verdicts[i] = Verdict::Named("byline or date");
        }
    }
}

static BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\b|[a-z])(?i:by|von|par|por|di|door|av|af|от)\s+(\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|de|da|van|von|der|di|del|la|le|and|und|et|y|e|&)){0,5})").unwrap()
});
static BY_ALONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(by|von|par|por|door)\s*:?$").unwrap());

/// Whether `text`, lower-cased, starts with one of `BY_WORDS`. Only its head is
/// lower-cased: a char never lower-cases to nothing, so the first chars of the
/// lower-cased line come from at most as many of its own.
fn starts_like_byline(text: &str) -> bool {
    let head: String = text.trim_start().chars().take(BY_LONGEST).collect();
    let lower = head.to_lowercase();
    BY_WORDS.iter().any(|p| lower.starts_with(p))
}

/// What a byline starts with, and the longest of them in chars.
const BY_WORDS: [&str; 8] = ["by ", "von ", "par ", "por ", "door ", "av ", "af ", "от "];
const BY_LONGEST: usize = 5;

/// The name after the last "By" in a line that starts with one ("By Jane Doe",
/// "By 03/02/2023 11:51 PMNo CommentsBy YidInfo Staff" -> "YidInfo Staff").
pub(crate) fn byline(text: &str) -> Option<String> {
    if !starts_like_byline(text) {
        return None;
    }
    let mut name = BY.captures_iter(text).last()?.get(1)?.as_str();
    // Job titles and timestamps glued on by the dump: "Meg JamesStaff Writer".
    for tail in [
        "Staff Writer",
        "Updated",
        "Published",
        "Reporter",
        "Correspondent",
        "Editor",
    ] {
        if let Some(i) = name.find(tail).filter(|&i| i > 0) {
            name = &name[..i];
        }
    }
    let name = name.trim_end_matches([' ', ',', '|', '-']);
    (!name.is_empty()).then(|| name.to_string())
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    // de
    ("januar", 1),
    ("februar", 2),
    ("märz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    // fr
    ("janvier", 1),
    ("février", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    // es, pt, it
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
];

fn month(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|m| m.0 == n).map(|m| m.1)
}

static ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b((?:19|20)\d\d)-(\d\d?)-(\d\d?)(?:\D|$)").unwrap());
static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d\d?)([/.])(\d\d?)[/.]((?:19|20)\d\d)\b").unwrap());
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\p{L}{3,10})\.?\s+(\d\d?)(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b").unwrap()
});
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d\d?)(?:st|nd|rd|th|\.|º)?\s+(?:de\s+)?(\p{L}{3,10})\.?,?\s+(?:de\s+)?((?:19|20)\d\d)\b")
        .unwrap()
});

/// A line that is a date and little else ("November 19, 2019 at 5:10 pm",
/// "(Published Monday, Nov. 18, 2019)"): page furniture, never body text.
fn dateline(f: &Features, has_date: bool) -> bool {
    f.words <= 12 && !f.sentence_end && has_date
}

/// The first date in `text`, as YYYY-MM-DD. Numeric dates with slashes read
/// month first unless the first number cannot be a month; with dots, day first.
pub(crate) fn date(text: &str) -> Option<String> {
    let iso = |y: &str, m: u32, d: u32| -> Option<String> {
        ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y}-{m:02}-{d:02}"))
    };
    let num = |s: &str| s.parse::<u32>().ok();
    // Every pattern below has a year starting with these digits: most lines,
    // without them, skip the four regexes.
    if !text.contains("19") && !text.contains("20") {
        return None;
    }
    if let Some(c) = ISO.captures(text) {
        return iso(&c[1], num(&c[2])?, num(&c[3])?);
    }
    if let Some(c) = NUMERIC.captures(text) {
        let (a, b) = (num(&c[1])?, num(&c[3])?);
        let (m, d) = if &c[2] == "." || a > 12 {
            (b, a)
        } else {
            (a, b)
        };
        return iso(&c[4], m, d);
    }
    for c in MONTH_DAY.captures_iter(text) {
        if let Some(m) = month(&c[1]) {
            return iso(&c[3], m, num(&c[2])?);
        }
    }
    for c in DAY_MONTH.captures_iter(text) {
        if let Some(m) = month(&c[2]) {
            return iso(&c[3], m, num(&c[1])?);
        }
    }
    None
}

/// Picks the headline among the units just before the body: headline-shaped,
/// sharing words with the body, near it. With none, a title is derived from
/// the lead.
fn title(
    units: &[Unit<'_>],
    feats: &[Features],
    verdicts: &mut [Verdict],
    lo: usize,
    body: usize,
    out: &mut Cleaned,
) {
    // A short kept unit opening the body may be the headline itself.
    // (A headline cut short with an ellipsis still is one.)
    let opening = &feats[body];
    let short = opening.headline_shaped() || opening.truncated && opening.words <= 25;
    let hi = if short && body + 1 < units.len() {
        body + 1
    } else {
        body
    };
    let candidates: Vec<(usize, Vec<Cow<'_, str>>)> = (lo..hi)
        .filter(|&i| {
            let f = &feats[i];
            matches!(
                verdicts[i],
                Verdict::Drop(_) | Verdict::Heading | Verdict::Body
            ) && (2..=30).contains(&f.words)
                && f.chars <= 250
                && f.links == 0
                && !units[i].text.contains(['<', '>', '{', '}', '='])
                && !f.soft_end
                && (!f.sentence_end || units[i].text.ends_with(['?', '!']))
        })
        .map(|i| (i, content_words(&units[i].text).collect()))
        .collect();
    // The candidates' words the body has: the body's words are only looked up
    // among the candidates' few, not gathered into a set of their own.
    let wanted: HashSet<&str> = candidates
        .iter()
        .flat_map(|(_, words)| words.iter().map(|w| w.as_ref()))
        .collect();
    let mut in_body: HashSet<&str> = HashSet::default();
    if !wanted.is_empty() {
        for u in units[body..]
            .iter()
            .zip(&verdicts[body..])
            .filter(|(_, v)| matches!(v, Verdict::Body))
            .take(5)
            .map(|(u, _)| u)
        {
            for w in content_words(&u.text) {
                if let Some(&w) = wanted.get(w.as_ref()) {
                    in_body.insert(w);
                }
            }
        }
    }
    let mut best: Option<(f32, usize)> = None;
    for (i, words) in &candidates {
        let (i, f) = (*i, &feats[*i]);
        let shared = words
            .iter()
            .filter(|w| in_body.contains(w.as_ref()))
            .count();
        // The share of its words the body repeats (a breadcrumb trail before
        // the headline shares a few, the headline most), its length, nearness.
        let share = shared as f32 / words.len().max(1) as f32;
        let near = (hi - i) as f32;
        let score = share * 6.0 + (f.words.min(12) as f32) * 0.3 - near * 0.3;
        if shared > 0 && best.is_none_or(|b| score > b.0) {
            best = Some((score, i));
        }
    }
    if let Some((_, i)) = best {
        out.title = Some(units[i].text.trim().to_string());
        verdicts[i] = Verdict::Title;
        return;
    }
    // No headline: the lead's first sentence (unless a dateline's stop ends it
    // early), cut at a dozen words.
    let lead = &units[body].text;
    let first = lead.split_inclusive(". ").next().unwrap_or(lead).trim();
    let sentence = if first.split_whitespace().count() < 5 {
        lead.trim()
    } else {
        first
    };
    let words: Vec<&str> = sentence.split_whitespace().collect();
    out.title = Some(if words.len() > 12 {
        format!(
            "{}…",
            words[..12].join(" ").trim_end_matches([',', ';', ':'])
        )
    } else {
        sentence.to_string()
    });
    out.title_derived = true;
}

/// Words of four chars or more, lower-cased (borrowed when they already are).
fn content_words(text: &str) -> impl Iterator<Item = Cow<'_, str>> {
    let text = &text[..crate::corpus::text::floor_boundary(text, 2000)];
    text.split(|c: char| !c.is_alphanumeric())
        // At least four chars (a char is at most four bytes).
        .filter(|w| w.len() >= 16 || (w.len() >= 4 && w.chars().count() >= 4))
        .map(|w| {
            if !w.is_ascii() {
                Cow::Owned(w.to_lowercase())
            } else if w.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(w.to_ascii_lowercase())
            } else {
                Cow::Borrowed(w)
            }
        })
}

static DESK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(?\s*(\p{Lu}[\p{L}&.-]*(?:\s+\p{Lu}[\p{L}&.-]*){0,5})['’]s?\s+(?:[\p{L}-]+\s+){0,3}(?:desk|newsroom|staff|team)\b").unwrap()
});
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    // "©", or "Copyright" with a year or a "©" ("Copyright Policy" is a link).
    Regex::new(r"(?i)(?:(?:©|\(c\))\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?|copyright\s*(?:©\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?|\d{4}(?:\s*[-–]\s*\d{4})?))\s*,?\s*(?-i:(\p{Lu}[\p{L}\d&.'’-]*(?:\s+(?:\p{Lu}[\p{L}\d&.'’-]*|&|of|and)){0,5}))").unwrap()
});

/// The outlet, where the page names itself: a "(Outlet's desk ...)" notice, else
/// a copyright line.
/// The copyright line looked at is the page's last: the footer's, not a
/// photo's.
fn outlet(units: &[Unit<'_>]) -> Option<String> {
    let short = || units.iter().filter(|u| u.text.len() <= 400);
    short()
        .filter(|u| may_be_desk(&u.text))
        .find_map(|u| DESK.captures(&u.text).map(|c| company(&c[1])))
        .or_else(|| {
            short()
                .rev()
                .filter(|u| may_be_copyright(&u.text))
                .find_map(|u| {
                    let name = company(&COPYRIGHT.captures(&u.text)?[1]);
                    (name.chars().count() >= 2).then_some(name)
                })
        })
}

/// What `DESK` cannot match without (its words are case-sensitive): most lines
/// are ruled out before the regex.
fn may_be_desk(text: &str) -> bool {
    // Two searches for one char each, not one char by char for either.
    (text.contains('\'') || text.contains('’'))
        && ["desk", "newsroom", "staff", "team"]
            .iter()
            .any(|w| text.contains(w))
}

/// What `COPYRIGHT` cannot match without: "©", "(c)" or "copyright" in any
/// case (none of their letters has a case variant beyond ASCII; a test checks).
fn may_be_copyright(text: &str) -> bool {
    let b = text.as_bytes();
    // "(c)" and "copyright" both found at their c's, in one pass.
    text.contains('©')
        || (0..b.len()).any(|i| {
            matches!(b[i], b'c' | b'C')
                && ((i > 0 && b[i - 1] == b'(' && b.get(i + 1) == Some(&b')'))
                    || (b[i..].get(..9)).is_some_and(|w| w.eq_ignore_ascii_case(b"copyright")))
        })
}

/// A company name without what trails it: "All Rights Reserved", a legal form.
fn company(name: &str) -> String {
    let mut words: Vec<&str> = name
        .split_whitespace()
        .skip_while(|w| w.eq_ignore_ascii_case("copyright"))
        .take_while(|w| {
            !matches!(
                w.trim_end_matches(['.', ',']),
                "All" | "Rights" | "Reserved"
            )
        })
        .collect();
    while let Some(last) = words.last() {
        let bare = last.trim_end_matches(['.', ',']);
        if bare.is_empty()
            || matches!(
                bare,
                "Inc" | "LLC" | "Ltd" | "Limited" | "Pty" | "Corp" | "GmbH" | "&"
            )
        {
            words.pop();
        } else {
            break;
        }
    }
    words.join(" ").trim_end_matches(['.', ',']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byline_after_the_last_by() {
        assert_eq!(
            byline("By 03/02/2023 11:51 PMNo CommentsBy YidInfo Staff").as_deref(),
            Some("YidInfo Staff")
        );
        assert_eq!(byline("By Jane Doe, Reuters").as_deref(), Some("Jane Doe"));
        assert_eq!(byline("Von Anna Müller").as_deref(), Some("Anna Müller"));
        assert_eq!(
            byline("By Meg JamesStaff Writer").as_deref(),
            Some("Meg James")
        );
        assert_eq!(byline("Bystanders fled the scene"), None);
        assert_eq!(byline("by the river"), None);
    }

    #[test]
    fn dates_parse_to_iso() {
        assert_eq!(
            date("By 03/02/2023 11:51 PMNo Comments").as_deref(),
            Some("2023-03-02")
        );
        assert_eq!(
            date("Nov. 19, 2019 8:03 am ET").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(
            date("Chris Davies - Nov 19, 2019, 10:31 pm CST").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(date("23 Nov 2017").as_deref(), Some("2017-11-23"));
        assert_eq!(
            date("20 de noviembre de 2019").as_deref(),
            Some("2019-11-20")
        );
        assert_eq!(date("20.11.2019").as_deref(), Some("2019-11-20"));
        assert_eq!(date("25/12/2020").as_deref(), Some("2020-12-25"));
        assert_eq!(date("2019-11-20T10:00").as_deref(), Some("2019-11-20"));
        assert_eq!(date("Published 13/13/2020"), None);
        assert_eq!(date("The 2019 season"), None);
    }

    #[test]
    fn literal_screens_hold_for_every_char() {
        // may_be_copyright compares ASCII case-insensitively: no other char may
        // match one of its letters under the regex's case-insensitivity.
        for letter in "copyright".chars() {
            let re = Regex::new(&format!("(?i)^{letter}$")).unwrap();
            let folds: Vec<char> = (0..=0x10ffff)
                .filter_map(char::from_u32)
                .filter(|c| re.is_match(c.encode_utf8(&mut [0; 4])))
                .collect();
            assert_eq!(folds, [letter.to_ascii_uppercase(), letter], "{letter}");
        }
        assert!(may_be_copyright("COPYRIGHT 2019") && may_be_copyright("(C) 2019"));
        assert!(may_be_copyright("x (c)") && may_be_copyright("(c)") && may_be_copyright("©"));
        assert!(
            !may_be_copyright("Copy right")
                && !may_be_copyright("c) (c")
                && !may_be_copyright("(cc)")
        );
        assert!(may_be_desk("The Times’ desk") && !may_be_desk("The Times desk"));
        assert!(may_be_desk("(CNN's politics team reports)"));
        assert!(!may_be_desk("The desk and the staff"));
        // The date regexes all need a year from 1900 to 2099.
        assert_eq!(date("Nov. 19, 1899"), None);
        assert_eq!(date("12/11/21"), None);
    }

    #[test]
    fn byline_starts_are_case_blind() {
        let by_whole_line = |t: &str| {
            let lower = t.trim_start().to_lowercase();
            BY_WORDS.iter().any(|p| lower.starts_with(p))
        };
        for t in [
            "BY JANE DOE",
            "  bY x",
            "ByJane",
            "ΣBY",
            "BYΣ Doe",
            "\u{130}by x",
            "DOOR",
            "Door Jan",
            "OT Ivan",
            "ОТ Иван",
            "A\u{30a} by",
            "",
        ] {
            assert_eq!(starts_like_byline(t), by_whole_line(t), "{t:?}");
        }
        assert_eq!(byline("BY JANE DOE").as_deref(), Some("JANE DOE"));
        assert_eq!(byline("  BY Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(byline("ОТ Иван Петров").as_deref(), Some("Иван Петров"));
        assert_eq!(byline("DOOR Jan de Vries").as_deref(), Some("Jan de Vries"));
        assert_eq!(byline("Bylines"), None);
    }

    #[test]
    fn outlet_from_desk_notice_and_copyright() {
        let u = |t: &'static str| Unit {
            pieces: vec![(1, t)],
            text: t.into(),
        };
        let notice = u("(Israel National News' North American desk is keeping you updated.)");
        assert_eq!(outlet(&[notice]).as_deref(), Some("Israel National News"));
        let c = u("© 2005-2019 SlashGear, All Rights Reserved.");
        assert_eq!(outlet(&[c]).as_deref(), Some("SlashGear"));
        let d = u("Copyright ©2019 Dow Jones & Company, Inc. All Rights Reserved.");
        assert_eq!(outlet(&[d]).as_deref(), Some("Dow Jones & Company"));
        assert_eq!(outlet(&[u("Nothing here.")]), None);
        assert_eq!(outlet(&[u("Copyright Policy")]), None);
        let n = u("© 2019 News Nation. All Rights Reserved.");
        assert_eq!(outlet(&[n]).as_deref(), Some("News Nation"));
    }
}
