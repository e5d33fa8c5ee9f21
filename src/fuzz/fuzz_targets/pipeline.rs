//! Fuzz target `pipeline`: see `../pipeline.rs` for the input layout and the
//! promises checked. Run from the repository root with
//! `cargo fuzz run --fuzz-dir src/fuzz pipeline`.

#![no_main]

#[path = "../pipeline.rs"]
mod pipeline;

libfuzzer_sys::fuzz_target!(|data: &[u8]| pipeline::run(data));
