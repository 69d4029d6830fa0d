"""How each partner answered the other's bids: one case per classification rule."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from holdspace.measure import measure
from holdspace.model import CodedMessage

Chat = Callable[..., list[CodedMessage]]

LONG = "that sounds really hard, tell me more about it"


@pytest.mark.parametrize(
    ("answer", "minutes", "expected"),
    [
        pytest.param((LONG, ["validation"]), 5, "toward", id="validation-is-toward"),
        pytest.param(("sure, I can do that at six tonight", []), 5, "toward", id="engaged-reply"),
        pytest.param(("ok", []), 5, "away", id="minimal-reply-is-away"),
        pytest.param(("I don't want to talk about it", ["withdrawal"]), 5, "away", id="withdrawal"),
        pytest.param(("you're overreacting again", ["dismissal"]), 5, "against", id="dismissal"),
        pytest.param(
            ("just take a day off", ["problem_solving"]), 5, "problem_solving", id="advice"
        ),
        pytest.param((LONG, ["validation"]), 13 * 60, "away", id="reply-after-window-is-away"),
        pytest.param(
            ("I hear you, just take a day off", ["validation", "problem_solving"]),
            5,
            "toward",
            id="advice-with-validation-is-toward",
        ),
    ],
)
def test_answer_classes(
    chat: Chat, answer: tuple[str, list[str]], minutes: float, expected: str
) -> None:
    text, labels = answer
    coded = chat(
        [
            ("Sam", 0, "I felt so alone at the party", ["feeling"]),
            ("Alex", minutes, text, labels),
        ]
    )
    bids = measure(coded).to_json()["bids"]
    assert bids["Alex"]["n"] == 1
    assert bids["Alex"][expected] == 1.0
    assert bids["Sam"]["n"] == 0
    assert bids["Sam"]["toward"] is None


def test_unanswered_bid_counts_as_away_and_in_timing(chat: Chat) -> None:
    coded = chat(
        [
            ("Sam", 0, "can we talk tonight?", ["bid"]),
            ("Sam", 1, "hello", []),
            ("Alex", 30 * 60, "groceries done", []),
        ]
    )
    metrics = measure(coded).to_json()
    assert metrics["bids"]["Alex"]["reasons"]["unanswered"] == 1
    assert metrics["timing"]["partners"]["Sam"]["unanswered_bids"] == 1


def test_rates_carry_wilson_intervals(chat: Chat) -> None:
    rows = []
    for i in range(10):
        rows.append(("Sam", i * 600.0, "I miss you", ["bid"]))
        rows.append(
            ("Alex", i * 600.0 + 5, LONG if i < 8 else "ok", ["affection"] if i < 8 else [])
        )
    bids = measure(chat(rows)).to_json()["bids"]["Alex"]
    assert (bids["n"], bids["toward"], bids["away"]) == (10, 0.8, 0.2)
    assert bids["intervals"]["toward"] == (0.4902, 0.9433)
