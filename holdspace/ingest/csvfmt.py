"""Spreadsheet-style CSV: one row a message, with columns for speaker, time and text.

Columns are found by name (``speaker``/``author``/``sender``/``from``, ``time``/``timestamp``/
``date``, ``text``/``message``/``content``/``body``) or named with ``--speaker-column``,
``--time-column`` and ``--text-column``. holdspace's own CSV adds ``id`` and ``kind``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import cast

from holdspace.errors import MalformedExport
from holdspace.ingest.base import ImportOptions, ParseLog, Parser, RawMessage, Source
from holdspace.model import KINDS, MessageKind

__all__ = ["CsvParser", "find_columns"]

_GUESSES: dict[str, tuple[str, ...]] = {
    "speaker": ("speaker", "author", "sender", "from", "name", "sender_name"),
    "time": ("time", "timestamp", "date", "datetime", "sent"),
    "text": ("text", "message", "content", "body"),
}


def find_columns(
    header: Sequence[str], chosen: Mapping[str, str], *, source: str
) -> dict[str, str | None]:
    """The column for each role (``time`` may be missing), raising when one is required."""
    lowered = {name.strip().casefold(): name for name in header}
    columns: dict[str, str | None] = {}
    for role, guesses in _GUESSES.items():
        wanted = chosen.get(role)
        if wanted is not None:
            if wanted not in header:
                raise MalformedExport(
                    f"has no column {wanted!r} (given with --{role}-column); its columns are: "
                    f"{', '.join(header)}.",
                    source=source,
                    where="line 1",
                )
            columns[role] = wanted
            continue
        columns[role] = next((lowered[g] for g in guesses if g in lowered), None)
        if columns[role] is None and role != "time":
            raise MalformedExport(
                f"has no {role} column (looked for {', '.join(guesses)}); "
                f"name it with --{role}-column (the columns are: {', '.join(header)}).",
                source=source,
                where="line 1",
            )
    return columns


class CsvParser(Parser):
    """Generic CSV with a header row."""

    name = "csv"
    description = "CSV with a header row: speaker, time (optional) and text columns"

    def sniff(self, head: str, *, filename: str) -> bool:
        first = head.lstrip("\ufeff").split("\n", 1)[0].casefold()
        if "," not in first and ";" not in first:
            return False
        cells = {cell.strip().strip('"') for cell in first.replace(";", ",").split(",")}
        return bool(cells & set(_GUESSES["speaker"])) and bool(cells & set(_GUESSES["text"]))

    def parse(self, source: Source, log: ParseLog, options: ImportOptions) -> Iterator[RawMessage]:
        lines = source.lines(log)
        first = next(lines, "").lstrip("\ufeff")
        delimiter = ";" if first.count(";") > first.count(",") else ","
        reader = csv.reader((line + "\n" for line in _chain(first, lines)), delimiter=delimiter)
        try:
            header = next(reader, [])
            columns = find_columns(header, options.columns, source=source.name)
            index = {name: position for position, name in enumerate(header)}
            for row in reader:
                where = f"line {reader.line_num}"
                if not any(cell.strip() for cell in row):
                    continue
                message = _row(row, index, columns, log, where)
                if message is not None:
                    yield message
        except csv.Error as error:
            raise MalformedExport(
                f"is not valid CSV ({error}); check the quoting of that row.",
                source=source.name,
                where=f"line {reader.line_num}",
            ) from error


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def _row(
    row: Sequence[str],
    index: Mapping[str, int],
    columns: Mapping[str, str | None],
    log: ParseLog,
    where: str,
) -> RawMessage | None:
    def cell(role: str) -> str:
        column = columns.get(role)
        position = index.get(column) if column is not None else None
        return row[position] if position is not None and position < len(row) else ""

    speaker, text, raw_time = cell("speaker").strip(), cell("text"), cell("time").strip()
    time = None
    if raw_time:
        try:
            time = datetime.fromisoformat(raw_time)
        except ValueError:
            log.skip(where, f"time {raw_time!r} is not ISO 8601", text)
            return None
    kind_column = index.get("kind")
    kind = row[kind_column].strip() if kind_column is not None and kind_column < len(row) else ""
    if kind not in KINDS:
        kind = "text" if speaker else "system"
    if not speaker and kind != "system":
        log.skip(where, "a row without a speaker", text)
        return None
    return RawMessage(speaker or None, time, text, cast(MessageKind, kind))
