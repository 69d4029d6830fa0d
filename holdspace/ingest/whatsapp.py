"""WhatsApp chat exports (``.txt``, alone or inside the ``.zip`` a phone produces).

Android writes ``24/12/2019, 21:14 - Sam: text``; iOS writes ``[24/12/2019, 21:14:03] Sam:
text`` and marks its notices and attachment lines with a left-to-right mark. Both come with
12- or 24-hour clocks and every date order. The file is read twice, streaming: once for the
date order, once for the messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime

from holdspace.errors import MalformedExport
from holdspace.ingest.base import ImportOptions, ParseLog, Parser, RawMessage, Source
from holdspace.ingest.whatsapp_dates import date_key, infer_order, match_header, to_datetime
from holdspace.ingest.whatsapp_phrases import MARKS, classify, is_notice, strip_marks

__all__ = ["WhatsAppParser"]

_NAME_COLON = re.compile(r'([^:\n"]{1,60}):(\S*)')


def _split_speaker(rest: str) -> tuple[str | None, str]:
    """``(speaker, body)`` of the part after the timestamp; no speaker for a notice."""
    speaker, colon, body = rest.partition(": ")
    if colon:
        return speaker, body
    found = _NAME_COLON.fullmatch(rest.split("\n", 1)[0])
    if found:
        return found[1], rest[len(found[1]) + 1 :]
    return None, rest


class WhatsAppParser(Parser):
    """WhatsApp ``.txt`` exports, Android and iOS layouts, any language WhatsApp phrases are known in."""

    name = "whatsapp"
    description = "WhatsApp chat export (.txt or the .zip from the phone), Android or iOS"

    def sniff(self, head: str, *, filename: str) -> bool:
        lines = [line for line in head.splitlines()[:20] if line.strip()]
        return any(match_header(line) is not None for line in lines[:8])

    def parse(self, source: Source, log: ParseLog, options: ImportOptions) -> Iterator[RawMessage]:
        keys: list[tuple[str, str, str]] = []
        for line in source.lines(log):
            found = match_header(line)
            if found is not None:
                key = date_key(found[0])
                if not keys or keys[-1] != key:
                    keys.append(key)
        if not keys:
            raise MalformedExport(
                "has no line that starts like a WhatsApp message (a date and time, then a name); "
                "check that this is the chat file, or pass --format to choose another format.",
                source=source.name,
            )
        order, note = infer_order(keys, source=source.name, forced=options.date_order)
        del keys
        if note:
            log.note(note)
        yield from self._messages(source, log, order)

    def _messages(self, source: Source, log: ParseLog, order: str) -> Iterator[RawMessage]:
        cache: dict[tuple[str, str, str], date] = {}
        pending: list[str] | None = None
        speaker: str | None = None
        when: datetime | None = None
        ios = False
        for number, line in enumerate(source.lines(log), start=1):
            found = match_header(line)
            if found is None:
                if pending is not None:
                    pending.append(line)
                elif line.strip():
                    log.skip(f"line {number}", "text that belongs to no message", line)
                continue
            if pending is not None:
                yield self._finish(speaker, when, pending, ios)
                pending = None
            header, ios = found
            try:
                when = to_datetime(header, order, cache)
            except ValueError:
                log.skip(f"line {number}", f"impossible date or time for order {order}", line)
                continue
            speaker, body = _split_speaker(header["rest"])
            pending = [body]
        if pending is not None:
            yield self._finish(speaker, when, pending, ios)

    @staticmethod
    def _finish(
        speaker: str | None, when: datetime | None, lines: list[str], ios: bool
    ) -> RawMessage:
        body = "\n".join(lines).rstrip()
        if speaker is None:
            return RawMessage(None, when, strip_marks(body).strip(), "system")
        kind, text, edited = classify(body)
        if kind == "text" and ((ios and body[:1] in MARKS) or is_notice(body)):
            return RawMessage(None, when, strip_marks(body).strip(), "system")
        return RawMessage(strip_marks(speaker).strip(), when, text, kind, edited)
