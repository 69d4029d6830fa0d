"""Acknowledgements are withdrawal only after an emotional turn; pings after one's own message
are protest (rules and ensemble)."""

from __future__ import annotations

import pytest

from holdspace.coding import get_coder
from holdspace.coding.rules import RuleCoder
from holdspace.model import Message

RULES = RuleCoder()
LOGISTICS = "the plumber comes at 8 tomorrow"
FEELING = "I feel so alone in this lately"
ACKS = ["k", "ok", "okay", "got it", "yep", "sure", "cool", "👍", "sounds good", "on it"]


def _labels(text: str, previous: str | None = None, *, after_own: bool = False) -> set[str]:
    scores, _ = RULES.code_text(text, previous=previous, after_own=after_own)
    return {code for code, score in scores.items() if score >= RULES.threshold}


def _chat(*turns: tuple[str, str]) -> list[Message]:
    return [Message(f"m{n}", "c", who, None, text) for n, (who, text) in enumerate(turns)]


@pytest.mark.parametrize("ack", ACKS)
def test_an_acknowledgement_of_logistics_is_neutral(ack: str) -> None:
    assert "withdrawal" not in _labels(ack, LOGISTICS)
    assert "withdrawal" not in _labels(ack)


@pytest.mark.parametrize("ack", ACKS)
def test_an_acknowledgement_of_a_feeling_is_withdrawal(ack: str) -> None:
    assert "withdrawal" in _labels(ack, FEELING)


@pytest.mark.parametrize("text", ["just landed", "leaving now"])
def test_status_updates_are_not_withdrawal_after_logistics(text: str) -> None:
    assert _labels(text, LOGISTICS) == set()


@pytest.mark.parametrize("text", ["fine.", "whatever", "I don't want to talk about it"])
def test_shutdowns_keep_their_own_rules(text: str) -> None:
    assert "withdrawal" in _labels(text, LOGISTICS)


@pytest.mark.parametrize(
    "text",
    [
        "are you there",
        "you there?",
        "hello??",
        "anything?",
        "just say something",
        "I need you to actually respond",
        "it's like talking to a wall",
        "this is the third time this week",
        "I can see you're online",
        "do I even matter to you?",
        "I've been trying to reach you all day",
    ],
)
def test_pursuit_pings_are_protest(text: str) -> None:
    assert _labels(text) == {"protest"}


@pytest.mark.parametrize(
    "text",
    [
        "are you there yet?",
        "are you there now?",
        "anything from the store?",
        "this is the third time this week the train was late",
        "say something nice at the toast",
    ],
)
def test_neutral_questions_are_not_protest(text: str) -> None:
    assert "protest" not in _labels(text)


@pytest.mark.parametrize("text", ["?", "??", "hello", "hey?"])
def test_a_bare_ping_is_protest_only_after_ones_own_message(text: str) -> None:
    assert _labels(text, after_own=True) == {"protest"}
    assert "protest" not in _labels(text)


def test_the_partners_name_alone_after_ones_own_message_is_protest() -> None:
    coded = RULES.explain(
        _chat(("Jordan", "hi"), ("Maya", "did you book it?"), ("Maya", "Jordan??"))
    )
    assert coded[2].labels == ("protest",)
    assert coded[2].evidence["protest"].span == "Jordan??"
    assert coded[2].evidence["protest"].rule == "protest.name_ping"


def test_the_partners_name_as_a_reply_is_not_protest() -> None:
    coded = RULES.code(_chat(("Jordan", "who's there?"), ("Maya", "Jordan")))
    assert coded[1].labels == ()


def test_the_ensemble_leaves_an_acknowledgement_of_logistics_neutral() -> None:
    coded = get_coder("ensemble").code(
        _chat(("Jordan", "train gets in at 6:40"), ("Maya", "k"), ("Maya", "👍"))
    )
    assert "withdrawal" not in coded[1].labels
    assert "withdrawal" not in coded[2].labels


def test_the_ensemble_codes_an_acknowledgement_of_a_feeling_as_withdrawal() -> None:
    coded = get_coder("ensemble").code(
        _chat(("Maya", "I feel like you don't care about us anymore"), ("Jordan", "ok"))
    )
    assert "withdrawal" in coded[1].labels


def test_the_ensemble_keeps_a_ping_after_ones_own_message() -> None:
    coded = get_coder("ensemble").code(
        _chat(("Jordan", "hi"), ("Maya", "can we talk tonight?"), ("Maya", "?"))
    )
    assert "protest" in coded[2].labels
    assert coded[2].evidence["protest"] == "?"
