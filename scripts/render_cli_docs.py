"""Write docs/cli.md from the help of every ``holdspace`` command (the help is the source).

    .venv/bin/python scripts/render_cli_docs.py          # rewrite docs/cli.md
    .venv/bin/python scripts/render_cli_docs.py --check  # exit 1 when docs/cli.md is stale

tests/cli/test_cli_docs.py fails when docs/cli.md differs from what this script writes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import click

from holdspace.cli import COMMANDS, cli

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "cli.md"
COMMAND = ".venv/bin/python scripts/render_cli_docs.py"
#: Help is wrapped at a fixed width so the page does not depend on the terminal.
WIDTH = 100

HEADER = f"""# Command line

Every `holdspace` command with its full help, as `holdspace COMMAND --help` prints it.
This page is generated from the commands themselves: do not edit it by hand; run
`{COMMAND}` after changing a command's help.

Errors print one line starting `error:` on stderr and exit with the code of their kind
(the exception tree in `holdspace/errors.py`): 1 for an internal error, 2 for bad input,
3 for a wrong passphrase or missing access, 4 for an optional component that is not installed;
click's own usage errors also exit 2.
"""


def _help(command: click.Command, *, name: str, parent: click.Context | None) -> str:
    context = click.Context(
        command,
        info_name=name,
        parent=parent,
        terminal_width=WIDTH,
        max_content_width=WIDTH,
        **command.context_settings,
    )
    return command.get_help(context)


def render() -> str:
    """The whole text of docs/cli.md."""
    root = click.Context(
        cli,
        info_name="holdspace",
        terminal_width=WIDTH,
        max_content_width=WIDTH,
        **cli.context_settings,
    )
    parts = [HEADER, "## holdspace\n", "```text", _help(cli, name="holdspace", parent=None), "```"]
    for name in sorted(COMMANDS):
        command = cli.get_command(root, name)
        assert command is not None, name
        parts += ["", f"## holdspace {name}\n", "```text", _help(command, name=name, parent=root)]
        parts.append("```")
    return "\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="only say whether it is stale")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.is_file() else ""
        if current != text:
            print(f"{TARGET.relative_to(ROOT)} is out of date; run: {COMMAND}", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
