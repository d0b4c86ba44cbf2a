//! How many reports per second go through the whole pipeline — import of the pasted text, then
//! every rule: the 淮安市人民政府 2024 report as PDF text extraction gives it
//! (public/002_huaian_szf_2024.txt, about 10 KB). Goal: at least 10,000 reports per second.

// The CLI's allocator (crates/cli/src/main.rs): the figures are what a batch run gets.
#[global_allocator]
static ALLOC: nianbao_alloc::MiMalloc = nianbao_alloc::MiMalloc;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use nianbao_core::{check, import};

const HUAIAN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/corpus/public/002_huaian_szf_2024.txt"
);

fn bench(c: &mut Criterion) {
    let bytes = std::fs::read(HUAIAN).unwrap_or_default();
    assert!(!bytes.is_empty(), "corpus file missing: {HUAIAN}");
    c.bench_function("import huaian 2024 text", |b| {
        b.iter(|| import(black_box(&bytes), Some("002_huaian_szf_2024.txt")))
    });
    c.bench_function("import + check huaian 2024 text", |b| {
        b.iter(|| {
            let imported = import(black_box(&bytes), Some("002_huaian_szf_2024.txt"));
            check(&imported.report, None)
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
