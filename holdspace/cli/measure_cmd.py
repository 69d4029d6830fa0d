"""``holdspace measure``: the cycle, roles, bids, capacities and trends of a couple's messages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from holdspace.cli.options import output_file_option, partners_option
from holdspace.cli.output import open_output

__all__ = ["measure_command", "read_coded", "render", "write_output"]


@click.command("measure")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@output_file_option(
    "Write the metrics JSON (schema holdspace.metrics.v1) here. Without it, print a summary."
)
@partners_option(
    "The two people to measure, as NAME1,NAME2 (needed when more than two people wrote)."
)
def measure_command(source: Path, output: Path | None, partners: list[str] | None) -> None:
    """Measure SOURCE: coded JSONL, interchange JSONL or a chat export.

    Input that is not coded yet is coded first with the default coder (HOLDSPACE_CODER).
    """
    from holdspace.cli.console import console, err_console
    from holdspace.errors import InputError
    from holdspace.measure import measure
    from holdspace.settings import Settings

    if not source.is_file():
        raise InputError(
            f"{source} not found; pass coded JSONL, interchange JSONL or a chat export."
        )
    settings = Settings.from_env()
    coded = read_coded(source, coder_name=settings.coder)
    metrics = measure(coded, partners=partners, settings=settings)
    if output is not None:
        write_output(output, metrics.dumps())
        err_console.print(f"measured {len(coded):,} messages -> {output}")
        return
    for part in render(metrics.to_json()):
        console.print(part)


def write_output(output: Path, text: str) -> None:
    """Write ``text`` to ``output``, making its folder if missing; a path that cannot be
    written is an :class:`~holdspace.errors.InputError` (the wording of ``holdspace import``)."""
    with open_output(output) as stream:
        stream.write(text)


def read_coded(source: Path, *, coder_name: str) -> list[Any]:
    """Coded messages from coded JSONL, or from any other input after coding it.

    A ``.jsonl`` file is decoded as the ingest stage decodes exports (UTF-8, UTF-16 with a
    byte-order mark, Windows-1252), so undecodable bytes are an ``UnreadableText`` error."""
    from holdspace.errors import ComponentUnavailable, InputError
    from holdspace.model import CodedMessage

    if source.suffix.lower() == ".jsonl" and _is_coded(source):
        coded = []
        for number, line in enumerate(_lines(source), start=1):
            if not line.strip():
                continue
            try:
                coded.append(CodedMessage.from_json(json.loads(line)))
            except (ValueError, KeyError) as error:
                raise InputError(
                    f"{source} line {number}: not a coded message ({error}); "
                    "write it with `holdspace code -o`."
                ) from error
        return coded
    try:
        from holdspace.coding import get_coder
        from holdspace.ingest import read_conversation
    except ImportError as error:
        raise ComponentUnavailable(
            f"{source} is not coded yet and the coder is not installed ({error}); "
            "code it first with `holdspace code -o coded.jsonl`."
        ) from error
    conversation = read_conversation(source)
    return list(get_coder(coder_name).code(conversation.messages))


def _lines(source: Path) -> Iterator[str]:
    from holdspace.ingest.text import iter_lines

    return iter_lines(lambda: source.open("rb"), source=source.name)


def _is_coded(source: Path) -> bool:
    for line in _lines(source):
        if line.strip():
            try:
                first = json.loads(line)
            except ValueError:
                return False
            return isinstance(first, dict) and "labels" in first
    return False


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _interval(value: Any) -> str:
    return "" if not value else f" ({value[0]:.2f}-{value[1]:.2f})"


def render(metrics: dict[str, Any]) -> Iterator[Any]:
    """Rich renderables, one section after another."""
    names = metrics["partners"]
    period = metrics["period"]
    span = f", {period['days']} days" if period["days"] is not None else ""
    yield Panel(
        escape(
            f"{period['messages']:,} messages between {names[0]} and {names[1]}{span}; "
            f"{metrics['episodes']['count']} exchanges "
            f"({metrics['episodes']['emotional']} emotional, {metrics['episodes']['conflict']} "
            "conflict)."
        ),
        title="holdspace measure",
    )
    cycle = metrics["cycle"]
    yield Panel(
        escape(
            f"{cycle['summary']}\nStrength {cycle['strength']:.2f}{_interval(cycle['interval'])}"
            f" (95% interval); a cycle shows from {cycle['threshold']:.2f}."
        ),
        title="The pursue-withdraw cycle",
    )
    roles = Table(title="Patterns in these conversations (about messages, not people)")
    roles.add_column("partner")
    roles.add_column("pattern")
    roles.add_column("confidence", justify="right")
    roles.add_column("what it rests on")
    for name in names:
        role = metrics["roles"][name]
        roles.add_row(name, role["role"], _pct(role["confidence"]), escape(role["summary"]))
    yield roles
    bids = Table(title="How each partner answered the other's bids and feelings")
    for column in ("partner", "bids", "toward", "away", "against", "advice"):
        bids.add_column(column, justify="left" if column == "partner" else "right")
    for name in names:
        row = metrics["bids"][name]
        bids.add_row(
            name,
            str(row["n"]),
            _pct(row["toward"]) + _interval(row["intervals"]["toward"]),
            _pct(row["away"]),
            _pct(row["against"]),
            _pct(row["problem_solving"]),
        )
    yield bids
    for name in names:
        yield escape(metrics["bids"][name]["summary"])
    yield escape(
        "Toward: warmth, interest or an engaged reply. Away: silence, a change of subject, a "
        "minimal reply. Against: dismissal, defensiveness, blame, contempt. Advice: fixes "
        "offered in place of support. For context only: in Gottman's often-quoted studies, "
        "couples who stayed together turned toward about 86% of bids, those who split about 33%."
    )
    capacities = Table(title="The five capacities (0-1, from the rates beneath them)")
    capacities.add_column("capacity")
    for name in names:
        capacities.add_column(name, justify="right")
    for capacity in metrics["capacities"][names[0]]:
        cells = []
        for name in names:
            entry = metrics["capacities"][name][capacity]
            cells.append("-" if entry["score"] is None else f"{entry['score']:.2f}")
        capacities.add_row(capacity.replace("_", " "), *cells)
    yield capacities
    yield escape(metrics["conflict"]["summary"] + " " + metrics["conflict"]["anchor"])
    for name in names:
        fitted = metrics["dynamics"]["partners"][name]
        yield escape(fitted.get("meaning") or f"{name}: {fitted['note']}.")
    for change in metrics["trends"]["changes"]:
        yield escape(change["meaning"])
    if metrics["trends"].get("note"):
        yield escape(f"Trends: {metrics['trends']['note']}.")
    for note in metrics["notes"]:
        yield escape(f"Note: {note}.")
