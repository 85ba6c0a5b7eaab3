//! What one import input is: which files a folder holds for import, and what a file's
//! bytes are (a web page, plain text, or something that cannot be imported), whatever
//! its name says.
//!
//! A name is a hint people get wrong (a page saved as `.txt`, text saved as `.html`, a
//! page gzipped by a crawler), so the content decides. A gzipped file is unpacked first,
//! within the same size limit as any content file, so a small archive cannot unpack
//! into gigabytes.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::files::CONTENT_LIMIT;

/// The endings a folder's files must have to be imported from it. A browser's "save
/// page, complete" writes a `NAME_files/` folder of scripts, styles and pictures beside
/// the page: those are not articles, and are skipped with the rest.
const IMPORTABLE_ENDINGS: [&str; 8] = ["html", "htm", "xhtml", "shtml", "txt", "text", "gz", ""];

/// The files of `dir` to import, in name order, and how many others were skipped.
/// Hidden files and folders are left out, as everywhere in a dossier.
pub fn folder_files(dir: &Path) -> (Vec<PathBuf>, usize) {
    let mut files = Vec::new();
    let mut skipped = 0;
    let walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk.flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let ending = entry
            .path()
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if IMPORTABLE_ENDINGS.contains(&ending.as_str()) {
            files.push(entry.into_path());
        } else {
            skipped += 1;
        }
    }
    (files, skipped)
}

/// What an input's bytes hold.
#[derive(Debug, PartialEq, Eq)]
pub enum Kind {
    Page,
    Text,
}

/// Why an input cannot be imported, said to the person who gave it.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    Empty,
    Binary(&'static str),
    NotUtf8,
    TooLarge,
    BadGzip(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mb = CONTENT_LIMIT.bytes / 1_000_000;
        match self {
            Refusal::Empty => write!(f, "it is empty; there is nothing to import"),
            Refusal::Binary(what) => write!(
                f,
                "it is {what}, not a web page or text; import the saved page (.html) or the article's text"
            ),
            Refusal::NotUtf8 => write!(
                f,
                "it is text but not UTF-8; save it as UTF-8 (most editors offer it under \"Save as\") and import it again"
            ),
            Refusal::TooLarge => write!(
                f,
                "it unpacks to over {mb} MB; an article is rarely over 1 MB: import the page itself"
            ),
            Refusal::BadGzip(e) => {
                write!(f, "it is a damaged gzip file ({e}); save the page again")
            }
        }
    }
}

/// Unpacks a gzipped input (recognised by its magic bytes), within the content limit.
pub fn unpack(bytes: Vec<u8>) -> Result<Vec<u8>, Refusal> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes);
    }
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes.as_slice())
        .take(CONTENT_LIMIT.bytes + 1)
        .read_to_end(&mut out)
        .map_err(|e| Refusal::BadGzip(e.to_string()))?;
    if out.len() as u64 > CONTENT_LIMIT.bytes {
        return Err(Refusal::TooLarge);
    }
    Ok(out)
}

/// Tells a web page from plain text from what is neither, by content alone.
pub fn classify(bytes: &[u8]) -> Result<Kind, Refusal> {
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Refusal::Empty);
    }
    if let Some(what) = binary_kind(body) {
        return Err(Refusal::Binary(what));
    }
    if is_html(body) {
        return Ok(Kind::Page);
    }
    if std::str::from_utf8(body).is_err() {
        return Err(Refusal::NotUtf8);
    }
    Ok(Kind::Text)
}

/// Whether bytes (unpacked) hold an HTML page, whatever the file is called: its first
/// markup, after a byte-order mark, blank space and comments, is a doctype, an XML
/// declaration followed by `<html`, or one of the elements that open a page.
pub fn is_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    while let Some(comment) = rest.strip_prefix("<!--") {
        match comment.find("-->") {
            Some(end) => rest = comment[end + 3..].trim_start(),
            None => return false,
        }
    }
    if rest.starts_with("<?xml") {
        return rest.contains("<html");
    }
    [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<title",
    ]
    .iter()
    .any(|start| rest.starts_with(start))
}

/// Recognises binary data: a known file signature, or NUL and other control bytes that
/// text does not hold.
fn binary_kind(body: &[u8]) -> Option<&'static str> {
    const SIGNATURES: [(&[u8], &str); 9] = [
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (
            b"PK\x03\x04",
            "a zip archive (or a Word or OpenDocument file)",
        ),
        (b"\xd0\xcf\x11\xe0", "an old Office document"),
        (b"RIFF", "a media file"),
        (b"\x7fELF", "a program"),
        (b"{\\rtf", "an RTF document"),
    ];
    if let Some((_, what)) = SIGNATURES.iter().find(|(sig, _)| body.starts_with(sig)) {
        return Some(what);
    }
    let sample = &body[..body.len().min(8192)];
    let controls = sample
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)))
        .count();
    // A stray control character in copied text is not binary; one byte in ten is.
    (sample.contains(&0) || controls * 10 > sample.len()).then_some("binary data")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_not_the_name() {
        assert_eq!(classify(b"<!DOCTYPE html><p>x"), Ok(Kind::Page));
        assert_eq!(classify(b"\n  <html lang=en><body>x"), Ok(Kind::Page));
        assert_eq!(classify(b"<head><title>t</title></head>"), Ok(Kind::Page));
        assert_eq!(classify(b"Iraq votes\n\nThe <b> tag text."), Ok(Kind::Text));
        assert_eq!(classify(b"<notatag> and text"), Ok(Kind::Text));
    }

    #[test]
    fn empty_and_binary_inputs_are_refused() {
        assert_eq!(classify(b" \n\t"), Err(Refusal::Empty));
        assert_eq!(
            classify(b"%PDF-1.7 ..."),
            Err(Refusal::Binary("a PDF document"))
        );
        assert_eq!(classify(b"ab\0cd"), Err(Refusal::Binary("binary data")));
        assert_eq!(classify(b"caf\xe9 au lait"), Err(Refusal::NotUtf8));
    }

    #[test]
    fn gzip_is_unpacked_within_the_limit() {
        use std::io::Write as _;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<html><p>hello</p></html>").unwrap();
        let packed = gz.finish().unwrap();
        assert_eq!(unpack(packed).unwrap(), b"<html><p>hello</p></html>");
        assert!(matches!(
            unpack(vec![0x1f, 0x8b, 1, 2]),
            Err(Refusal::BadGzip(_))
        ));
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![b' '; 1 << 20];
        for _ in 0..17 {
            gz.write_all(&zeros).unwrap();
        }
        assert_eq!(unpack(gz.finish().unwrap()), Err(Refusal::TooLarge));
    }
}
