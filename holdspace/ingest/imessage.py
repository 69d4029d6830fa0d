"""iMessage conversations exported as text by imessage-exporter.

Each message is a timestamp line (``May 17, 2022  5:29:42 PM``, sometimes followed by a read
receipt in brackets), then the sender (``Me`` for the owner of the phone), then the body.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

from holdspace.ingest.base import ImportOptions, ParseLog, Parser, RawMessage, Source

__all__ = ["IMessageParser"]

_HEADER = re.compile(
    r"(?P<stamp>[A-Z][a-z]{2} \d{1,2}, \d{4}\s+\d{1,2}:\d{2}:\d{2}\s?[AP]M)(?:\s*\(.*\))?\s*"
)
_ATTACHMENT = re.compile(r"\S*[/\\]\S+\.(?:jpe?g|png|heic|gif|mov|mp4|m4a|caf|pdf|vcf)", re.I)


def _parse_stamp(stamp: str) -> datetime:
    return datetime.strptime(" ".join(stamp.split()), "%b %d, %Y %I:%M:%S %p")


class IMessageParser(Parser):
    """imessage-exporter ``.txt``: timestamp line, sender line, body, blank line."""

    name = "imessage"
    description = "iMessage conversation exported as text by imessage-exporter"

    def sniff(self, head: str, *, filename: str) -> bool:
        first = next((line for line in head.split("\n") if line.strip()), "")
        return _HEADER.fullmatch(first.lstrip("\ufeff")) is not None

    def parse(self, source: Source, log: ParseLog, options: ImportOptions) -> Iterator[RawMessage]:
        me = options.me or "Me"
        time: datetime | None = None
        speaker: str | None = None
        body: list[str] | None = None
        expecting_sender = False
        for number, line in enumerate(source.lines(log), start=1):
            found = _HEADER.fullmatch(line)
            if found is not None:
                if body is not None and speaker is not None:
                    yield _finish(speaker, time, body)
                body, speaker = None, None
                try:
                    time = _parse_stamp(found["stamp"])
                except ValueError:
                    log.skip(f"line {number}", "impossible date or time", line)
                    time = None
                    continue
                expecting_sender = True
                continue
            if expecting_sender:
                if not line.strip():
                    continue
                speaker = me if line.strip() == "Me" else line.strip()
                body = []
                expecting_sender = False
                continue
            if body is not None:
                body.append(line)
            elif line.strip():
                log.skip(f"line {number}", "text that belongs to no message", line)
        if body is not None and speaker is not None:
            yield _finish(speaker, time, body)


def _finish(speaker: str, time: datetime | None, body: list[str]) -> RawMessage:
    text = "\n".join(body).strip()
    if text and _ATTACHMENT.fullmatch(text):
        return RawMessage(speaker, time, "", "media")
    return RawMessage(speaker, time, text)
