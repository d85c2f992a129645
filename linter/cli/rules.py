"""`factlint rules` and `factlint rule CODE`: the rulebook and one rule's documentation.

A rule pack comes from the repository like a claim file: its names, summaries and docs are
printed as the text output prints findings, with control characters and bidirectional overrides
written as escapes (`visible`), never sent raw to the terminal."""

from __future__ import annotations

import click

from linter.cli.common import FactlintError, guard, is_builtin, load_configured_rulebook


@click.command("rules")
@click.option("--format", "output_format", type=click.Choice(("text", "json")), default="text")
def rules_command(output_format: str) -> None:
    """List every rule: code, name, default severity, kind and summary."""
    import json

    rulebook = guard(lambda: load_configured_rulebook())
    if output_format == "json":
        click.echo(json.dumps([
            {"code": r.code, "name": r.name, "severity": str(r.severity), "kind": r.kind,
             "summary": r.summary}
            for r in rulebook.rules.values()
        ], indent=2))
        return
    from linter.output import visible

    for rule in rulebook.rules.values():
        click.echo(f"{visible(rule.code)}  {visible(rule.name):<34} {rule.severity!s:<8} "
                   f"{visible(rule.summary)}")


@click.command("rule")
@click.argument("code")
@click.option("--format", "output_format", type=click.Choice(("text", "markdown")),
              default="text",
              help="text for the terminal; markdown for the page under docs/rules/.")
def rule_command(code: str, output_format: str) -> None:
    """Print the documentation of one rule (like `ruff rule`)."""
    from linter.rulebook.docs import render_rule, render_rule_markdown

    rulebook = guard(lambda: load_configured_rulebook())
    rule = rulebook.rules.get(code.upper())
    if rule is None:
        raise FactlintError(f"unknown rule {code!r} (see `factlint rules`)")
    from linter.output import visible

    if output_format == "markdown":
        import os

        # A built-in rule's page names its file as the docs/rules/ page does.
        origin = f"rules/{os.path.basename(rule.origin)}" if is_builtin(rule) else None
        text = render_rule_markdown(rule, origin)
    else:
        text = render_rule(rule)
    # Line breaks are the documentation's own; every other control character is escaped, a
    # carriage return too (it would let a line overwrite what the terminal shows of it).
    text = text.replace("\r\n", "\n").replace("\r", "\\r")
    click.echo(visible(text, one_line=False), nl=False)


