//! Resolution: mentions found per article become entities across the corpus. A
//! person's surname alone, transliterated first names ("Sergey"/"Sergei") and
//! possessives join the full name; places and organisations join by alias.

use rayon::prelude::*;

use super::gazetteer::{FixedMap, FixedSet, Gazetteer};
use super::recognize::Found;
use super::{EntityKind, Mention};

/// An entity before ordering and ids: its kind, and its mentions.
pub struct Cluster {
    pub kind: EntityKind,
    pub mentions: Vec<Mention>,
    /// The surface forms seen (most complete form = the name).
    pub forms: FixedMap<String, Form>,
    /// Each mention's form, by `Form::id`.
    pub mention_forms: Vec<u32>,
    /// Canonical name from the alias list, when there is one.
    pub canonical: Option<String>,
}

/// A surface form of a cluster: how often it was written, and its number
/// within the cluster (so that a mention's text is known without reading it
/// again from its article).
#[derive(Debug, Clone, Copy)]
pub struct Form {
    pub count: usize,
    pub id: u32,
}

/// Company-form suffixes left out of an organisation's key.
const CORPORATE: &[&str] = &[
    "inc", "inc.", "corp", "corp.", "ltd", "ltd.", "llc", "plc", "co.", "ag", "sa", "gmbh",
];

/// Name suffixes that are not a surname ("Andre Price III").
const SUFFIXES: &[&str] = &["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"];

/// Folds a name word so transliteration variants meet: lower case, accents off,
/// doubled letters single, a final "y" as "i" ("Vassily" = "Vasili", "Sergey" =
/// "Sergei", "Dmitry" = "Dmitri").
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
            'ç' | 'č' | 'ć' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
            'ñ' | 'ń' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
            'š' | 'ś' | 'ş' => 's',
            'ž' | 'ź' | 'ż' | 'ẓ' => 'z',
            'ḥ' => 'h',
            'ṣ' => 's',
            'ṭ' => 't',
            'ḍ' => 'd',
            'ý' | 'ÿ' => 'y',
            '’' => '\'',
            '.' => continue,
            c => c,
        };
        if out.ends_with(c) && c.is_alphabetic() {
            continue;
        }
        out.push(c);
    }
    if out.len() > 2 && out.ends_with('y') {
        out.pop();
        out.push('i');
    }
    out
}

/// Folded name words, each surface form folded once, and each folded word named
/// by a number: resolution compares and hashes these numbers, not strings (equal
/// numbers, equal folded words).
#[derive(Default)]
struct Words<'t> {
    by_surface: FixedMap<&'t str, u32>,
    by_folded: FixedMap<String, u32>,
}

impl<'t> Words<'t> {
    /// The folded words, by number.
    fn into_folded(self) -> Vec<String> {
        let mut folded: Vec<(String, u32)> = self.by_folded.into_iter().collect();
        folded.sort_unstable_by_key(|w| w.1);
        folded.into_iter().map(|w| w.0).collect()
    }

    fn id(&mut self, surface: &'t str) -> u32 {
        if let Some(&id) = self.by_surface.get(surface) {
            return id;
        }
        let folded = fold(surface);
        let next = self.by_folded.len() as u32;
        let id = *self.by_folded.entry(folded).or_insert(next);
        self.by_surface.insert(surface, id);
        id
    }

    /// (first, last) name words of a person mention; first is None for a
    /// one-word mention.
    fn name_parts(&mut self, text: &'t str) -> NameParts {
        let mut words = text
            .split_whitespace()
            .filter(|w| !SUFFIXES.iter().any(|s| s.eq_ignore_ascii_case(w)));
        match (words.next(), words.next_back()) {
            (None, _) => (None, self.id(text)),
            (Some(one), None) => (None, self.id(one)),
            (Some(first), Some(last)) => (Some(self.id(first)), self.id(last)),
        }
    }
}

