"""Plain transcripts: ``Name: text`` lines, such as the notes of a therapy session.

A line may start with a timestamp: ``[2024-03-02 21:14]`` (a date and time) or ``[00:12:03]``
(time into the session, which is noted and not kept, since it is no point in time). Lines that
start with ``# `` are notes (system lines); other lines continue the message above them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

from holdspace.ingest.base import ImportOptions, ParseLog, Parser, RawMessage, Source

__all__ = ["TranscriptParser"]

_STAMP = r"(?:[\[(](?P<stamp>[0-9][0-9:T .\-]{3,24})[\])]\s*)?"
_TURN = re.compile(rf"{_STAMP}(?P<name>[^\W\d][\w .'’&-]{{0,39}}?)\s?:\s(?P<text>.*)")
_NOTE = re.compile(rf"{_STAMP}# (?P<text>.*)")


def _time(stamp: str | None, log: ParseLog) -> datetime | None:
    if not stamp:
        return None
    if re.fullmatch(r"\d{1,2}:\d{2}(:\d{2})?", stamp.strip()):
        log.note("times into the session (such as [00:12:03]) were read but not kept.")
        return None
    return datetime.fromisoformat(stamp.strip())


class TranscriptParser(Parser):
    """``Name: text`` lines, optionally with ``[timestamp]`` in front."""

    name = "transcript"
    description = "plain transcript: Name: text lines, optional [timestamps]"

    def sniff(self, head: str, *, filename: str) -> bool:
        lines = [line for line in head.split("\n")[:20] if line.strip()]
        turns = sum(1 for line in lines if _TURN.fullmatch(line.lstrip("\ufeff")))
        return turns >= 1 and turns * 2 >= len(lines)

    def parse(self, source: Source, log: ParseLog, options: ImportOptions) -> Iterator[RawMessage]:
        speaker: str | None = None
        time: datetime | None = None
        body: list[str] | None = None
        for number, raw in enumerate(source.lines(log), start=1):
            line = raw.lstrip("\ufeff") if number == 1 else raw
            found = _NOTE.fullmatch(line) or _TURN.fullmatch(line)
            if found is None:
                if body is not None:
                    body.append(line)
                elif line.strip():
                    log.skip(f"line {number}", "text before the first speaker", line)
                continue
            if body is not None:
                yield _finish(speaker, time, body)
            try:
                time = _time(found["stamp"], log)
            except ValueError:
                log.skip(f"line {number}", "a timestamp that is not a date and time", line)
                body = None
                continue
            speaker = found.groupdict().get("name")
            speaker = speaker.strip() if speaker else None
            body = [found["text"]]
        if body is not None:
            yield _finish(speaker, time, body)


def _finish(speaker: str | None, time: datetime | None, body: list[str]) -> RawMessage:
    text = "\n".join(body).strip()
    return RawMessage(speaker, time, text, "text" if speaker else "system")
