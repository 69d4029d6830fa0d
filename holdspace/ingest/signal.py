"""Signal conversations exported by the common desktop tools, as text or JSON.

The text layout is ``[2019-12-24, 12:23] Sam: text`` with continuation lines. The JSON layout
is a list (or JSON Lines) of objects with a ``date`` or ``timestamp``, a ``sender`` and a
``body``; attachments without a body become media messages.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from holdspace.errors import MalformedExport
from holdspace.ingest.base import ImportOptions, ParseLog, Parser, RawMessage, Source
from holdspace.ingest.jsondoc import from_epoch, load_json
from holdspace.ingest.linewise import read_headed_lines

__all__ = ["SignalJsonParser", "SignalParser"]

_HEADER = re.compile(
    r"\[(?P<date>\d{4}-\d{2}-\d{2}),? (?P<time>\d{2}:\d{2}(?::\d{2})?)\] (?P<rest>.*)"
)


def _read(found: re.Match[str]) -> tuple[str | None, datetime | None, str]:
    time = datetime.fromisoformat(f"{found['date']}T{found['time']}")
    speaker, colon, text = found["rest"].partition(": ")
    if not colon:
        return None, time, found["rest"]
    return speaker.strip(), time, text


class SignalParser(Parser):
    """Signal text export: ``[YYYY-MM-DD, HH:MM] Name: text``."""

    name = "signal"
    description = "Signal conversation exported as text ([YYYY-MM-DD, HH:MM] Name: text)"

    def sniff(self, head: str, *, filename: str) -> bool:
        lines = [line for line in head.split("\n")[:10] if line.strip()]
        return bool(lines) and _HEADER.match(lines[0].lstrip("\ufeff")) is not None

    def parse(self, source: Source, log: ParseLog, options: ImportOptions) -> Iterator[RawMessage]:
        return read_headed_lines(source, log, _HEADER, _read)


def _time(record: dict[str, Any]) -> datetime:
    for key in ("date", "sent_at", "timestamp"):
        value = record.get(key)
        if isinstance(value, str):
            return datetime.fromisoformat(value)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return from_epoch(value / 1000 if value > 10**11 else value)
    raise ValueError("no date")


class SignalJsonParser(Parser):
    """Signal JSON export: objects with ``date``/``timestamp``, ``sender`` and ``body``."""

    name = "signal-json"
    description = "Signal conversation exported as JSON (date, sender, body per message)"

    def sniff(self, head: str, *, filename: str) -> bool:
        start = head.lstrip("\ufeff \n")[:1]
        return start in ("[", "{") and '"sender"' in head and '"body"' in head

    def parse(self, source: Source, log: ParseLog, options: ImportOptions) -> Iterator[RawMessage]:
        head = source.head(4096).lstrip(b"\xef\xbb\xbf \r\n\t")
        if head.startswith(b"{"):
            records: list[Any] = []
            for number, line in enumerate(source.lines(log), start=1):
                if line.strip():
                    try:
                        records.append(json.loads(line))
                    except (ValueError, RecursionError) as error:
                        raise MalformedExport(
                            "is not valid JSON; a Signal JSON Lines export has one message "
                            "object a line: export the conversation again.",
                            source=source.name,
                            where=f"line {number}",
                        ) from error
        else:
            document = load_json(source, log, options, what="Signal")
            if not isinstance(document, list):
                raise MalformedExport(
                    "is not a list of messages; export the conversation again as JSON.",
                    source=source.name,
                )
            records = document
        for index, record in enumerate(records, start=1):
            where = f"message {index}"
            if not isinstance(record, dict):
                log.skip(where, "not a message object", str(record))
                continue
            try:
                time = _time(record)
            except (ValueError, OverflowError):
                log.skip(where, "no readable date", str(record.get("date", "")))
                continue
            body = record.get("body")
            text = body if isinstance(body, str) else ""
            speaker = record.get("sender")
            if not isinstance(speaker, str) or not speaker:
                log.skip(where, "a message without a sender", text)
                continue
            media = not text and bool(record.get("attachments") or record.get("sticker"))
            yield RawMessage(speaker, time, text, "media" if media else "text")
