"""The `factlint` click group.

Exit codes a CI can trust: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage,
configuration, rule-file or internal errors. Each command lives in its own module, loaded only
when named, so a hook's `factlint check` does not pay for defining `report`, `export` or `scan`.
"""

from __future__ import annotations

from typing import ClassVar

import click

from linter import __version__


class _Group(click.Group):
    """The main group, with the commands defined in other modules loaded only when named.

    `factlint check` (the hook) should not pay for defining the other commands;
    `--help`, shell completion and `factlint scan …` still see every command.
    """

    # command name -> (module, attribute)
    LAZY: ClassVar[dict[str, tuple[str, str]]] = {
        "check": ("linter.cli.check", "check"),
        "export": ("linter.cli.export", "export"),
        "init": ("linter.cli.init", "init_command"),
        "report": ("linter.cli.report", "report"),
        "rule": ("linter.cli.rules", "rule_command"),
        "rules": ("linter.cli.rules", "rules_command"),
        "scan": ("linter.cli.scan", "scan"),
        "schema": ("linter.cli.schema", "schema_command"),
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.LAZY})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.LAZY:
            import importlib

            module_name, attribute = self.LAZY[cmd_name]
            self.add_command(getattr(importlib.import_module(module_name), attribute))
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="factlint")
def cli() -> None:
    """factlint: lint a fact base of YAML claim files: schema, sources, figures, AI provenance."""
