//! The `jixiao` binary: a thin shell over the library.

use clap::Parser;

fn main() {
    #[cfg(unix)]
    // SAFETY: called before any other thread exists; restores the default
    // disposition so a closed pipe ends the process like other Unix tools.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = jixiao::cli::Cli::parse();
    let code = jixiao::cli::run(cli);
    std::process::exit(code);
}
