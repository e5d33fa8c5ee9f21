//! Replays every input the fuzzer once failed on (`assets/fixtures/fuzz/`)
//! through the same check as the fuzz target (`src/fuzz/pipeline.rs`): loader,
//! analysis, app and every pane. Each file is a fixed bug that must stay fixed.

#[path = "../fuzz/pipeline.rs"]
mod pipeline;

#[test]
fn fuzz_regressions_pass_the_pipeline() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fixtures/fuzz");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .expect("the fuzz fixtures folder")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_none())
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "no inputs in {}", dir.display());
    for input in inputs {
        let bytes = std::fs::read(&input).expect("a fixture");
        let outcome = std::panic::catch_unwind(|| pipeline::run(&bytes));
        assert!(outcome.is_ok(), "{} fails again", input.display());
    }
}
