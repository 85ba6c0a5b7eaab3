//! Plain text into a [`Draft`]: the date marker, the title line, photo captions and the
//! website furniture a copied page brings along.
