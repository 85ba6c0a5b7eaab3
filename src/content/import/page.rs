//! A saved web page into a [`super::draft::Draft`]: the article's text kept, the page
//! around it dropped, and what the markup says about the article read.

use super::draft::Draft;

/// Reads a saved page (interim: nothing).
pub fn parse(_html: &[u8], page_url: Option<&str>) -> Draft {
    Draft {
        url: page_url.map(str::to_string),
        ..Draft::default()
    }
}
