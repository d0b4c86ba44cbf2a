fn main() {
    println!("nianbao");
}
