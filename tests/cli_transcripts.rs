//! Transcripts of the command line: every command's `--help`, its success output and its
//! main errors, run on small dossiers in `tests/cmd/<case>.in/` and compared in full
//! with `tests/cmd/<case>.stdout` and `.stderr`. They pin what a person sees at the
//! terminal (the wording of messages, each error's `file:line:column` and help line,
//! the summary lines and the exit codes), so that a change to any of it shows up as a
//! diff to review rather than going unnoticed. Run-dependent text such as timings is
//! written `[..]`; `TRYCMD=overwrite cargo test --test cli_transcripts` rewrites the
//! expected files from the real binary.

#[test]
fn cli_transcripts() {
    trycmd::TestCases::new()
        // Help is wrapped to the terminal's width, or to `COLUMNS` where there is no
        // terminal (the case here): pin it, and keep colours off whatever the caller's
        // environment says.
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .env("CLICOLOR_FORCE", "0")
        .case("tests/cmd/*.toml");
}
