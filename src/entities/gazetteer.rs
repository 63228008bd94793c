//! Word lists from assets/gazetteers/ (sources and licences in assets/README.md),
//! embedded in the binary and turned into hash sets once, on first use.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::EntityKind;

/// The lists, keyed as written in the files: lower case, except `places` and the
/// aliases, which keep their case (capitals carry meaning there).
pub struct Gazetteer {
    pub common: HashSet<&'static str>,
    pub given: HashSet<&'static str>,
    pub surnames: HashSet<&'static str>,
    pub places: HashSet<&'static str>,
    /// Smaller towns: a doubt, not a place.
    pub towns: HashSet<&'static str>,
    pub roles: HashSet<&'static str>,
    pub cues: HashSet<&'static str>,
    pub org_heads: HashSet<&'static str>,
    pub place_heads: HashSet<&'static str>,
    pub demonyms: HashSet<&'static str>,
    pub stopwords: HashSet<&'static str>,
    /// Any spelling -> (kind, canonical name).
    pub aliases: HashMap<&'static str, (EntityKind, &'static str)>,
}

fn set(data: &'static str) -> HashSet<&'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

fn aliases(data: &'static str) -> HashMap<&'static str, (EntityKind, &'static str)> {
    let mut map = HashMap::new();
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
        G.get_or_init(|| Gazetteer {
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
        })
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
}
