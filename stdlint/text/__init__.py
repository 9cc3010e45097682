"""The language engine: sentences, and (later) words, lemmas and quantities, for English and Russian."""
