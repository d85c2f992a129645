"""factlint: a fact-check and source-reliability linter for YAML claim files."""

__version__ = "0.1.0"
