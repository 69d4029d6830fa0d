"""Facebook Messenger and Instagram JSON exports (``message_1.json`` from "Download your
information").

Meta writes these files newest first and encodes every non-ASCII character wrongly: the UTF-8
bytes of the text appear as separate ``\\u00XX`` code points ("Ã©" for "é"). Both are undone
here: messages come out oldest first, text as it was typed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from holdspace.errors import MalformedExport
from holdspace.ingest.base import ImportOptions, ParseLog, Parser, RawMessage, Source
from holdspace.ingest.jsondoc import from_epoch, load_json, sniff_json_keys
from holdspace.model import MessageKind

__all__ = ["InstagramParser", "MessengerParser", "fix_mojibake"]

_MEDIA_KEYS = ("photos", "videos", "audio_files", "gifs", "files", "sticker", "share")


def fix_mojibake(text: str) -> str:
    """``text`` with UTF-8 bytes that were written as single code points joined back up."""
    if text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def _record(record: dict[str, Any]) -> tuple[str | None, str, MessageKind]:
    speaker = record.get("sender_name")
    content = record.get("content")
    text = fix_mojibake(content) if isinstance(content, str) else ""
    if record.get("is_unsent") is True:
        return speaker if isinstance(speaker, str) else None, "", "deleted"
    if not text and any(record.get(key) for key in _MEDIA_KEYS):
        return speaker if isinstance(speaker, str) else None, "", "media"
    if record.get("type") in ("Subscribe", "Unsubscribe", "Call") and not text:
        return None, str(record.get("type")), "system"
    return speaker if isinstance(speaker, str) else None, text, "text"


class MessengerParser(Parser):
    """Messenger JSON: ``participants`` and ``messages`` with ``sender_name``/``timestamp_ms``."""

    name = "messenger"
    description = "Facebook Messenger JSON from 'Download your information'"

    def sniff(self, head: str, *, filename: str) -> bool:
        return sniff_json_keys(head, "messages", "sender_name") and "instagram" not in (
            filename.lower()
        )

    def parse(self, source: Source, log: ParseLog, options: ImportOptions) -> Iterator[RawMessage]:
        document = load_json(source, log, options, what=self.name.capitalize())
        records = document.get("messages") if isinstance(document, dict) else None
        if not isinstance(records, list):
            raise MalformedExport(
                "has no 'messages' list; choose the message_1.json file of one conversation "
                "from the export.",
                source=source.name,
            )
        dated = []
        for index, record in enumerate(records, start=1):
            where = f"message {index}"
            if not isinstance(record, dict):
                log.skip(where, "not a message object", str(record))
                continue
            stamp = record.get("timestamp_ms", record.get("timestamp"))
            if not isinstance(stamp, int | float) or isinstance(stamp, bool):
                log.skip(where, "no timestamp_ms", str(record.get("content", "")))
                continue
            try:
                time = from_epoch(stamp / 1000 if "timestamp_ms" in record else stamp)
            except ValueError:
                log.skip(where, "timestamp out of range", str(stamp))
                continue
            speaker, text, kind = _record(record)
            if speaker is None and kind != "system":
                log.skip(where, "a message without sender_name", text)
                continue
            name = fix_mojibake(speaker) if speaker is not None else None
            dated.append((time, -index, RawMessage(name, time, text, kind)))
        dated.sort(key=lambda item: (item[0], item[1]))
        for _, _, message in dated:
            yield message


class InstagramParser(MessengerParser):
    """Instagram direct messages: the same layout as Messenger."""

    name = "instagram"
    description = "Instagram direct-message JSON from 'Download your information'"

    def sniff(self, head: str, *, filename: str) -> bool:
        return sniff_json_keys(head, "messages", "sender_name") and "instagram" in filename.lower()
