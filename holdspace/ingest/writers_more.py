"""Writers for the JSON and line formats other than WhatsApp (see :mod:`writers`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from holdspace.errors import InvalidSetting
from holdspace.model import Message

__all__ = [
    "need_time",
    "render_messenger",
    "render_signal",
    "render_telegram",
    "render_transcript",
]


def need_time(message: Message, format: str) -> datetime:
    """The time of ``message``; :class:`InvalidSetting` when a timed export format needs one."""
    if message.time is None:
        raise InvalidSetting(
            f"message {message.id} has no time, which a {format} export needs; "
            "render it as transcript, csv or jsonl instead."
        )
    return message.time


def render_telegram(messages: Sequence[Message]) -> str:
    """A Telegram Desktop single-chat JSON export."""
    people = {name: index for index, name in enumerate(_speakers(messages), start=1)}
    records: list[dict[str, Any]] = []
    for number, message in enumerate(messages, start=1):
        time = need_time(message, "Telegram")
        record: dict[str, Any] = {"id": number, "date": time.replace(tzinfo=None).isoformat()}
        if message.speaker is None:
            record.update(type="service", action="", text=message.text)
        else:
            record.update(
                type="message",
                **{"from": message.speaker, "from_id": f"user{people[message.speaker]}"},
                text=message.text,
                text_entities=[{"type": "plain", "text": message.text}],
            )
            if message.kind == "media":
                record["media_type"] = "photo"
            if message.edited:
                record["edited"] = record["date"]
        records.append(record)
    chat = {"name": messages[0].conversation if messages else "", "type": "personal_chat"}
    return json.dumps({**chat, "id": 1, "messages": records}, ensure_ascii=False, indent=1)


def _speakers(messages: Sequence[Message]) -> list[str]:
    return list(dict.fromkeys(m.speaker for m in messages if m.speaker is not None))


def _mojibake(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


def render_messenger(messages: Sequence[Message]) -> str:
    """A Messenger ``message_1.json``: newest first, text in Meta's mis-encoded form."""
    records = []
    for message in messages:
        time = need_time(message, "Messenger")
        if message.speaker is None:
            raise InvalidSetting(
                f"message {message.id} is a system line, which a Messenger export cannot "
                "hold; render it as jsonl or csv instead."
            )
        aware = time if time.tzinfo is not None else time.replace(tzinfo=UTC)
        record: dict[str, Any] = {
            "sender_name": _mojibake(message.speaker),
            "timestamp_ms": round(aware.timestamp() * 1000),
        }
        if message.kind == "deleted":
            record["is_unsent"] = True
        elif message.kind == "media":
            record["photos"] = [{"uri": "photos/1.jpg"}]
        if message.text:
            record["content"] = _mojibake(message.text)
        records.append(record)
    participants = [{"name": _mojibake(name)} for name in _speakers(messages)]
    document = {"participants": participants, "messages": records[::-1]}
    return json.dumps(document, indent=2)


def render_signal(messages: Sequence[Message]) -> str:
    """A Signal text export: ``[YYYY-MM-DD, HH:MM] Name: text``."""
    lines = []
    for message in messages:
        time = need_time(message, "Signal")
        stamp = f"[{time:%Y-%m-%d}, {time:%H:%M}]"
        who = f"{message.speaker}: " if message.speaker is not None else ""
        lines.append(f"{stamp} {who}{message.text}")
    return "\n".join(lines) + "\n" if lines else ""


def render_transcript(messages: Sequence[Message]) -> str:
    """A plain transcript: ``[time] Name: text``, notes as ``# text``."""
    lines = []
    for message in messages:
        stamp = f"[{message.time:%Y-%m-%d %H:%M:%S}] " if message.time is not None else ""
        if message.speaker is None:
            lines.append(f"{stamp}# {message.text}")
        else:
            lines.append(f"{stamp}{message.speaker}: {message.text}")
    return "\n".join(lines) + "\n" if lines else ""
