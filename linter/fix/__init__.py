"""Fixes: edits of a claim file's text that make a finding go away.

A kind attaches a `linter.model.Fix` where it creates a finding, computed from the positions of
the YAML nodes (`linter.fix.edits`): span edits of the text, never a rewrite of the file, so
comments, order and formatting outside the edited span stay byte for byte. `linter.fix.apply`
applies the fixes of a run (`factlint check --fix`, `--unsafe-fixes`, `--diff`).
"""
