//! Prints what a structured importer reads from a file (debug aid).
fn main() {
    let p = std::env::args().nth(1).unwrap_or_default();
    let b = std::fs::read(&p).unwrap_or_default();
    let got = if p.ends_with(".pdf") {
        match nianbao_core::import::pdf::extract_text(&b) {
            Ok(t) => {
                print!("{t}");
                return;
            }
            Err(e) => nianbao_core::Imported::from(e),
        }
    } else if p.ends_with(".html") {
        nianbao_core::import::html::import(&b)
    } else if p.ends_with(".csv") {
        nianbao_core::import::csv::import(&b)
    } else {
        nianbao_core::import::zip::import(&b)
    };
    let r = &got.report;
    println!(
        "{:?} {:?} {:?} {:?} {:?}",
        r.template, r.year, r.agency, r.title, r.date
    );
    for (k, v) in &r.sections {
        println!("§{k}: {}…", v.chars().take(40).collect::<String>());
    }
    println!("units {:?} extra {:?}", r.units, r.extra_rows);
    for f in &got.findings {
        println!("{} {} {:?}", f.rule, f.message, f.source);
    }
}
