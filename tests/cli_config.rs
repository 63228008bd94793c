//! The config file on the real binary: `--print-config`, and a bad config
//! stopping parallax with one line before any terminal setup (stdin here is not
//! a terminal, so without the config check it would complain about that instead).

mod common;

use std::path::Path;
use std::process::{Output, Stdio};

use common::stderr;

/// `parallax ARGS` in `dir` with stdin not a terminal; `env_config` as
/// PARALLAX_CONFIG.
fn parallax(args: &[&str], dir: &Path, env_config: Option<&Path>) -> Output {
    let mut cmd = common::parallax(&dir.join("data"));
    cmd.args(args).current_dir(dir).stdin(Stdio::null());
    if let Some(c) = env_config {
        cmd.env("PARALLAX_CONFIG", c);
    }
    cmd.output().expect("run parallax")
}

#[test]
fn print_config_is_a_config_that_loads() {
    let dir = tempfile::tempdir().unwrap();
    let out = parallax(&["--print-config"], dir.path(), None);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "[keys]",
        "quit = [\"q\", \"Ctrl-c\"]",
        "search = [\"/\"]",
        "[theme]",
        "search_hit = ",
    ] {
        assert!(text.contains(needle), "{needle:?} missing:\n{text}");
    }
    // Fed back in, it is accepted: parallax gets past the config to the terminal check.
    let file = dir.path().join("printed.toml");
    std::fs::write(&file, &text).unwrap();
    let out = parallax(&["--config", file.to_str().unwrap()], dir.path(), None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("needs a terminal"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_bad_config_is_one_line_naming_file_line_and_problem() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "[keys]\nquit = [\"q\"]\nteleport = [\"t\"]\n",
            "line 3: unknown action \"teleport\"",
        ),
        (
            "[keys]\nquit = [\"hyper-q\"]\n",
            "line 2: unknown key \"hyper-q\"",
        ),
        (
            "[theme]\n\nperson = \"mauve\"\n",
            "line 3: unknown colour \"mauve\"",
        ),
        ("[keys\nquit = [\"q\"]\n", "line 1: "),
    ];
    for (text, problem) in cases {
        let file = dir.path().join("bad.toml");
        std::fs::write(&file, text).unwrap();
        let name = file.display().to_string();
        for out in [
            parallax(&["--config", &name], dir.path(), None),
            parallax(&[], dir.path(), Some(&file)),
        ] {
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(1), "{err}");
            assert_eq!(err.lines().count(), 1, "one line: {err}");
            assert!(
                err.starts_with(&format!("parallax: {name}: {problem}")),
                "{err}"
            );
        }
    }
}

#[test]
fn a_missing_config_means_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let out = parallax(&["--config", "no-such.toml"], dir.path(), None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("needs a terminal"),
        "{}",
        stderr(&out)
    );
}
