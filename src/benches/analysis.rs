//! Analysis per MB: quotes, speakers, entities and aliases of the sample and
//! the prose fixtures (about 14 KB), reported as throughput; time per MB is
//! its inverse.
//!
//! `cargo bench --bench analysis`

#[path = "common.rs"]
mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn analysis(c: &mut Criterion) {
    let articles = common::templates();
    let mut group = c.benchmark_group("analysis");
    group.throughput(Throughput::Bytes(common::body_bytes(&articles)));
    group.bench_function("per_article", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(lede::analysis::analyse(a));
            }
        });
    });
    group.finish();
}

criterion_group!(benches, analysis);
criterion_main!(benches);
