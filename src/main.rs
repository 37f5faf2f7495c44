//! The `jixiao` binary: a thin shell over the library.

fn main() {
    #[cfg(unix)]
    // SAFETY: called before any other thread exists; restores the default
    // disposition so a closed pipe ends the process like other Unix tools.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let code = match jixiao::cli::parse(std::env::args_os().collect()) {
        jixiao::cli::Parsed::Run(cli, _) => jixiao::cli::run(cli),
        jixiao::cli::Parsed::Exit(code) => code,
    };
    std::process::exit(code);
}
