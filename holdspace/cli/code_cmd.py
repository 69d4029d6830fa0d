"""``holdspace code``: label every message of an export with the codebook's codes."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import IO, Any

import click

from holdspace.cli.options import output_file_option

__all__ = ["code_command"]

_EXAMPLE_WIDTH = 70


@click.command("code")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@output_file_option(
    "Write coded JSONL here (one message a line). Without it, print a summary table."
)
@click.option(
    "--coder",
    "coder_name",
    type=click.Choice(["rules", "model", "ensemble"]),
    default=None,
    help="Which coder to use (default: the HOLDSPACE_CODER setting, normally ensemble).",
)
@click.option("--format", "format_name", default=None, help="Export format, if not detected.")
@click.option(
    "--accurate",
    type=click.Choice(["selected", "all"]),
    is_flag=False,
    flag_value="selected",
    default=None,
    help="Add a MiniLM pass on the messages the coder is unsure about (--accurate) or on all "
    "(--accurate all); needs `pip install 'holdspace[accurate]'`. Put it after SOURCE.",
)
def code_command(
    source: Path,
    output: Path | None,
    coder_name: str | None,
    format_name: str | None,
    accurate: str | None,
) -> None:
    """Code every message of SOURCE (a chat export or interchange JSONL).

    Messages are read and coded in chunks, so memory stays bounded on long histories.
    """
    from holdspace.cli.console import console, err_console
    from holdspace.cli.output import open_output
    from holdspace.coding import get_coder
    from holdspace.errors import InputError
    from holdspace.ingest import stream_messages
    from holdspace.settings import Settings

    if not source.is_file():
        raise InputError(f"{source} not found; pass the path of a chat export or a JSONL file.")
    coder = get_coder(coder_name or Settings.from_env().coder, accurate=accurate or False)
    counts: Counter[str] = Counter()
    examples: dict[str, str] = {}
    total = 0
    handle: IO[str] | None = None
    if output is not None:
        handle = open_output(output)
    try:
        total = _run(coder, stream_messages(source, format=format_name), handle, counts, examples)
    finally:
        if handle is not None:
            handle.close()
    sent = getattr(coder, "sent_", None)
    if sent is not None and total:
        err_console.print(
            f"the transformer read {sent:,} of {total:,} messages ({sent / total:.1%})"
        )
    if output is not None:
        err_console.print(f"coded {total:,} messages with {coder.name} -> {output}")
        return
    console.print(_summary(total, counts, examples, coder.name))


def _run(
    coder: Any,
    messages: Any,
    handle: IO[str] | None,
    counts: Counter[str],
    examples: dict[str, str],
) -> int:
    from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

    from holdspace.cli.console import err_console
    from holdspace.coding import code_stream

    total = 0
    columns = (SpinnerColumn(), TextColumn("coding"), MofNCompleteColumn(), TextColumn("messages"))
    with Progress(*columns, console=err_console, transient=True) as progress:
        task = progress.add_task("coding", total=None)
        for coded in code_stream(coder, messages):
            total += 1
            for label in coded.labels:
                counts[label] += 1
                examples.setdefault(label, coded.message.text)
            if handle is not None:
                handle.write(json.dumps(coded.to_json(), ensure_ascii=False) + "\n")
            if total % 2048 == 0:
                progress.update(task, completed=total)
        progress.update(task, completed=total)
    return total


def _summary(total: int, counts: Counter[str], examples: dict[str, str], name: str) -> Any:
    from rich.table import Table

    from holdspace.coding import CODES

    table = Table(title=f"{total:,} messages coded by {name}")
    table.add_column("code")
    table.add_column("messages", justify="right")
    table.add_column("share", justify="right")
    table.add_column("example")
    for code in CODES:
        count = counts.get(code, 0)
        share = f"{count / total:.1%}" if total else "-"
        example = examples.get(code, "")
        if len(example) > _EXAMPLE_WIDTH:
            example = example[: _EXAMPLE_WIDTH - 1] + "…"
        table.add_row(code, f"{count:,}", share, example)
    return table
