//! Profiling driver: `cargo run --release --example prof_import -- FILE [N] [check]`.
//! Imports FILE N times (and checks it when the third argument is `check`; with `check-only`,
//! imports once and checks N times); prints the time
//! per report. Run it under `valgrind --tool=callgrind` or `perf record` to see where the time goes.
// The CLI's allocator (see crates/cli/src/main.rs).
#[global_allocator]
static ALLOC: nianbao_alloc::MiMalloc = nianbao_alloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: prof_import FILE [N] [check|check-only]");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let n: u32 = args
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(50)
        .max(1);
    let mode = args.next();
    let with_check = mode.as_deref() == Some("check");
    if mode.as_deref() == Some("check-only") {
        // Imports once, then checks N times.
        let imported = nianbao_core::import(&bytes, None);
        let t = std::time::Instant::now();
        for _ in 0..n {
            std::hint::black_box(nianbao_core::check(&imported.report, None));
        }
        eprintln!("{:?} per check", t.elapsed() / n);
        return;
    }
    let t = std::time::Instant::now();
    for _ in 0..n {
        let imported = nianbao_core::import(&bytes, None);
        if with_check {
            std::hint::black_box(nianbao_core::check(&imported.report, None));
        }
        std::hint::black_box(imported);
    }
    eprintln!("{:?} per report", t.elapsed() / n);
}
