//! `briefing import` of any text as a Markdown article.
//! What is checked: `briefing_fuzz::import_markdown`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| briefing_fuzz::import_markdown(data));
