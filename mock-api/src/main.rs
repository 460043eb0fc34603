//! The stand-in Tanyi open API as a program: parses the command line and serves.

use mock_api::cli::{self, Command};

#[tokio::main]
async fn main() {
    let opts = match cli::parse(std::env::args().skip(1)) {
        Ok(Command::Run(opts)) => opts,
        Ok(Command::Help) => {
            println!("{}", cli::USAGE);
            return;
        }
        Err(msg) => {
            eprintln!("mock-api: {msg}\n{}", cli::USAGE);
            std::process::exit(2);
        }
    };
    if let Err(e) = mock_api::serve(opts).await {
        eprintln!("mock-api: {e}");
        std::process::exit(1);
    }
}
