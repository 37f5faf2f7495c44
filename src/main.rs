//! The `jixiao` binary: a thin shell over the library.

use clap::Parser;

fn main() {
    let cli = jixiao::cli::Cli::parse();
    let code = jixiao::cli::run(cli);
    std::process::exit(code);
}
