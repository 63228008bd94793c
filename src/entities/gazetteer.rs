//! Word lists from assets/gazetteers/ (sources and licences in assets/README.md),
//! embedded in the binary and turned into hash sets once, on first use.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use foldhash::fast::FixedState;

use super::EntityKind;

/// Fast hashing for short words (foldhash, as elsewhere in parallax), with a
/// fixed seed: look-ups are most of recognition's time, and resolution's
/// output must not depend on the run. No outside input chooses these keys'
/// collisions beyond a slower look-up.
pub type FixedMap<K, V> = HashMap<K, V, FixedState>;
pub type FixedSet<K> = HashSet<K, FixedState>;
pub type Set = FixedSet<&'static str>;
pub type Map<V> = FixedMap<&'static str, V>;

/// The lists, keyed as written in the files: lower case, except `places` and the
/// aliases, which keep their case (capitals carry meaning there).
pub struct Gazetteer {
    pub common: Set,
    pub given: Set,
    pub surnames: Set,
    pub places: Set,
    /// Smaller towns: a doubt, not a place.
    pub towns: Set,
    pub roles: Set,
    pub cues: Set,
    pub org_heads: Set,
    pub place_heads: Set,
    pub demonyms: Set,
    pub stopwords: Set,
    /// Any spelling -> (kind, canonical name).
    pub aliases: Map<(EntityKind, &'static str)>,
    /// One look-up per word instead of one per list: the lower-case lists' bits
    /// by lower-case word, and the place lists' bits by the word as written.
    lower_bits: FixedMap<Cow<'static, str>, u16>,
    cased_bits: Map<u16>,
}

pub const COMMON: u16 = 1;
pub const GIVEN: u16 = 1 << 1;
pub const STOP: u16 = 1 << 2;
pub const ROLE: u16 = 1 << 3;
pub const DEMONYM: u16 = 1 << 4;
pub const ORG_HEAD: u16 = 1 << 5;
pub const PLACE_HEAD: u16 = 1 << 6;
pub const SURNAME: u16 = 1 << 7;
pub const PLACE: u16 = 1 << 8;
pub const TOWN: u16 = 1 << 9;
pub const ALIAS: u16 = 1 << 10;
/// The word as written opens a cased entry of several words ("New" of "New
/// York"): only then can a run starting with it be a known name as a whole.
pub const MULTI_FIRST: u16 = 1 << 11;
/// In `lower_bits` only: some cased entry lower-cases to this word, so the
/// cased table is worth a look-up (most capitalised words have none).
const CASED: u16 = 1 << 15;

fn set(data: &'static str) -> Set {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

fn aliases(data: &'static str) -> Map<(EntityKind, &'static str)> {
    let mut map = Map::default();
    for line in data
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let mut fields = line.split('|');
        let kind = match fields.next() {
            Some("place") => EntityKind::Place,
            Some("organization") => EntityKind::Organization,
            Some("person") => EntityKind::Person,
            _ => EntityKind::Other,
        };
        let names: Vec<&'static str> = fields.collect();
        if let Some(&canonical) = names.first() {
            for n in names {
                map.insert(n, (kind, canonical));
            }
        }
    }
    map
}

impl Gazetteer {
    /// The embedded lists, loaded once per process.
    pub fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::load)
    }

    /// The bits of the lists holding a word: `lower` for the lower-case lists,
    /// `word` as written for places, towns and aliases.
    pub fn bits(&self, lower: &str, word: &str) -> u16 {
        let bits = self.lower_bits.get(lower).copied().unwrap_or(0);
        if bits & CASED == 0 {
            return bits;
        }
        bits & !CASED | self.cased_bits.get(word).copied().unwrap_or(0)
    }

    /// The kind of a name known as a whole: an alias's kind, else a place.
    pub fn kind_of(&self, name: &str) -> Option<EntityKind> {
        let bits = self.cased_bits.get(name).copied().unwrap_or(0);
        if bits & ALIAS != 0 {
            return self.aliases.get(name).map(|&(kind, _)| kind);
        }
        (bits & PLACE != 0).then_some(EntityKind::Place)
    }

    fn load() -> Gazetteer {
        let mut g = Gazetteer {
            common: set(include_str!("../../assets/gazetteers/common_words.txt")),
            given: set(include_str!("../../assets/gazetteers/given_names.txt")),
            surnames: set(include_str!("../../assets/gazetteers/surnames.txt")),
            places: set(include_str!("../../assets/gazetteers/places.txt")),
            towns: set(include_str!("../../assets/gazetteers/towns.txt")),
            roles: set(include_str!("../../assets/gazetteers/roles.txt")),
            cues: set(include_str!("../../assets/gazetteers/cues.txt")),
            org_heads: set(include_str!("../../assets/gazetteers/org_heads.txt")),
            place_heads: set(include_str!("../../assets/gazetteers/place_heads.txt")),
            demonyms: set(include_str!("../../assets/gazetteers/demonyms.txt")),
            stopwords: set(include_str!("../../assets/gazetteers/stopwords.txt")),
            aliases: aliases(include_str!("../../assets/gazetteers/aliases.txt")),
            lower_bits: FixedMap::default(),
            cased_bits: Map::default(),
        };
        let mut lower_bits = FixedMap::default();
        for (set, bit) in [
            (&g.common, COMMON),
            (&g.given, GIVEN),
            (&g.stopwords, STOP),
            (&g.roles, ROLE),
            (&g.demonyms, DEMONYM),
            (&g.org_heads, ORG_HEAD),
            (&g.place_heads, PLACE_HEAD),
            (&g.surnames, SURNAME),
        ] {
            for &w in set.iter() {
                *lower_bits.entry(Cow::Borrowed(w)).or_insert(0) |= bit;
            }
        }
        let mut cased_bits = Map::default();
        for (set, bit) in [(&g.places, PLACE), (&g.towns, TOWN)] {
            for &w in set.iter() {
                *cased_bits.entry(w).or_insert(0) |= bit;
            }
        }
        for &w in g.aliases.keys() {
            *cased_bits.entry(w).or_insert(0) |= ALIAS;
        }
        let firsts: Vec<&'static str> = cased_bits
            .keys()
            .filter_map(|w| w.split_once(' ').map(|(first, _)| first))
            .collect();
        for first in firsts {
            *cased_bits.entry(first).or_insert(0) |= MULTI_FIRST;
        }
        for &w in cased_bits.keys() {
            // Lower-cased as recognition lower-cases words.
            let lower: String = w.chars().flat_map(char::to_lowercase).collect();
            *lower_bits.entry(Cow::Owned(lower)).or_insert(0) |= CASED;
        }
        g.lower_bits = lower_bits;
        g.cased_bits = cased_bits;
        g
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_hold_what_they_should() {
        let g = Gazetteer::get();
        assert!(g.given.contains("sergey") && g.given.contains("linda"));
        assert!(g.places.contains("Moscow") && g.places.contains("China"));
        assert!(g.common.contains("according") && !g.common.contains("lavrov"));
        assert!(g.org_heads.contains("ministry") && g.roles.contains("president"));
        assert_eq!(
            g.aliases.get("U.S."),
            Some(&(EntityKind::Place, "United States"))
        );
    }

    #[test]
    fn one_look_up_answers_as_two_did() {
        let g = Gazetteer::get();
        // Cased lists answer to the word as written, the others to its lower case.
        assert_ne!(g.bits("moscow", "Moscow") & PLACE, 0);
        assert_eq!(g.bits("moscow", "moscow") & PLACE, 0);
        assert_ne!(g.bits("u.s.", "U.S.") & ALIAS, 0);
        assert_ne!(g.bits("sergey", "Sergey") & GIVEN, 0);
        // The hint bit never leaks out.
        for (lower, word) in [("moscow", "Moscow"), ("the", "The"), ("china", "China")] {
            assert_eq!(g.bits(lower, word) & CASED, 0);
        }
        assert_eq!(g.kind_of("U.S."), Some(EntityKind::Place));
        assert_eq!(g.kind_of("Moscow"), Some(EntityKind::Place));
        assert_eq!(g.kind_of("Lavrov"), None);
    }

    #[test]
    fn first_words_of_names_of_several_words_are_marked() {
        let g = Gazetteer::get();
        assert_ne!(g.bits("new", "New") & MULTI_FIRST, 0);
        assert_ne!(g.bits("united", "United") & MULTI_FIRST, 0);
        assert_eq!(g.bits("lavrov", "Lavrov") & MULTI_FIRST, 0);
        assert_eq!(g.bits("moscow", "Moscow") & MULTI_FIRST, 0);
        // Marked as written only, and it names nothing by itself.
        assert_eq!(g.bits("new", "new") & MULTI_FIRST, 0);
        assert_eq!(g.kind_of("New"), None);
        // Every cased name of several words opens with a marked word.
        for &w in g.cased_bits.keys() {
            if let Some((first, _)) = w.split_once(' ') {
                let lower: String = first.chars().flat_map(char::to_lowercase).collect();
                assert_ne!(g.bits(&lower, first) & MULTI_FIRST, 0, "{w}");
            }
        }
    }
}
