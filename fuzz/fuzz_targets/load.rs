//! The briefing loader (`briefing::check_text`) on any text.
//! What is checked: `briefing_fuzz::load`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| briefing_fuzz::load(data));
