"""Claim files loaded with positions: the YAML loader, the document, the corpus, their figures."""
