fn main() {
    let p = std::env::args().nth(1).unwrap_or_default();
    let b = std::fs::read(p).unwrap_or_default();
    match nianbao_core::import::pdf::extract_text(&b) {
        Ok(t) => print!("{t}"),
        Err(e) => eprintln!("{e:?}"),
    }
}
