//! Files -> decoded, normalised text. Everything that can go wrong with a file is
//! reported as a `Problem` and the file skipped; nothing here panics on bad input.

use std::fs;
use std::path::{Path, PathBuf};

use super::text::normalize;

/// Extensions read when walking a folder (a file named explicitly is read whatever
/// its extension).
pub const EXTENSIONS: &[&str] = &["txt", "md", "text"];

/// The seeds, compiled into the binary so that bare `parallax` works anywhere.
const BUNDLED: &[(&str, &str)] = &[
    (
        "000_8fbffe7c2753c6fd",
        include_str!("../../seeds/000_8fbffe7c2753c6fd.txt"),
    ),
    (
        "001_4414b75bee7f8bf4",
        include_str!("../../seeds/001_4414b75bee7f8bf4.txt"),
    ),
    (
        "002_786b114863f2ed96",
        include_str!("../../seeds/002_786b114863f2ed96.txt"),
    ),
    (
        "003_14a793d0633638eb",
        include_str!("../../seeds/003_14a793d0633638eb.txt"),
    ),
    (
        "004_6d20c4f0056f7b80",
        include_str!("../../seeds/004_6d20c4f0056f7b80.txt"),
    ),
];

/// Where an article came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    File(PathBuf),
    Bundled,
}

/// One decoded input file.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to the folder given, without extension (contract).
    pub id: String,
    /// The path as shown to the user (`bundled:ID` for the seeds).
    pub path: String,
    pub source: Source,
    /// Decoded and normalised text (see `text::normalize`).
    pub text: String,
}

/// A file that was skipped or needed a fallback: one line for stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub message: String,
    /// false: the file was still loaded (e.g. decoded as Windows-1252).
    pub skipped: bool,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

#[derive(Debug, Default)]
pub struct Loaded {
    pub documents: Vec<Document>,
    pub problems: Vec<Problem>,
}

/// The bundled seeds as documents.
pub fn bundled() -> Vec<Document> {
    BUNDLED
        .iter()
        .map(|(id, text)| Document {
            id: (*id).to_string(),
            path: format!("bundled:{id}"),
            source: Source::Bundled,
            text: normalize(text),
        })
        .collect()
}

/// Ids of the bundled seeds, in order.
pub fn bundled_ids() -> impl Iterator<Item = &'static str> {
    BUNDLED.iter().map(|(id, _)| *id)
}

/// Loads files and folders (recursively), sorted by path within each argument.
/// No paths at all means the bundled seeds.
pub fn load(paths: &[PathBuf]) -> Loaded {
    if paths.is_empty() {
        return Loaded {
            documents: bundled(),
            problems: Vec::new(),
        };
    }
    let mut out = Loaded::default();
    for (root, files) in list(paths, &mut out.problems) {
        read_files(&root, &files, &mut out.documents, &mut out.problems);
    }
    dedupe_ids(&mut out.documents);
    out
}

/// Reads `files` (listed under `root`) in parallel, appending them in order to
/// `docs` and anything that went wrong to `problems`.
pub fn read_files(
    root: &Path,
    files: &[PathBuf],
    docs: &mut Vec<Document>,
    problems: &mut Vec<Problem>,
) {
    use rayon::prelude::*;
    let read: Vec<_> = files
        .par_iter()
        .map(|file| (file, read_one(file)))
        .collect();
    for (file, result) in read {
        match result {
            Ok((text, note)) => {
                if let Some(message) = note {
                    problems.push(Problem {
                        path: file.clone(),
                        message,
                        skipped: false,
                    });
                }
                docs.push(Document {
                    id: id_for(root, file),
                    path: file.display().to_string(),
                    source: Source::File(file.clone()),
                    text,
                });
            }
            Err(message) => problems.push(Problem {
                path: file.clone(),
                message,
                skipped: true,
            }),
        }
    }
}

