fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(path).unwrap();
    let n: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(50);
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(nianbao_core::import(&bytes, None));
    }
    eprintln!("{:?} per import", t.elapsed() / n as u32);
}
