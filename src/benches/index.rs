//! The collection index over 10,000 analyses (the templates over and over):
//! built at once after unifying names, as `App::new` does, and streamed in
//! one article at a time with the unifier, as the background indexer does.
//!
//! `cargo bench --bench index`

#[path = "common.rs"]
mod common;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use lede::analysis::index::{self, CollectionIndex, Unifier};
use lede::model::Analysis;
use std::hint::black_box;

const N: usize = 10_000;

fn index_build(c: &mut Criterion) {
    let templates: Vec<Analysis> = common::templates()
        .iter()
        .map(lede::analysis::analyse)
        .collect();
    let analyses: Vec<Analysis> = (0..N)
        .map(|i| templates[i % templates.len()].clone())
        .collect();
    let mut group = c.benchmark_group("index_10k");
    group.sample_size(20);
    group.bench_function("unify_then_build", |b| {
        b.iter_batched(
            || analyses.clone(),
            |mut analyses| {
                index::unify(&mut analyses);
                black_box(CollectionIndex::build(&analyses))
            },
            BatchSize::LargeInput,
        );
    });
    group.bench_function("streamed_add_rename_sort", |b| {
        b.iter(|| {
            let mut index = CollectionIndex::default();
            let mut unifier = Unifier::default();
            for (i, a) in analyses.iter().enumerate() {
                index.add(i, a);
                unifier.add(a);
            }
            index.rename(&unifier.renames());
            index.sort();
            black_box(index)
        });
    });
    group.finish();
}

criterion_group!(benches, index_build);
criterion_main!(benches);
