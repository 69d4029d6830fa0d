"""holdspace's own interchange format: one JSON object a line (see CODEBOOK.md)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any, cast

from holdspace.errors import MalformedExport
from holdspace.ingest.base import ImportOptions, ParseLog, Parser, RawMessage, Source
from holdspace.model import KINDS, MessageKind

__all__ = ["JsonlParser"]

#: The start of a message object as holdspace writes it (keys in the writer's order).
_CUT_LINE_START = re.compile(r'\{\s*"(?:id|conversation|speaker|time|text|kind)"\s*:')


def _field(obj: dict[str, Any], name: str, *, source: str, where: str) -> str | None:
    value = obj.get(name)
    if value is None or isinstance(value, str):
        return value
    raise MalformedExport(
        f"field {name!r} should be a string or null, not {type(value).__name__}; "
        "fix that line or export the conversation again.",
        source=source,
        where=where,
    )


class JsonlParser(Parser):
    """The JSONL interchange format: ``speaker``, ``time``, ``text`` and ``kind`` per line."""

    name = "jsonl"
    description = "holdspace interchange format: one JSON message object a line"

    def sniff(self, head: str, *, filename: str) -> bool:
        first = next((line for line in head.splitlines() if line.strip()), "")
        if not first.lstrip().startswith("{"):
            return False
        try:
            obj = json.loads(first)
        except ValueError:
            # A first line longer than the sample is cut off: judge it by how it starts.
            cut = "\n" not in head.lstrip("\n")
            return (
                cut
                and _CUT_LINE_START.match(first.lstrip()) is not None
                and '"speaker"' in first
                and '"text"' in first
            )
        return isinstance(obj, dict) and "text" in obj and "speaker" in obj

    def parse(self, source: Source, log: ParseLog, options: ImportOptions) -> Iterator[RawMessage]:
        for number, line in enumerate(source.lines(log), start=1):
            if not line.strip():
                continue
            where = f"line {number}"
            try:
                obj = json.loads(line)
            except (ValueError, RecursionError) as error:
                raise MalformedExport(
                    "is not valid JSON; each line must be one message object such as "
                    '{"speaker": "Sam", "time": null, "text": "hi"}.',
                    source=source.name,
                    where=where,
                ) from error
            if not isinstance(obj, dict):
                raise MalformedExport(
                    f"is a JSON {type(obj).__name__}, not an object; each line must be one "
                    "message object with speaker, time and text.",
                    source=source.name,
                    where=where,
                )
            if "text" not in obj:
                raise MalformedExport(
                    "has no 'text' field; every message needs one (it may be empty).",
                    source=source.name,
                    where=where,
                )
            conversation = obj.get("conversation")
            if isinstance(conversation, str) and conversation and log.conversation is None:
                log.conversation = conversation
            yield _message(obj, source=source.name, where=where)


def _message(obj: dict[str, Any], *, source: str, where: str) -> RawMessage:
    text = _field(obj, "text", source=source, where=where) or ""
    speaker = _field(obj, "speaker", source=source, where=where)
    raw_time = _field(obj, "time", source=source, where=where)
    kind = obj.get("kind", "text" if speaker is not None else "system")
    if kind not in KINDS:
        raise MalformedExport(
            f"kind {kind!r} is not one of {', '.join(KINDS)}; fix that line.",
            source=source,
            where=where,
        )
    time = None
    if raw_time:
        try:
            time = datetime.fromisoformat(raw_time)
        except ValueError as error:
            raise MalformedExport(
                f"time {raw_time!r} is not an ISO 8601 timestamp such as "
                "2025-03-02T21:14:00+01:00; fix it or leave it null.",
                source=source,
                where=where,
            ) from error
    raw_id = obj.get("id")
    return RawMessage(
        speaker,
        time,
        text,
        cast(MessageKind, kind),
        obj.get("edited") is True,
        None if raw_id is None else str(raw_id),
    )