/// The key that joins places and organisations: the alias list's canonical name,
/// else the text; an organisation drops a leading place ("US National Security
/// Council" = "National Security Council").
fn other_key(text: &str, kind: EntityKind, g: &Gazetteer) -> (String, Option<String>) {
    if let Some(&(_, canonical)) = g.aliases.get(text) {
        return (canonical.to_lowercase(), Some(canonical.to_string()));
    }
    // "Apple Inc." is Apple.
    let text = match text.rsplit_once(' ') {
        Some((name, suffix)) if CORPORATE.iter().any(|c| c.eq_ignore_ascii_case(suffix)) => name,
        _ => text,
    };
    if kind == EntityKind::Organization
        && let Some((head, rest)) = text.split_once(' ')
        && (g.places.contains(head) || g.aliases.contains_key(head))
        && rest.contains(' ')
    {
        if let Some(&(_, canonical)) = g.aliases.get(rest) {
            return (canonical.to_lowercase(), Some(canonical.to_string()));
        }
        return (rest.to_lowercase(), None);
    }
    (text.to_lowercase(), None)
}

/// One sense per corpus: a lone word left unclassified in one article ("the Biden
/// administration") is a person if another article names that person in full.
pub fn promote_surnames(texts: &[&str], found: &mut [Vec<Found>]) {
    // Both passes run per article on rayon's threads: every mention is visited.
    let surnames: FixedSet<&str> = found
        .par_iter()
        .zip(texts)
        .fold(FixedSet::default, |mut surnames, (list, text)| {
            for f in list.iter().filter(|f| f.kind == EntityKind::Person) {
                if let Some((_, last)) = text[f.start..f.end].rsplit_once(' ') {
                    surnames.insert(last);
                }
            }
            surnames
        })
        .reduce(FixedSet::default, |a, b| {
            let (mut larger, smaller) = if a.len() >= b.len() { (a, b) } else { (b, a) };
            larger.extend(smaller);
            larger
        });
    found.par_iter_mut().zip(texts).for_each(|(list, text)| {
        for f in list.iter_mut().filter(|f| f.kind == EntityKind::Other) {
            if surnames.contains(&text[f.start..f.end]) {
                f.kind = EntityKind::Person;
            }
        }
    });
}

/// Where one article's person mention goes, decided within the article (name
/// words as `Words` numbers).
#[derive(Clone, Copy)]
enum PersonRef {
    /// A full-name cluster of this article: (first, last).
    Full(u32, u32),
    /// A one-word name with no full form in the article.
    Single(u32),
}

/// (first, last) name words as `Words` numbers; no first for one word.
type NameParts = (Option<u32>, u32);

/// One article's person mentions: (index in the article's list, reference).
type Refs = Vec<(usize, PersonRef)>;

/// Positions of each key in `keys`, in order.
fn index_by<K: std::hash::Hash + Eq>(keys: impl Iterator<Item = K>) -> FixedMap<K, Vec<usize>> {
    let mut index: FixedMap<K, Vec<usize>> = FixedMap::default();
    for (i, k) in keys.enumerate() {
        index.entry(k).or_default().push(i);
    }
    index
}

