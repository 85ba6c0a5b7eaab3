//! Figures found in real articles the rules were not written for: the BBC corpus.
//! Skips when the corpus is absent.

#[path = "common/corpora.rs"]
mod corpora;

use dossier::annotate::figures::{FoundFigure, find_figures};

/// Every figure of every paragraph of the BBC articles.
fn bbc_figures() -> Option<Vec<(String, String, FoundFigure)>> {
    let dir = corpora::corpora()?.join("bbc");
    let mut out = Vec::new();
    for path in corpora::txt_files(&dir) {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for para in text.split("\n\n") {
            let para = para.trim().replace('\n', " ");
            for f in find_figures(&para) {
                out.push((name.clone(), para.clone(), f));
            }
        }
    }
    Some(out)
}

/// Prints a sample of the figures found, for reading:
/// `DOSSIER_FIGURES_SAMPLE=200 cargo test --release --test figures_corpus -- --ignored --nocapture`.
#[test]
#[ignore = "a sample for reading, not a check"]
fn print_a_sample_of_bbc_figures() {
    let Some(all) = bbc_figures() else { return };
    let every = all.len()
        / std::env::var("DOSSIER_FIGURES_SAMPLE")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(100usize)
            .max(1);
    for (name, para, f) in all.iter().step_by(every.max(1)) {
        let clause = &para[f.clause.clone()];
        println!(
            "{name}\t{}\t{}\t{:?}\t{}\t{:?}\t{}",
            &para[f.range.clone()],
            f.unit.key(),
            f.qualifier,
            f.change,
            f.event,
            clause
        );
    }
    eprintln!("{} figures", all.len());
}
