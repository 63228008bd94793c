//! Where parallax keeps things: data (bookmarks, reading state), config, cache.
//! Overrides from the command line / environment win over the `directories` defaults.

use std::path::{Path, PathBuf};

use directories::ProjectDirs;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub data_dir: PathBuf,
    pub config_file: PathBuf,
    pub cache_dir: PathBuf,
}

impl Paths {
    /// `data_dir` and `config` are the `--data-dir` / `--config` values (clap has
    /// already folded in PARALLAX_DATA_DIR / PARALLAX_CONFIG).
    pub fn resolve(data_dir: Option<&Path>, config: Option<&Path>) -> Result<Paths, String> {
        let dirs = ProjectDirs::from("", "", "parallax");
        let pick = |given: Option<&Path>, default: Option<PathBuf>, what: &str| {
            given.map(Path::to_path_buf).or(default).ok_or_else(|| {
                format!("cannot find a {what} (no home directory?); set --data-dir / --config")
            })
        };
        Ok(Paths {
            data_dir: pick(
                data_dir,
                dirs.as_ref().map(|d| d.data_dir().to_path_buf()),
                "data directory",
            )?,
            config_file: pick(
                config,
                dirs.as_ref().map(|d| d.config_dir().join("config.toml")),
                "config directory",
            )?,
            // The cache follows an explicit data dir, so tests and portable set-ups
            // keep everything in one place.
            cache_dir: match (data_dir, dirs.as_ref()) {
                (Some(d), _) => d.join("cache"),
                (None, Some(dirs)) => dirs.cache_dir().to_path_buf(),
                (None, None) => std::env::temp_dir().join("parallax-cache"),
            },
        })
    }

    pub fn bookmarks(&self) -> PathBuf {
        self.data_dir.join("bookmarks.json")
    }

    pub fn state(&self) -> PathBuf {
        self.data_dir.join("state.json")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_win() {
        let p = Paths::resolve(Some(Path::new("/d")), Some(Path::new("/c.toml"))).unwrap();
        assert_eq!(p.bookmarks(), Path::new("/d/bookmarks.json"));
        assert_eq!(p.state(), Path::new("/d/state.json"));
        assert_eq!(p.config_file, Path::new("/c.toml"));
        assert_eq!(p.cache_dir, Path::new("/d/cache"));
    }
}
