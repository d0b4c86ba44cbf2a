mod export_cmd;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("export") => std::process::exit(export_cmd::run(&args[1..])),
        _ => println!("nianbao"),
    }
}
