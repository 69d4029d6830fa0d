"""Times of one conversation are all with a UTC offset or all without, never a mix."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from holdspace.ingest import read_conversation

NOTE = (
    "some messages carry a UTC offset and some do not; all times were put on the clock of the "
    "first message, so times near a time-zone change may be off by that difference."
)


def _write(tmp_path: Path, times: list[str]) -> Path:
    path = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"id": f"m{i}", "speaker": "Sam" if i % 2 else "Jo", "time": t, "text": "hi"})
        for i, t in enumerate(times, 1)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("times", "expected"),
    [
        (
            ["2022-05-09T21:00:00", "2022-05-09T22:23:53+00:00"],
            [datetime(2022, 5, 9, 21), datetime(2022, 5, 9, 22, 23, 53)],
        ),
        (
            ["2022-05-09T21:00:00+02:00", "2022-05-09T22:00:00"],
            [
                datetime(2022, 5, 9, 21, tzinfo=timezone(timedelta(hours=2))),
                datetime(2022, 5, 9, 22, tzinfo=timezone(timedelta(hours=2))),
            ],
        ),
    ],
    ids=["first-without-offset", "first-with-offset"],
)
def test_mixed_times_follow_the_first_message(
    tmp_path: Path, times: list[str], expected: list[datetime]
) -> None:
    conversation = read_conversation(_write(tmp_path, times))
    got = [m.time for m in conversation.messages]
    assert got == expected
    assert [t.utcoffset() if t else None for t in got] == [e.utcoffset() for e in expected]
    assert NOTE in conversation.notes


def test_consistent_times_get_no_note(tmp_path: Path) -> None:
    conversation = read_conversation(_write(tmp_path, ["2022-05-09T21:00:00"] * 2))
    assert NOTE not in conversation.notes
