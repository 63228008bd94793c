//! User data on disk: where it lives, and writing it without ever losing it.

pub mod file;
pub mod paths;
pub mod state;
