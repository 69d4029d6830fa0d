"""Shared machinery for line-based exports: a header line starts a message, others continue it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime

from holdspace.ingest.base import ParseLog, RawMessage, Source

__all__ = ["HeaderReader", "read_headed_lines"]

#: Reads one header match into (speaker, time, first line of text); raises ValueError if bad.
HeaderReader = Callable[[re.Match[str]], tuple[str | None, datetime | None, str]]


def read_headed_lines(
    source: Source, log: ParseLog, pattern: re.Pattern[str], read: HeaderReader
) -> Iterator[RawMessage]:
    """Messages whose first line matches ``pattern``; other lines continue the last message."""
    speaker: str | None = None
    time: datetime | None = None
    lines: list[str] | None = None
    for number, line in enumerate(source.lines(log), start=1):
        found = pattern.match(line)
        if found is None:
            if lines is not None:
                lines.append(line)
            elif line.strip():
                log.skip(f"line {number}", "text that belongs to no message", line)
            continue
        if lines is not None:
            yield _finish(speaker, time, lines)
            lines = None
        try:
            speaker, time, first = read(found)
        except ValueError:
            log.skip(f"line {number}", "impossible date or time", line)
            continue
        lines = [first]
    if lines is not None:
        yield _finish(speaker, time, lines)


def _finish(speaker: str | None, time: datetime | None, lines: list[str]) -> RawMessage:
    text = "\n".join(lines).strip()
    if speaker is None:
        return RawMessage(None, time, text, "system")
    return RawMessage(speaker, time, text)