/// One article's person mentions -> (mention's index in `list`, its reference).
fn person_refs<'t>(
    text: &'t str,
    list: &[Found],
    words: &mut Words<'t>,
) -> Vec<(usize, PersonRef)> {
    let persons: Vec<(usize, &Found, NameParts)> = list
        .iter()
        .enumerate()
        .filter(|(_, f)| f.kind == EntityKind::Person)
        .map(|(i, f)| (i, f, words.name_parts(&text[f.start..f.end])))
        .collect();
    // (start, first, last) of each full name, and all its words.
    let mut fulls: Vec<(usize, u32, u32)> = Vec::new();
    let mut words_of: Vec<Vec<u32>> = Vec::new();
    for &(_, f, (first, last)) in &persons {
        if let Some(first) = first {
            fulls.push((f.start, first, last));
            let name = &text[f.start..f.end];
            words_of.push(name.split_whitespace().map(|w| words.id(w)).collect());
        }
    }
    // "Otto Jespersen" is "Jens Otto Harry Jespersen" when the longer form holds
    // both words: point each full name at the longest such form. Only full names
    // with the same last word can be longer forms: index them by it, so a long
    // article isn't quadratic in its full names.
    let mut longest: FixedMap<(u32, u32), (u32, u32)> = FixedMap::default();
    let by_last = index_by(fulls.iter().map(|f| f.2));
    for (i, &(_, first, last)) in fulls.iter().enumerate() {
        let mut best = (first, last);
        let mut best_len = words_of[i].len();
        for &j in &by_last[&last] {
            let (_, f2, l2) = fulls[j];
            if words_of[j].len() > best_len && words_of[j].contains(&first) {
                best = (f2, l2);
                best_len = words_of[j].len();
            }
        }
        longest.insert((first, last), best);
    }
    for f in &mut fulls {
        if let Some(&(first, last)) = longest.get(&(f.1, f.2)) {
            (f.1, f.2) = (first, last);
        }
    }
    // The full names by last word and by first word, for surnames alone.
    let by_last = index_by(fulls.iter().map(|f| f.2));
    let by_first_word = index_by(fulls.iter().map(|f| f.1));
    let mut refs = Vec::with_capacity(persons.len());
    for (i, f, parts) in persons {
        let r = match parts {
            (Some(first), last) => {
                let (first, last) = longest
                    .get(&(first, last))
                    .copied()
                    .unwrap_or((first, last));
                PersonRef::Full(first, last)
            }
            (None, word) => {
                // A surname alone is the person most often named in full with it
                // (a biography's subject, not their father); ties: the nearest
                // full mention before.
                let pick = |by_first: bool| {
                    let mut counts: Vec<((u32, u32), usize, usize)> = Vec::new();
                    let index = if by_first { &by_first_word } else { &by_last };
                    let named = index.get(&word).into_iter().flatten();
                    for m in named.map(|&j| &fulls[j]) {
                        let key = (m.1, m.2);
                        let near = if m.0 < f.start { m.0 + 1 } else { 0 };
                        match counts.iter_mut().find(|c| c.0 == key) {
                            Some(c) => {
                                c.1 += 1;
                                c.2 = c.2.max(near);
                            }
                            None => counts.push((key, 1, near)),
                        }
                    }
                    counts.into_iter().max_by_key(|c| (c.1, c.2)).map(|c| c.0)
                };
                match pick(false).or_else(|| pick(true)) {
                    Some((first, last)) => PersonRef::Full(first, last),
                    None => PersonRef::Single(word),
                }
            }
        };
        refs.push((i, r));
    }
    refs
}

/// The clusters being built, each found by its key.
#[derive(Default)]
struct Clusters<'t> {
    clusters: Vec<Cluster>,
    /// People by (first, last) name words, or a lone word.
    people: FixedMap<(Option<u32>, u32), usize>,
    /// Places and organisations by their key.
    others: FixedMap<(EntityKind, String), usize>,
    /// The same by the form in the text: most mentions repeat a form seen before.
    forms: FixedMap<(EntityKind, &'t str), usize>,
}

impl<'t> Clusters<'t> {
    fn new_cluster(
        clusters: &mut Vec<Cluster>,
        kind: EntityKind,
        canonical: Option<String>,
    ) -> usize {
        clusters.push(Cluster {
            kind,
            mentions: Vec::new(),
            forms: FixedMap::default(),
            mention_forms: Vec::new(),
            canonical,
        });
        clusters.len() - 1
    }

    fn person(&mut self, key: (Option<u32>, u32)) -> usize {
        let clusters = &mut self.clusters;
        *self
            .people
            .entry(key)
            .or_insert_with(|| Self::new_cluster(clusters, EntityKind::Person, None))
    }

    fn other(&mut self, kind: EntityKind, form: &'t str, g: &Gazetteer) -> usize {
        if let Some(&c) = self.forms.get(&(kind, form)) {
            return c;
        }
        let (key, canonical) = other_key(form, kind, g);
        let clusters = &mut self.clusters;
        let c = *self
            .others
            .entry((kind, key))
            .or_insert_with(|| Self::new_cluster(clusters, kind, canonical));
        self.forms.insert((kind, form), c);
        c
    }

    fn add(&mut self, c: usize, m: Mention, form: &str) {
        let cluster = &mut self.clusters[c];
        cluster.mentions.push(m);
        let id = match cluster.forms.get_mut(form) {
            Some(f) => {
                f.count += 1;
                f.id
            }
            None => {
                let id = cluster.forms.len() as u32;
                cluster
                    .forms
                    .insert(form.to_string(), Form { count: 1, id });
                id
            }
        };
        cluster.mention_forms.push(id);
    }
}

