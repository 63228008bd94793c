//! What the CLI tests share: the real binary, run with a data dir (and so a
//! cache dir) of the test's own and no config or data dir from the environment.
// Each test file is its own crate and uses only some of these.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// `parallax`, its data and cache in `data`, ready for arguments.
pub fn parallax(data: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_parallax"));
    cmd.env("PARALLAX_DATA_DIR", data)
        .env_remove("PARALLAX_CONFIG")
        .env_remove("NO_COLOR");
    cmd
}

/// Runs `parallax ARGS` with its data in `data`.
pub fn run(data: &Path, args: &[&str]) -> Output {
    parallax(data).args(args).output().expect("run parallax")
}

/// Runs `parallax ARGS` with data in a fresh folder, removed after.
pub fn run_fresh(args: &[&str]) -> Output {
    let data = tempfile::tempdir().unwrap();
    run(data.path(), args)
}

/// Standard output of a run that must have succeeded.
pub fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}, stderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8 on stdout")
}

/// Standard output, as JSON, of a run that must have succeeded.
pub fn json(out: &Output) -> Value {
    serde_json::from_str(&ok(out)).expect("JSON on stdout")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
