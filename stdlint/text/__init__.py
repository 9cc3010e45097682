"""The language engine for English and Russian: sentences now; words, lemmas, quantities next."""
