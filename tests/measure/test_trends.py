"""Trend periods on hand-built exchanges: per-partner reply times, who opened exchanges, and
roles per period."""

from __future__ import annotations

from collections.abc import Callable

from holdspace.measure import measure
from holdspace.model import CodedMessage

Chat = Callable[..., list[CodedMessage]]

DAY = 1440.0
WEEK = 7 * DAY

# Week of 3 March: Sam replies after 4 and 2 minutes, Jo after 10 and 20; each opens one of the
# two exchanges. Week of 10 March: Sam opens all three, replies once (5 min), Jo after 60 and
# 30; one of Sam's messages goes unanswered. Week of 17 March: Sam writes alone.
TIMED: list[tuple[str, float, str, list[str]]] = [
    ("Sam", 0, "morning", []),
    ("Jo", 10, "hey", []),
    ("Sam", 14, "coffee later?", []),
    ("Jo", 34, "sure", []),
    ("Jo", DAY, "train is late", []),
    ("Sam", DAY + 2, "oh no", []),
    ("Sam", WEEK, "home at six", []),
    ("Jo", WEEK + 60, "ok see you", []),
    ("Sam", WEEK + DAY, "did you call the landlord", []),
    ("Sam", WEEK + 2 * DAY, "dinner at eight?", []),
    ("Jo", WEEK + 2 * DAY + 30, "yes", []),
    ("Sam", WEEK + 2 * DAY + 35, "great", []),
    ("Sam", 2 * WEEK, "parcel came", []),
]


def test_weekly_rows_give_each_partners_median_reply_and_opening_share(chat: Chat) -> None:
    weekly = measure(chat(TIMED)).to_json()["trends"]["weekly"]
    assert [
        (
            row["period"],
            row["episodes"],
            row["median_reply_minutes_by"],
            row["initiation_share_by"],
        )
        for row in weekly
    ] == [
        ("2025-03-03", 2, {"Sam": 3.0, "Jo": 15.0}, {"Sam": 0.5, "Jo": 0.5}),
        ("2025-03-10", 3, {"Sam": 5.0, "Jo": 45.0}, {"Sam": 1.0, "Jo": 0.0}),
        ("2025-03-17", 1, {"Sam": None, "Jo": None}, {"Sam": 1.0, "Jo": 0.0}),
    ]


def test_monthly_rows_pool_the_weeks(chat: Chat) -> None:
    (march,) = measure(chat(TIMED)).to_json()["trends"]["monthly"]
    assert march["period"] == "2025-03"
    assert march["episodes"] == 6
    assert march["median_reply_minutes_by"] == {"Sam": 4.0, "Jo": 25.0}
    assert march["initiation_share_by"] == {"Sam": 5 / 6, "Jo": 1 / 6}
