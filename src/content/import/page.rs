//! A saved web page into a [`super::draft::Draft`]: the article's text kept, the page
//! around it dropped, and what the markup says about the article read.
