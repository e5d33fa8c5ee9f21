//! Wrapping: every paragraph of the seed article to a width, and the whole
//! body laid out (title, metadata, paragraphs, speaker lines) as on a resize.
//!
//! `cargo bench --bench reflow`

#[path = "common.rs"]
mod common;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use lede::app::body_lines;
use std::hint::black_box;

fn reflow(c: &mut Criterion) {
    let seed = common::templates().remove(0);
    let analysis = lede::analysis::analyse(&seed);
    let mut group = c.benchmark_group("reflow_seed");
    group.throughput(Throughput::Bytes(common::body_bytes(std::slice::from_ref(
        &seed,
    ))));
    for width in [40, 98] {
        group.bench_with_input(BenchmarkId::new("wrap", width), &width, |b, &w| {
            b.iter(|| {
                for p in &seed.paragraphs {
                    black_box(lede::reflow::wrap(p, w));
                }
            });
        });
        group.bench_with_input(BenchmarkId::new("layout", width), &width, |b, &w| {
            b.iter(|| black_box(body_lines::layout(&seed, &analysis, &[], w)));
        });
    }
    group.finish();
}

criterion_group!(benches, reflow);
criterion_main!(benches);
