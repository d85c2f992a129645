"""`factlint schema`: print the claim-file JSON Schema, or where the installed one lives."""

from __future__ import annotations

import click


@click.command("schema")
@click.option("--path", "show_path", is_flag=True,
              help="Print the installed schema file's absolute path instead (for an editor's "
                   "`$schema=` that works offline).")
def schema_command(show_path: bool) -> None:
    """Print the claim-file JSON Schema (draft 2020-12).

    Its `$id` is the schema's stable URL in factlint's repository; other repositories' claim
    files can point an editor at it with `# yaml-language-server: $schema=URL`.
    """
    from linter.schema import SCHEMA_FILE, schema_text

    if show_path:
        click.echo(str(SCHEMA_FILE))
        return
    click.echo(schema_text(), nl=False)
