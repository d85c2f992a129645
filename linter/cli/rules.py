"""`factlint rules` and `factlint rule CODE`: the rulebook and one rule's documentation."""

from __future__ import annotations

import click

from linter.cli.common import FactlintError, guard, load_configured_rulebook


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
    for rule in rulebook.rules.values():
        click.echo(f"{rule.code}  {rule.name:<34} {rule.severity!s:<8} {rule.summary}")


@click.command("rule")
@click.argument("code")
def rule_command(code: str) -> None:
    """Print the documentation of one rule (like `ruff rule`)."""
    from linter.rulebook.docs import render_rule

    rulebook = guard(lambda: load_configured_rulebook())
    rule = rulebook.rules.get(code.upper())
    if rule is None:
        raise FactlintError(f"unknown rule {code!r} (see `factlint rules`)")
    click.echo(render_rule(rule), nl=False)


