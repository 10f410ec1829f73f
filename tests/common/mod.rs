//! Shared by the integration tests that need it (each test file is its own crate and takes
//! only the modules it names).
#![allow(dead_code)]

pub mod frames;
pub mod pty;
