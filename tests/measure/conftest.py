"""Helpers for the measure tests: tiny coded conversations written by hand."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest

from holdspace.model import CodedMessage, Message

START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)

Row = tuple[str, float | None, str, Sequence[str]]


def build_chat(rows: Sequence[Row], *, kind: str = "text") -> list[CodedMessage]:
    """``(speaker, minutes after START or None, text, labels)`` rows as coded messages m1, m2 ..."""
    coded = []
    for number, (speaker, minutes, text, labels) in enumerate(rows, start=1):
        time = None if minutes is None else START + timedelta(minutes=minutes)
        message = Message(
            id=f"m{number}",
            conversation="c1",
            speaker=speaker,
            time=time,
            text=text,
            kind=kind,  # type: ignore[arg-type]
        )
        coded.append(
            CodedMessage(
                message=message, labels=tuple(labels), scores={}, evidence={}, coder="hand"
            )
        )
    return coded


@pytest.fixture(name="chat")
def chat_fixture() -> object:
    """:func:`build_chat`, for tests that write conversations by hand."""
    return build_chat
