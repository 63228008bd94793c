//! parallax: a terminal reader for news coverage.
//!
//! The core (`corpus`, …) knows articles and nothing of terminals; `cli` and `tui`
//! are front ends on it.

pub mod analysis;
pub mod cli;
pub mod compare;
pub mod config;
pub mod corpus;
pub mod entities;
pub mod search;
pub mod store;
pub mod tui;
