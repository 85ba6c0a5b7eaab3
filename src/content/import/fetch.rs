//! Bringing a web page from its address, within limits of time and size.
