"""Awkward histories give sensible output and notes, never a crash."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

import pytest

from holdspace.errors import NotACouple
from holdspace.measure import measure
from holdspace.model import CodedMessage, Message

Chat = Callable[..., list[CodedMessage]]


def test_one_speaker_without_partners_says_what_to_pass(chat: Chat) -> None:
    coded = chat([("Sam", 0, "are you there?", ["bid"]), ("Sam", 60, "hello?", ["protest"])])
    with pytest.raises(NotACouple) as caught:
        measure(coded)
    assert str(caught.value) == (
        "only Sam wrote in these messages, and this stage analyses a couple; to measure Sam "
        "with a partner who wrote nothing, name both: pass --partners Sam,PARTNER "
        '(partners=("Sam", "PARTNER") in Python).'
    )


def test_one_partner_silent_with_partners_given(chat: Chat) -> None:
    rows = [("Sam", day * 1440.0, "can we talk tonight?", ["bid"]) for day in range(6)]
    rows.append(("Sam", 6 * 1440.0, "I feel so alone lately", ["feeling"]))
    metrics = measure(chat(rows), partners=("Sam", "Alex")).to_json()
    assert metrics["partners"] == ["Sam", "Alex"]
    assert (
        "Alex wrote nothing in these messages (people who wrote: Sam), so every figure about "
        "how Alex answered, replied or reached out is empty or zero"
    ) in metrics["notes"]
    alex = metrics["bids"]["Alex"]
    assert (alex["n"], alex["away"], alex["reasons"]["unanswered"]) == (7, 1.0, 7)
    assert metrics["bids"]["Sam"]["n"] == 0
    timing = metrics["timing"]["partners"]
    assert (timing["Alex"]["messages"], timing["Alex"]["message_share"]) == (0, 0.0)
    assert timing["Alex"]["mean_length"] is None
    assert timing["Alex"]["median_reply_minutes"] is None
    assert timing["Alex"]["bursts_per_100_turns"] is None
    assert (timing["Sam"]["initiation_share"], timing["Sam"]["unanswered_bids"]) == (1.0, 7)
    assert metrics["timing"]["latency_log2_ratio"] is None
    assert metrics["roles"]["Alex"]["role"] == "avoidant"
    assert metrics["roles"]["Sam"]["role"] == "neither"
    assert metrics["cycle"]["directions"]["Sam->Alex"]["withdrawn_from"] == 7
    assert metrics["capacities"]["Alex"]["awareness"]["score"] is None
    json.dumps(metrics)


def test_partners_named_who_never_wrote(chat: Chat) -> None:
    coded = chat([("Sam", 0, "hi", []), ("Alex", 1, "hi", [])])
    with pytest.raises(NotACouple) as caught:
        measure(coded, partners=("Kim", "Lee"))
    assert str(caught.value) == (
        "neither Kim nor Lee wrote in these messages; the people who wrote are: Sam, Alex. "
        "Pass --partners with their names."
    )


def test_partners_must_be_two_different_people(chat: Chat) -> None:
    coded = chat([("Sam", 0, "hi", []), ("Alex", 1, "hi", [])])
    with pytest.raises(NotACouple) as caught:
        measure(coded, partners=("Sam", "Sam"))
    assert str(caught.value) == (
        "choose exactly two different people (got Sam, Sam): pass --partners NAME1,NAME2."
    )


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
    for name, other in (("Sam", "Alex"), ("Alex", "Sam")):
        bids = metrics["bids"][name]
        assert (bids["n"], bids["toward"], bids["away"], bids["against"]) == (0, None, None, None)
        assert bids["intervals"]["toward"] is None
        assert bids["summary"] == (
            f"{other} made no bids or shared no feelings, so there is nothing to answer."
        )
    assert (metrics["cycle"]["strength"], metrics["cycle"]["present"]) == (0.0, False)
    assert metrics["cycle"]["pursuer"] is None
    assert {metrics["roles"][name]["role"] for name in ("Sam", "Alex")} == {"neither"}
    assert metrics["capacities"]["Sam"]["empathetic_communication"]["score"] is None
    assert (
        "no bids or feelings were found (only logistics or small talk), so bid, cycle and "
        "role figures have nothing to count"
    ) in metrics["notes"]
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
            ("Sam", None, "talk to me", ["protest"]),
            ("Sam", None, "please", ["protest"]),
            ("Alex", None, "I don't want to talk", ["withdrawal"]),
        ]
    )
    metrics = measure(coded).to_json()
    assert (metrics["period"]["timed"], metrics["period"]["days"]) == (False, None)
    assert metrics["bids"]["Alex"]["away"] == 1.0
    assert metrics["cycle"]["directions"]["Sam->Alex"]["escalated_after"] == 1
    timing = metrics["timing"]
    sam = timing["partners"]["Sam"]
    assert (sam["median_reply_minutes"], sam["median_reply_interval"]) == (None, None)
    assert timing["latency_log2_ratio"] is None
    assert (sam["messages"], sam["initiation_share"], sam["bursts"]) == (4, 1.0, 1)
    assert timing["note"] == (
        "the messages have no times, so reply times and their asymmetry are null; shares, "
        "lengths and bids are counted from the order of the messages, unanswered bids are "
        "those no reply followed, and bursts are turns of 3 or more messages in a row"
    )
    assert metrics["episodes"]["split_by"] == "blocks of messages (no times)"
    assert metrics["trends"]["weekly"] == []
    assert any(note.startswith("the messages have no times") for note in metrics["notes"])


def test_media_system_and_deleted_messages(chat: Chat) -> None:
    coded = chat([("Sam", 0, "I miss you", ["bid"])])
    coded += chat([("Alex", 2, "<Media omitted>", [])], kind="media")
    coded += chat([("Alex", 3, "miss you too, always", ["affection"])])
    coded += chat([("Sam", 4, "This message was deleted", [])], kind="deleted")
    coded += chat([(None, 5, "Messages are end-to-end encrypted", [])], kind="system")
    metrics = measure(coded).to_json()
    assert metrics["partners"] == ["Sam", "Alex"]
    assert metrics["period"]["messages"] == 3
    assert metrics["timing"]["partners"]["Alex"]["messages"] == 2
    # the photo and the words after it are one turn: together they answer the bid warmly
    assert (metrics["bids"]["Alex"]["n"], metrics["bids"]["Alex"]["toward"]) == (1, 1.0)
    assert "left out 1 deleted message(s)" in metrics["notes"]
    assert "left out 1 system message(s)" in metrics["notes"]


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


def _at(number: int, moment: str, speaker: str) -> CodedMessage:
    message = Message(
        id=f"m{number}",
        conversation="c1",
        speaker=speaker,
        time=datetime.fromisoformat(moment),
        text="see you soon",
    )
    return CodedMessage(message=message, labels=(), scores={}, evidence={}, coder="hand")


def test_weeks_and_months_follow_the_local_clock() -> None:
    coded = [
        # Sunday 23:30 in New York is Monday 04:30 in UTC: it belongs to Sunday's week
        _at(1, "2025-03-09T23:30:00-04:00", "Sam"),
        _at(2, "2025-03-09T23:35:00-04:00", "Alex"),
        _at(3, "2025-03-31T23:30:00-04:00", "Sam"),
        _at(4, "2025-04-01T09:00:00-04:00", "Alex"),
    ]
    trends = measure(coded).to_json()["trends"]
    assert [(row["period"], row["messages"]) for row in trends["weekly"]] == [
        ("2025-03-03", 2),
        ("2025-03-31", 2),
    ]
    assert [(row["period"], row["messages"]) for row in trends["monthly"]] == [
        ("2025-03", 3),
        ("2025-04", 1),
    ]


def test_times_without_offset_are_read_as_written() -> None:
    coded = [_at(1, "2025-03-09T23:30:00", "Sam"), _at(2, "2025-03-10T00:10:00", "Alex")]
    metrics = measure(coded).to_json()
    assert [row["period"] for row in metrics["trends"]["weekly"]] == ["2025-03-03", "2025-03-10"]
    assert metrics["period"]["start"] == "2025-03-09T23:30:00+00:00"
    assert metrics["timing"]["partners"]["Alex"]["median_reply_minutes"] == 40.0
