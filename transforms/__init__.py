"""Pure transforms: raw bytes to cleaned text to fact tables. No I/O beyond reading lexicon files."""
