"""Awkward histories give sensible output and notes, never a crash."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from holdspace.errors import NotACouple
from holdspace.measure import measure
from holdspace.model import CodedMessage

Chat = Callable[..., list[CodedMessage]]


def test_one_partner_silent_needs_partners(chat: Chat) -> None:
    coded = chat([("Sam", 0, "are you there?", ["bid"]), ("Sam", 60, "hello?", ["protest"])])
    with pytest.raises(NotACouple) as caught:
        measure(coded)
    assert str(caught.value).startswith("this stage analyses a couple, but the conversation has 1")


def test_nearly_silent_partner(chat: Chat) -> None:
    rows = [("Sam", day * 1440.0, "can we talk tonight?", ["bid"]) for day in range(6)]
    rows.append(("Alex", 5 * 1440.0 + 60, "ok", []))
    metrics = measure(chat(rows)).to_json()
    alex = metrics["bids"]["Alex"]
    assert (alex["n"], alex["away"], alex["reasons"]["unanswered"]) == (6, 1.0, 5)
    assert alex["reasons"]["minimal reply"] == 1
    assert metrics["timing"]["partners"]["Sam"]["unanswered_bids"] == 5
    assert metrics["roles"]["Alex"]["role"] == "avoidant"
    assert metrics["roles"]["Alex"]["summary"] == (
        "In these conversations, Alex more often pulled back when Sam reached out "
        "(6 of 6 bids). This describes messages, not a person."
    )


def test_three_speakers_without_partners_is_not_a_couple(chat: Chat) -> None:
    coded = chat([("Sam", 0, "hi", []), ("Alex", 1, "hi", []), ("Kim", 2, "hi", [])])
    with pytest.raises(NotACouple):
        measure(coded)
    metrics = measure(coded, partners=["Sam", "Alex"]).to_json()
    assert metrics["partners"] == ["Sam", "Alex"]
    assert "left out 1 other speakers message(s)" in metrics["notes"]


def test_only_logistics(chat: Chat) -> None:
    coded = chat(
        [
            ("Sam", i * 30.0, "did you get milk", []) if i % 2 else ("Alex", i * 30.0, "yes", [])
            for i in range(10)
        ]
    )
    metrics = measure(coded).to_json()
    assert metrics["bids"]["Sam"]["n"] == 0
    assert metrics["cycle"]["strength"] == 0.0
    assert metrics["cycle"]["pursuer"] is None
    assert {metrics["roles"][name]["role"] for name in ("Sam", "Alex")} == {"neither"}
    assert metrics["capacities"]["Sam"]["empathetic_communication"]["score"] is None
    assert any(note.startswith("no bids or feelings were found") for note in metrics["notes"])
    json.dumps(metrics)


def test_single_day_notes_short_history(chat: Chat) -> None:
    coded = chat([("Sam", 0, "I miss you", ["bid"]), ("Alex", 3, "miss you too!", ["affection"])])
    metrics = measure(coded).to_json()
    assert metrics["bids"]["Alex"]["toward"] == 1.0
    assert metrics["period"]["days"] == 0.0
    assert (
        "the history covers less than a week: trends over time are not meaningful"
        in (metrics["notes"])
    )
    assert [row["period"] for row in metrics["trends"]["weekly"]] == ["2025-03-03"]


def test_transcript_without_times(chat: Chat) -> None:
    coded = chat(
        [
            ("Sam", None, "I felt invisible tonight", ["feeling"]),
            ("Alex", None, "whatever", ["withdrawal"]),
            ("Sam", None, "you always shut down", ["protest"]),
            ("Alex", None, "I don't want to talk", ["withdrawal"]),
        ]
    )
    metrics = measure(coded).to_json()
    assert metrics["period"]["timed"] is False
    assert metrics["bids"]["Alex"]["away"] == 1.0
    assert metrics["cycle"]["directions"]["Sam->Alex"]["escalated_after"] == 1
    assert metrics["timing"]["partners"]["Sam"]["median_reply_minutes"] is None
    assert metrics["trends"]["weekly"] == []
    assert any(note.startswith("the messages have no times") for note in metrics["notes"])


def test_system_and_deleted_messages_are_left_out(chat: Chat) -> None:
    coded = chat([("Sam", 0, "hi", []), ("Alex", 1, "hi", [])])
    coded += chat([("Sam", 2, "This message was deleted", [])], kind="deleted")
    metrics = measure(coded).to_json()
    assert metrics["period"]["messages"] == 2
    assert "left out 1 deleted message(s)" in metrics["notes"]


def test_evidence_holds_every_referenced_id(chat: Chat) -> None:
    coded = chat([("Sam", 0, "I miss you", ["bid"]), ("Alex", 3, "ok", [])])
    metrics = measure(coded).to_json()
    assert metrics["bids"]["Alex"]["examples"]["away"] == ["m1", "m2"]
    assert metrics["evidence"]["m2"] == {
        "speaker": "Alex",
        "time": "2025-03-03T09:03:00+00:00",
        "text": "ok",
        "labels": [],
    }