/// The files each argument stands for, with the folder ids are relative to.
pub fn list(paths: &[PathBuf], problems: &mut Vec<Problem>) -> Vec<(PathBuf, Vec<PathBuf>)> {
    let mut out = Vec::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let mut files = Vec::new();
                walk(path, &mut files, problems);
                files.sort();
                out.push((path.clone(), files));
            }
            Ok(_) => {
                let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
                out.push((root, vec![path.clone()]));
            }
            Err(e) => problems.push(Problem {
                path: path.clone(),
                message: describe(&e),
                skipped: true,
            }),
        }
    }
    out
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(Problem {
                path: dir.to_path_buf(),
                message: describe(&e),
                skipped: true,
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let wanted = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)));
        // metadata() follows links: a dangling link shows up here as an error.
        match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => walk(&path, files, problems),
            Ok(_) if wanted => files.push(path),
            Ok(_) => {}
            Err(e) if wanted => problems.push(Problem {
                path,
                message: describe(&e),
                skipped: true,
            }),
            Err(_) => {}
        }
    }
}

fn describe(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "not found (or a dangling link); skipped".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied; skipped".into(),
        _ => format!("cannot read: {e}; skipped"),
    }
}

fn id_for(root: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(root).unwrap_or(file);
    let rel = rel.with_extension("");
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// Two arguments may yield the same relative id; later ones get a suffix.
pub fn dedupe_ids(docs: &mut [Document]) {
    let mut seen = std::collections::HashSet::new();
    for doc in docs.iter_mut() {
        if !seen.insert(doc.id.clone()) {
            let mut n = 2;
            while !seen.insert(format!("{}~{n}", doc.id)) {
                n += 1;
            }
            doc.id = format!("{}~{n}", doc.id);
        }
    }
}

/// Reads one file: Ok((text, optional note)) or Err(reason it was skipped).
pub fn read_one(path: &Path) -> Result<(String, Option<String>), String> {
    let bytes = fs::read(path).map_err(|e| describe(&e))?;
    decode(&bytes)
}

/// Bytes -> normalised text. UTF-8 (BOM stripped) or, failing that, Windows-1252.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<String>), String> {
    if bytes.is_empty() {
        return Err("empty file; skipped".into());
    }
    if bytes.contains(&0) {
        return Err("binary file (NUL bytes); skipped".into());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (text, note) = match std::str::from_utf8(bytes) {
        Ok(s) => (normalize(s), None),
        Err(_) => (
            normalize(&windows_1252(bytes)),
            Some("not valid UTF-8; read as Windows-1252".to_string()),
        ),
    };
    if text.trim().is_empty() {
        return Err("no text; skipped".into());
    }
    Ok((text, note))
}

/// Windows-1252 is Latin-1 but for 0x80..0x9F, which hold typographic characters.
fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH[(b - 0x80) as usize],
            _ => b as char,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_falls_back_to_windows_1252() {
        let (text, note) = decode(b"Montr\xe9al \x93quoted\x94").unwrap();
        assert_eq!(text, "Montréal “quoted”");
        assert!(note.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn bom_is_stripped_and_crlf_normalised() {
        let (text, note) = decode(b"\xEF\xBB\xBFa\r\nb\rc").unwrap();
        assert_eq!(text, "a\nb\nc");
        assert!(note.is_none());
    }

    #[test]
    fn binary_and_empty_are_skipped() {
        assert!(decode(b"").unwrap_err().contains("empty"));
        assert!(decode(b"ab\0cd").unwrap_err().contains("binary"));
        assert!(decode(b"  \n\n ").unwrap_err().contains("no text"));
    }

    #[test]
    fn ids_are_relative_without_extension() {
        assert_eq!(id_for(Path::new("/a"), Path::new("/a/b/c.txt")), "b/c");
        assert_eq!(id_for(Path::new(""), Path::new("x.md")), "x");
    }

    #[test]
    fn duplicate_ids_get_a_suffix() {
        let doc = |id: &str| Document {
            id: id.into(),
            path: String::new(),
            source: Source::Bundled,
            text: String::new(),
        };
        let mut docs = vec![doc("a"), doc("a"), doc("a")];
        dedupe_ids(&mut docs);
        let ids: Vec<_> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a", "a~2", "a~3"]);
    }

    #[test]
    fn bundled_seeds_are_there() {
        let docs = bundled();
        assert_eq!(docs.len(), 5);
        assert_eq!(docs[0].id, "000_8fbffe7c2753c6fd");
        assert_eq!(docs[0].path, "bundled:000_8fbffe7c2753c6fd");
    }
}
