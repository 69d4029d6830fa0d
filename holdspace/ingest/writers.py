"""Writing messages back out in export formats: for round-trip tests and simulated chats.

Each writer renders what its format can carry; a message it cannot render (a WhatsApp line
without a time, say) raises :class:`InvalidSetting` naming the message and a format that can.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Final, TextIO

from holdspace.errors import InputError, InvalidSetting
from holdspace.ingest.whatsapp_phrases import load_phrases
from holdspace.ingest.writers_more import (
    need_time,
    render_messenger,
    render_signal,
    render_telegram,
    render_transcript,
)
from holdspace.model import Conversation, Message

__all__ = ["WRITERS", "render", "write_export", "write_jsonl"]


def write_jsonl(messages: Iterable[Message], stream: TextIO) -> int:
    """Write the interchange format, one message a line; returns how many were written."""
    count = 0
    for message in messages:
        stream.write(json.dumps(message.to_json(), ensure_ascii=False))
        stream.write("\n")
        count += 1
    return count


def _render_jsonl(messages: Sequence[Message]) -> str:
    buffer = io.StringIO()
    write_jsonl(messages, buffer)
    return buffer.getvalue()


def _wa_date(time: datetime, order: str, year_digits: int) -> str:
    year = f"{time.year:04d}" if year_digits == 4 else f"{time.year % 100:02d}"
    if order == "mdy":
        return f"{time.month}/{time.day}/{year}"
    if order == "ymd":
        return f"{year}-{time.month:02d}-{time.day:02d}"
    return f"{time.day:02d}/{time.month:02d}/{year}"


def _wa_clock(time: datetime, clock: str, *, seconds: bool) -> str:
    tail = f":{time.second:02d}" if seconds else ""
    if clock == "12h":
        hour = time.hour % 12 or 12
        return f"{hour}:{time.minute:02d}{tail}\u202f{'PM' if time.hour >= 12 else 'AM'}"
    return f"{time.hour:02d}:{time.minute:02d}{tail}"


def _wa_body(message: Message, *, ios: bool) -> str:
    english = load_phrases().english
    if message.kind == "deleted":
        body = ("\u200e" if ios else "") + english["deleted"]
    elif message.kind == "media":
        if message.text:
            body = f"{'<attached: 00000001-PHOTO.jpg>' if ios else 'IMG-0001.jpg (file attached)'}"
            body += "\n" + message.text
        else:
            body = "\u200eimage omitted" if ios else english["media"]
    else:
        body = message.text
    if message.edited:
        body += " " + english["edited"]
    return body


def render_whatsapp(
    messages: Sequence[Message],
    *,
    ios: bool = False,
    clock: str = "24h",
    date_order: str = "dmy",
    year_digits: int = 4,
) -> str:
    """A WhatsApp export of ``messages`` in the Android (default) or iOS layout."""
    lines = []
    for message in messages:
        time = need_time(message, "WhatsApp")
        stamp = f"{_wa_date(time, date_order, year_digits)}, {_wa_clock(time, clock, seconds=ios)}"
        if message.kind == "system" or message.speaker is None:
            if ios:
                lines.append(f"[{stamp}] {message.conversation or 'Chat'}: \u200e{message.text}")
            else:
                lines.append(f"{stamp} - {message.text}")
            continue
        body = _wa_body(message, ios=ios)
        if ios:
            lines.append(f"[{stamp}] {message.speaker}: {body}")
        else:
            lines.append(f"{stamp} - {message.speaker}: {body}")
    return "\n".join(lines) + "\n" if lines else ""


def _render_csv(messages: Sequence[Message]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "conversation", "speaker", "time", "text", "kind"])
    for m in messages:
        time = m.time.isoformat() if m.time is not None else ""
        writer.writerow([m.id, m.conversation, m.speaker or "", time, m.text, m.kind])
    return buffer.getvalue()


WRITERS: Final[dict[str, Callable[[Sequence[Message]], str]]] = {
    "jsonl": _render_jsonl,
    "whatsapp": render_whatsapp,
    "whatsapp-android": render_whatsapp,
    "whatsapp-android-12h": lambda ms: render_whatsapp(ms, clock="12h", date_order="mdy"),
    "whatsapp-ios": lambda ms: render_whatsapp(ms, ios=True),
    "whatsapp-ios-12h": lambda ms: render_whatsapp(
        ms, ios=True, clock="12h", date_order="mdy", year_digits=2
    ),
    "csv": _render_csv,
    "telegram": render_telegram,
    "messenger": render_messenger,
    "signal": render_signal,
    "transcript": render_transcript,
}


def render(messages: Iterable[Message], format: str) -> str:
    """The text of an export in ``format`` (one of :data:`WRITERS`) holding ``messages``."""
    writer = WRITERS.get(format)
    if writer is None:
        raise InvalidSetting(
            f"cannot write format {format!r}; choose one of: {', '.join(sorted(WRITERS))}."
        )
    return writer(list(messages))


def write_export(conversation: Conversation, path: str | Path, *, format: str) -> Path:
    """Write ``conversation`` to ``path`` as an export in ``format``; returns the path."""
    target = Path(path)
    text = render(conversation.messages, format)
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError(
            f"{target}: cannot write there ({error.strerror}); "
            "choose a file in a folder that exists and that you can write to."
        ) from error
    return target
