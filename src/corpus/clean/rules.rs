//! Boilerplate rules as data (`assets/boilerplate/rules.tsv`): each a pattern with
//! the reason a matching line is dropped. A last resort beside the statistics.

use std::sync::LazyLock;

use regex::{RegexSet, RegexSetBuilder};

const RULES_TSV: &str = include_str!("../../../assets/boilerplate/rules.tsv");

/// What a matching line takes with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Only the line itself.
    Line,
    /// The line and the headline-shaped link lines after it ("See also:").
    Lead,
    /// The line, and the main text cannot run on past it (comments follow).
    End,
    /// The line, furniture found inside articles: it does not cut the text
    /// around it apart.
    Inline,
}

#[derive(Debug)]
struct Rule {
    reason: String,
    scope: Scope,
    max_words: usize,
    /// A line the rule must drop (checked by the tests).
    #[cfg_attr(not(test), allow(dead_code))]
    example: String,
}

struct Rules {
    set: RegexSet,
    rules: Vec<Rule>,
    /// The largest MAX_WORDS: longer lines are never matched.
    max_words: usize,
}

/// The lazy DFA's cache for the rule set, per thread. At the default 2 MiB the
/// set's states (thirty case-insensitive patterns, several unanchored) do not
/// fit: the cache is cleared and states rebuilt over and over, which made the
/// rules three to four times slower per line than with room for them all.
const DFA_CACHE: usize = 4 << 20;

static RULES: LazyLock<Rules> = LazyLock::new(|| parse(RULES_TSV));

fn parse(tsv: &str) -> Rules {
    let mut patterns = Vec::new();
    let mut rules = Vec::new();
    for (n, line) in tsv.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        // The file is bundled at build time, so a malformed row is a bug caught
        // by the unit tests, not bad input.
        assert!(fields.len() == 5, "rules.tsv line {}: 5 fields", n + 1);
        let scope = match fields[1] {
            "lead" => Scope::Lead,
            "end" => Scope::End,
            "inline" => Scope::Inline,
            _ => Scope::Line,
        };
        rules.push(Rule {
            reason: fields[0].to_string(),
            scope,
            max_words: fields[2].parse().unwrap_or(0),
            example: fields[4].to_string(),
        });
        // An ASCII word boundary keeps the fast DFA engines usable: a Unicode
        // `\b` sends every line with a curly quote to the slow PikeVM.
        patterns.push(fields[3].replace(r"\b", r"(?-u:\b)"));
    }
    let set = RegexSetBuilder::new(&patterns)
        .case_insensitive(true)
        .dfa_size_limit(DFA_CACHE)
        .build()
        .expect("rules.tsv: valid patterns");
    let max_words = rules.iter().map(|r| r.max_words).max().unwrap_or(0);
    Rules {
        set,
        rules,
        max_words,
    }
}

/// The first rule matching `line` (of `words` words): its reason and scope.
pub(crate) fn matching(line: &str, words: usize) -> Option<(&'static str, Scope)> {
    let rules = &*RULES;
    // Most lines match nothing: the cheap yes/no search (a lazy DFA) screens
    // them before the costlier search for which rules matched.
    if words > rules.max_words || !rules.set.is_match(line) {
        return None;
    }
    rules
        .set
        .matches(line)
        .into_iter()
        .map(|i| &rules.rules[i])
        .find(|r| words <= r.max_words)
        .map(|r| (r.reason.as_str(), r.scope))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(line: &str) -> Option<&'static str> {
        matching(line, line.split_whitespace().count()).map(|(r, _)| r)
    }

    #[test]
    fn rules_parse() {
        assert!(RULES.rules.len() > 20);
    }

    #[test]
    fn every_rule_drops_its_example_with_its_reason() {
        for (i, rule) in RULES.rules.iter().enumerate() {
            let words = rule.example.split_whitespace().count();
            assert!(
                RULES.set.matches(&rule.example).matched(i),
                "rule {i}: {:?}",
                rule.example
            );
            assert_eq!(
                matching(&rule.example, words).map(|m| m.0),
                Some(rule.reason.as_str()),
                "rule {i}: {:?}",
                rule.example
            );
        }
    }

    #[test]
    fn rules_name_their_reason() {
        assert_eq!(reason("Skip to main content"), Some("site navigation"));
        assert_eq!(reason("Leave a Reply"), Some("comment prompt"));
        assert_eq!(reason("Something went wrong."), Some("widget error"));
        assert_eq!(reason("Antony BlinkenReuters"), Some("photo credit"));
        assert_eq!(reason("More posts by bobby bracros"), Some("author box"));
        assert_eq!(reason("See also:"), Some("related links"));
        assert_eq!(
            reason("© 2019 SlashGear, All Rights Reserved."),
            Some("copyright notice")
        );
        assert_eq!(
            reason("Lascia un commento Annulla risposta"),
            Some("comment prompt")
        );
    }

    #[test]
    fn rules_spare_prose() {
        assert_eq!(reason("He drew a map"), None);
        assert_eq!(
            reason("Share prices fell sharply on Monday after the report."),
            None
        );
        let long = "Readers who subscribe to the paper were told on Monday that the \
                    printing plant would close, and that the weekend edition would move \
                    online with the rest of the paper's coverage of the city.";
        assert_eq!(reason(long), None);
    }

    #[test]
    fn lead_rules_take_their_links() {
        assert_eq!(matching("Read more:", 2).map(|m| m.1), Some(Scope::Lead));
    }
}
