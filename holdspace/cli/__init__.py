"""The ``holdspace`` command: a thin layer over the pipeline; the only place that prints.

Subcommands live in their own modules and are imported only when used, so that
``holdspace --help`` and fast commands start quickly.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from holdspace.errors import HoldspaceError

__all__ = ["COMMANDS", "cli", "main"]

#: command name -> "module:attribute" of its click command (one module per command).
COMMANDS: dict[str, str] = {
    "analyze": "holdspace.cli.analyze_cmd:analyze_command",
    "checkin": "holdspace.cli.checkin_cmd:checkin_command",
    "code": "holdspace.cli.code_cmd:code_command",
    "demo": "holdspace.cli.demo_cmd:demo_command",
    "eval": "holdspace.cli.eval_cmd:eval_command",
    "help": "holdspace.cli.help_cmd:help_command",
    "import": "holdspace.cli.import_cmd:import_command",
    "measure": "holdspace.cli.measure_cmd:measure_command",
    "results": "holdspace.cli.results_cmd:results_command",
    "score": "holdspace.cli.score_cmd:score_command",
    "simulate": "holdspace.cli.simulate_cmd:simulate_command",
    "train": "holdspace.cli.train_cmd:train_command",
}
# Commands of later stages register here as their modules land, e.g.
# "code": "holdspace.cli.code_cmd:code_command".


class LazyGroup(click.Group):
    """A click group that imports a subcommand's module only when that command runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="holdspace")
def cli() -> None:
    """holdspace: see the emotional-disconnect cycle in your conversations, and what helps.

    Everything runs on this computer; nothing is sent anywhere.
    """


def main(argv: list[str] | None = None) -> Any:
    """Run the CLI; holdspace errors become one clear line on stderr and an exit code."""
    try:
        return cli.main(args=argv, prog_name="holdspace", standalone_mode=False)
    except HoldspaceError as error:
        _fail(error.message, exit_code=error.exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except OSError as error:
        # A file the user named could not be read or written: say which and what to do.
        where = f"{error.filename}: " if error.filename else ""
        reason = error.strerror or type(error).__name__
        _fail(
            f"{where}{reason}; check that the path exists and that you may read or write it.",
            exit_code=2,
        )
    except Exception as error:  # the last guard: never show a user a traceback
        if os.environ.get("HOLDSPACE_DEBUG"):
            raise
        _fail(
            f"holdspace hit an unexpected problem ({type(error).__name__}: {error}). "
            "This is a fault in holdspace, not in your data; run again with HOLDSPACE_DEBUG=1 "
            "to see the details.",
            exit_code=1,
        )


def _fail(message: str, *, exit_code: int) -> None:
    from rich.markup import escape

    from holdspace.cli.console import err_console

    err_console.print(f"[bold red]error:[/] {escape(message)}", highlight=False)
    sys.exit(exit_code)