/// Resolves the mentions found in each article (in source-list order) into clusters.
pub fn resolve(texts: &[&str], found: Vec<Vec<Found>>) -> Vec<Cluster> {
    let g = Gazetteer::get();
    // Per article, in parallel: each person mention -> its in-article reference,
    // name words numbered within the article, then renumbered for the corpus.
    let per_article: Vec<(Refs, Vec<String>)> = found
        .par_iter()
        .enumerate()
        .map(|(art, list)| {
            let mut words = Words::default();
            let refs = person_refs(texts[art], list, &mut words);
            (refs, words.into_folded())
        })
        .collect();
    let mut numbers: FixedMap<String, u32> = FixedMap::default();
    let person_refs: Vec<Refs> = per_article
        .into_iter()
        .map(|(mut refs, folded)| {
            let global: Vec<u32> = folded
                .into_iter()
                .map(|w| {
                    let next = numbers.len() as u32;
                    *numbers.entry(w).or_insert(next)
                })
                .collect();
            let g = |id: u32| global[id as usize];
            for (_, r) in &mut refs {
                *r = match *r {
                    PersonRef::Full(first, last) => PersonRef::Full(g(first), g(last)),
                    PersonRef::Single(word) => PersonRef::Single(g(word)),
                };
            }
            refs
        })
        .collect();
    // Corpus-wide: the full names each surname has, with their mention counts. A
    // surname alone in an article without a full form goes to the full name that
    // holds two thirds of them, if one does.
    let mut by_last: FixedMap<u32, Vec<(u32, usize)>> = FixedMap::default();
    for refs in &person_refs {
        for &(_, r) in refs {
            if let PersonRef::Full(first, last) = r {
                let firsts = by_last.entry(last).or_default();
                match firsts.iter_mut().find(|f| f.0 == first) {
                    Some(f) => f.1 += 1,
                    None => firsts.push((first, 1)),
                }
            }
        }
    }
    let dominant: FixedMap<u32, u32> = by_last
        .iter()
        .filter_map(|(&last, firsts)| {
            let total: usize = firsts.iter().map(|f| f.1).sum();
            let best = firsts.iter().max_by_key(|f| f.1)?;
            (best.1 * 3 >= total * 2).then_some((last, best.0))
        })
        .collect();
    let mut clusters = Clusters::default();
    // Each article's mentions are dropped once they are in clusters.
    for (art, list) in found.into_iter().enumerate() {
        let text = texts[art];
        let mut refs = person_refs[art].iter().peekable();
        for (i, f) in list.iter().enumerate() {
            let form = &text[f.start..f.end];
            let m = Mention {
                article: art,
                start: f.start,
                end: f.end,
            };
            let c = if f.kind == EntityKind::Person {
                let Some(&(_, r)) = refs.next_if(|(j, _)| *j == i) else {
                    continue;
                };
                clusters.person(match r {
                    PersonRef::Full(first, last) => (Some(first), last),
                    PersonRef::Single(word) => (dominant.get(&word).copied(), word),
                })
            } else {
                clusters.other(f.kind, form, g)
            };
            clusters.add(c, m, form);
        }
    }
    let mut clusters = clusters.clusters;
    merge_acronyms(&mut clusters);
    clusters
}

/// Capital initials of a name: "Shanghai Cooperation Organization" -> "SCO".
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
        .collect()
}

