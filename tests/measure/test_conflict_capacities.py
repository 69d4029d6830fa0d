"""Conflict ratio, repair uptake, capacity parts and trend rows on hand-built exchanges."""

from __future__ import annotations

from collections.abc import Callable

from holdspace.measure import measure
from holdspace.model import CodedMessage

Chat = Callable[..., list[CodedMessage]]

FIGHT = [
    ("Sam", 0, "you never listen to me", ["protest"]),
    ("Alex", 2, "that's not true, I was busy", ["defensiveness"]),
    ("Sam", 4, "can we start over? I love you", ["repair", "affection"]),
    ("Alex", 6, "yes, I'm sorry I snapped", ["accountability"]),
    ("Sam", 8, "I felt hurt earlier", ["feeling"]),
    ("Alex", 10, "that makes sense, I'd feel hurt too", ["validation"]),
]


def test_conflict_ratio_and_repair_uptake(chat: Chat) -> None:
    conflict = measure(chat(FIGHT)).to_json()["conflict"]
    assert (conflict["episodes"], conflict["positive"], conflict["negative"]) == (1, 3, 2)
    assert conflict["ratio"] == 1.5
    sam = conflict["partners"]["Sam"]
    assert (sam["repair_attempts"], sam["repairs_taken_up_by_other"]) == (1, 1)
    assert conflict["partners"]["Alex"]["ratio"] == 2.0


def test_capacity_parts_say_k_of_n(chat: Chat) -> None:
    capacities = measure(chat(FIGHT)).to_json()["capacities"]
    empathy = capacities["Alex"]["empathetic_communication"]
    assert empathy["parts"][0]["text"] == (
        "Alex answered 1 of 1 feelings with validation or curiosity"
    )
    assert empathy["score"] is None
    assert empathy["note"] == "not enough messages (2 observations, 10 needed)"


def test_weekly_rows_count_bids_and_answers(chat: Chat) -> None:
    rows = [
        ("Sam", 0, "I miss you", ["bid"]),
        ("Alex", 5, "miss you too, come home soon", ["affection"]),
        ("Sam", 8 * 1440.0, "can we talk?", ["bid"]),
        ("Alex", 8 * 1440.0 + 5, "k", []),
    ]
    weekly = measure(chat(rows)).to_json()["trends"]["weekly"]
    assert [(row["period"], row["bids"], row["toward"]) for row in weekly] == [
        ("2025-03-03", 1, 1.0),
        ("2025-03-10", 1, 0.0),
    ]
