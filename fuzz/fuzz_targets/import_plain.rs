//! `briefing import` of any text as a plain-text article.
//! What is checked: `briefing_fuzz::import_plain`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| briefing_fuzz::import_plain(data));