/// An organisation known only by an acronym ("SCO") joins the one organisation of
/// the corpus whose name has those initials, if exactly one has.
fn merge_acronyms(clusters: &mut Vec<Cluster>) {
    let org = |c: &Cluster| c.kind == EntityKind::Organization;
    let mut by_initials: FixedMap<String, Vec<usize>> = FixedMap::default();
    for (i, c) in clusters.iter().enumerate().filter(|(_, c)| org(c)) {
        for form in c.forms.keys().filter(|f| f.contains(' ')) {
            let v = by_initials.entry(initials(form)).or_default();
            if !v.contains(&i) {
                v.push(i);
            }
        }
    }
    let mut moves = Vec::new();
    for (i, c) in clusters.iter().enumerate().filter(|(_, c)| org(c)) {
        let acronym = |f: &String| f.len() >= 2 && f.chars().all(|c| c.is_uppercase() || c == '.');
        if c.canonical.is_some() || !c.forms.keys().all(acronym) {
            continue;
        }
        let Some(form) = c.forms.keys().next() else {
            continue;
        };
        if let Some(v) = by_initials.get(&form.replace('.', ""))
            && v.len() == 1
            && v[0] != i
        {
            moves.push((i, v[0]));
        }
    }
    for (from, to) in moves {
        let mentions = std::mem::take(&mut clusters[from].mentions);
        let forms = std::mem::take(&mut clusters[from].forms);
        let mention_forms = std::mem::take(&mut clusters[from].mention_forms);
        let into = &mut clusters[to];
        // The moved forms' numbers in the cluster they join.
        let mut renumbered = vec![0; forms.len()];
        for (text, form) in forms {
            let next = into.forms.len() as u32;
            let joined = into
                .forms
                .entry(text)
                .or_insert(Form { count: 0, id: next });
            joined.count += form.count;
            renumbered[form.id as usize] = joined.id;
        }
        into.mentions.extend(mentions);
        (into.mention_forms).extend(mention_forms.iter().map(|&f| renumbered[f as usize]));
    }
    clusters.retain(|c| !c.mentions.is_empty());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_meets_transliterations() {
        assert_eq!(fold("Sergey"), fold("Sergei"));
        assert_eq!(fold("Dmitry"), fold("Dmitri"));
        assert_eq!(fold("Vassily"), fold("Vasily"));
        assert_ne!(fold("Sergey"), fold("Sergio"));
    }

    #[test]
    fn a_lone_word_named_in_full_elsewhere_becomes_a_person() {
        let texts = ["Joe Biden spoke.", "The Biden plan and the Acme plan."];
        let at = |art: usize, s: &str, kind| {
            let start = texts[art].find(s).unwrap();
            Found {
                start,
                end: start + s.len(),
                kind,
            }
        };
        let mut found = vec![
            vec![at(0, "Joe Biden", EntityKind::Person)],
            vec![
                at(1, "Biden", EntityKind::Other),
                at(1, "Acme", EntityKind::Other),
            ],
        ];
        promote_surnames(&texts, &mut found);
        let kinds: Vec<EntityKind> = found[1].iter().map(|f| f.kind).collect();
        assert_eq!(kinds, [EntityKind::Person, EntityKind::Other]);
        assert_eq!(found[0][0].kind, EntityKind::Person);
    }

    #[test]
    fn surname_joins_the_nearest_full_name() {
        let text = "Johann Bernoulli taught. Daniel Bernoulli wrote. Bernoulli left.";
        let p = |s: &str| {
            let start = text.find(s).unwrap();
            Found {
                start,
                end: start + s.len(),
                kind: EntityKind::Person,
            }
        };
        let last = text.rfind("Bernoulli").unwrap();
        let found = vec![vec![
            p("Johann Bernoulli"),
            p("Daniel Bernoulli"),
            Found {
                start: last,
                end: last + 9,
                kind: EntityKind::Person,
            },
        ]];
        let clusters = resolve(&[text], found);
        assert_eq!(clusters.len(), 2);
        assert_eq!(clusters[1].mentions.len(), 2);
        assert!(clusters[1].forms.contains_key("Daniel Bernoulli"));
    }

    #[test]
    fn acronyms_join_their_organisation() {
        let text = "The Shanghai Cooperation Organization met. The SCO agreed.";
        let span = |s: &str| {
            let start = text.find(s).unwrap();
            Found {
                start,
                end: start + s.len(),
                kind: EntityKind::Organization,
            }
        };
        let found = vec![vec![span("Shanghai Cooperation Organization"), span("SCO")]];
        let clusters = resolve(&[text], found);
        assert_eq!(clusters.len(), 1);
        assert_eq!(clusters[0].mentions.len(), 2);
        // The moved mention keeps its own form, renumbered in its new cluster.
        let c = &clusters[0];
        for (m, &f) in c.mentions.iter().zip(&c.mention_forms) {
            let form = c.forms.iter().find(|(_, x)| x.id == f).unwrap().0;
            assert_eq!(form, &text[m.range()]);
        }
    }
}
