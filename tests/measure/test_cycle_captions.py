"""The loop's example captions: who reached out, and how long until an answer or the next message."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from holdspace.measure import measure
from holdspace.model import CodedMessage

Chat = Callable[..., list[CodedMessage]]
Rows = list[tuple[str, float, str, list[str]]]


@pytest.mark.parametrize(
    ("rows", "messages", "why"),
    [
        pytest.param(
            [
                ("Sam", 0, "can we talk tonight?", ["bid"]),
                ("Sam", 1, "it matters to me", []),
                ("Sam", 40, "hello?? why do you never answer", ["protest"]),
            ],
            ["m1", "m3"],
            "Sam reached out; no answer came for 40 minutes; Sam wrote again.",
            id="no-answer",
        ),
        pytest.param(
            [
                ("Sam", 0, "can we talk tonight?", ["bid"]),
                ("Alex", 25, "busy", ["turn_away"]),
                ("Sam", 30, "you always do this", ["protest"]),
            ],
            ["m1", "m2", "m3"],
            "Sam reached out; Alex's reply came 25 minutes later and did not take it up; "
            "Sam wrote again.",
            id="reply-not-taken-up",
        ),
    ],
)
def test_cycle_example_caption(chat: Chat, rows: Rows, messages: list[str], why: str) -> None:
    metrics = measure(chat(rows), partners=("Sam", "Alex")).to_json()
    assert metrics["cycle"]["examples"] == [{"messages": messages, "why": why}]
