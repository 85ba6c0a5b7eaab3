//! The `dossier` command: parse the arguments, run, print the whole error chain.

use std::process::ExitCode;

use clap::Parser;
use dossier::cli::Cli;

/// Building a site allocates many small strings on every core; mimalloc's per-thread
/// heaps do that markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if let Some(content) = err.downcast_ref::<dossier::error::ContentErrors>() {
                eprintln!("{content}");
            } else {
                eprint!("error: {err}");
                for cause in err.chain().skip(1) {
                    eprint!(": {cause}");
                }
                eprintln!();
            }
            ExitCode::FAILURE
        }
    }
}
