//! How many reports `check` handles per second: the 淮安市人民政府 2024 report (all rules pass),
//! built from its ground truth. Goal: at least 20,000 checks per second on one core.

// The CLI's allocator (crates/cli/src/main.rs): the figures are what a batch run gets.
#[global_allocator]
static ALLOC: nianbao_alloc::MiMalloc = nianbao_alloc::MiMalloc;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use nianbao_core::{check, Report};

const HUAIAN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/corpus/public/002_huaian_szf_2024.json"
);

/// The report, with the narrative of Appendix A so that the text rules have work to do.
fn huaian() -> Report {
    let mut r = std::fs::read_to_string(HUAIAN)
        .ok()
        .and_then(|t| Report::from_json(&t).ok())
        .unwrap_or_else(|| Report::empty(nianbao_core::TemplateId::V2021));
    r.title = Some("淮安市人民政府2024年政府信息公开工作年度报告".into());
    r.date = Some("2025-01-20".into());
    let sections = [
        "本报告根据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号要求编制，由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六个部分组成。统计期限为2024年1月1日至2024年12月31日。全年受理政府信息公开申请3119件，答复3050件（含上年度结转34件），另有103件顺延到下年度办理。",
        "",
        "",
        "全年被申请行政复议351件，被提起行政诉讼46件。",
        "一是公开质量有待提升。二是政策解读形式较为单一。下一步将加强培训，完善制度。",
        "全年收取政府信息公开信息处理费3940元。",
    ];
    for (i, s) in sections.iter().enumerate() {
        r.sections.insert((i + 1).to_string(), (*s).to_string());
    }
    r
}

fn bench(c: &mut Criterion) {
    let r = huaian();
    c.bench_function("check huaian 2024", |b| {
        b.iter(|| check(black_box(&r), None))
    });
    let prev = r.clone();
    c.bench_function("check huaian 2024 with previous", |b| {
        b.iter(|| check(black_box(&r), Some(black_box(&prev))))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
