"""`factlint schema`: print the claim-file JSON Schema."""

from __future__ import annotations

import click


@click.command("schema")
def schema_command() -> None:
    """Print the claim-file JSON Schema (draft 2020-12)."""
    from linter.schema import schema_text

    click.echo(schema_text(), nl=False)
