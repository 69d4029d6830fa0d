"""Telegram Desktop JSON exports: one chat (``result.json``) or the whole account.

Text comes either as a string or as a list of plain strings and entity objects (bold, links,
mentions), which are joined. Service messages (joins, calls, pins) are kept as system lines.
A whole-account export holds many chats: ``--chat NAME`` chooses one; with a single personal
chat that one is taken.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from holdspace.errors import MalformedExport
from holdspace.ingest.base import ImportOptions, ParseLog, Parser, RawMessage, Source
from holdspace.ingest.jsondoc import from_epoch, load_json, sniff_json_keys
from holdspace.model import MessageKind

__all__ = ["TelegramParser", "flatten_text"]


def flatten_text(value: Any) -> str:
    """The plain text of Telegram's ``text`` field (a string, or a list of parts)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        parts = []
        for part in value:
            if isinstance(part, str):
                parts.append(part)
            elif isinstance(part, dict) and isinstance(part.get("text"), str):
                parts.append(part["text"])
        return "".join(parts)
    return ""


def _time(record: dict[str, Any]) -> datetime:
    raw = record.get("date")
    if isinstance(raw, str):
        return datetime.fromisoformat(raw)
    unix = record.get("date_unixtime")
    if isinstance(unix, str | int):
        return from_epoch(int(unix))
    raise ValueError("no date")


def _pick_chat(document: Any, *, source: str, chat: str | None) -> dict[str, Any]:
    if not isinstance(document, dict):
        raise MalformedExport(
            "is not a Telegram export (the top level should be an object with 'messages' or "
            "'chats'); export again from Telegram Desktop as JSON.",
            source=source,
        )
    if isinstance(document.get("messages"), list):
        return document
    chats = document.get("chats")
    listed = chats.get("list") if isinstance(chats, dict) else None
    if not isinstance(listed, list):
        raise MalformedExport(
            "has neither 'messages' nor 'chats.list'; export again from Telegram Desktop "
            "as JSON (one chat, or the whole account).",
            source=source,
        )
    found = [c for c in listed if isinstance(c, dict) and isinstance(c.get("messages"), list)]
    names = [str(c.get("name") or c.get("id") or "?") for c in found]
    if chat is not None:
        for candidate, name in zip(found, names, strict=True):
            if name == chat:
                return candidate
        raise MalformedExport(
            f"has no chat called {chat!r}; its chats are: {', '.join(names) or 'none'}.",
            source=source,
        )
    personal = [c for c in found if c.get("type") == "personal_chat"]
    if len(found) == 1:
        return found[0]
    if len(personal) == 1:
        return personal[0]
    raise MalformedExport(
        f"is a whole-account export with {len(found)} chats; pass --chat NAME to choose one "
        f"(the chats are: {', '.join(names[:10]) or 'none'}).",
        source=source,
    )


class TelegramParser(Parser):
    """Telegram Desktop JSON, one chat or a whole-account export."""

    name = "telegram"
    description = "Telegram Desktop JSON export (one chat, or the whole account with --chat)"

    def sniff(self, head: str, *, filename: str) -> bool:
        return sniff_json_keys(head, "messages") and (
            '"from_id"' in head
            or '"date_unixtime"' in head
            or '"personal_chat"' in head
            or ('"chats"' in head and '"list"' in head)
        )

    def parse(self, source: Source, log: ParseLog, options: ImportOptions) -> Iterator[RawMessage]:
        document = load_json(source, log, options, what="Telegram")
        chat = _pick_chat(document, source=source.name, chat=options.chat)
        for index, record in enumerate(chat["messages"], start=1):
            where = f"message {index}"
            if not isinstance(record, dict):
                log.skip(where, "not a message object", str(record))
                continue
            try:
                time = _time(record)
            except ValueError:
                log.skip(where, "no readable date", str(record.get("date", "")))
                continue
            text = flatten_text(record.get("text"))
            if record.get("type") == "service":
                who = " ".join(
                    str(part).replace("_", " ")
                    for part in (record.get("actor"), record.get("action"))
                    if part
                )
                body = f"{who}: {text}" if who and text else who or text
                yield RawMessage(None, time, body, "system")
                continue
            speaker = record.get("from")
            if not isinstance(speaker, str) or not speaker:
                speaker = str(record.get("from_id") or "")
            if not speaker:
                log.skip(where, "a message without a sender", text)
                continue
            media = any(key in record for key in ("photo", "file", "media_type", "sticker_emoji"))
            kind: MessageKind = "media" if media else "text"
            edited = "edited" in record or "edited_unixtime" in record
            yield RawMessage(speaker, time, text, kind, edited)
