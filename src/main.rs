fn main() {
    tanyi_console::start();
}
