//! The notes-file reader (`notes::store::parse`) on any text, against the bundled briefing.
//! What is checked: `briefing_fuzz::notes`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| briefing_fuzz::notes(data));
