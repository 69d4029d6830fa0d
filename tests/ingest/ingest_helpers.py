"""Small hand-built messages shared by the ingest tests."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from holdspace.model import Message, MessageKind

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def msg(
    number: int,
    speaker: str | None,
    text: str,
    *,
    time: datetime | None = None,
    kind: MessageKind = "text",
    edited: bool = False,
    conversation: str = "c1",
) -> Message:
    """A message with id ``m<number>``."""
    return Message(f"m{number}", conversation, speaker, time, text, kind, edited)
