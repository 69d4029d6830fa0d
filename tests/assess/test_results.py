"""One partner's own results: latest scores and reliable change since the previous time."""

from __future__ import annotations

from holdspace.assess.results import summarise


def administration(instrument: str, answers: object, when: str) -> dict[str, object]:
    return {"instrument": instrument, "version": 1, "answers": answers, "completed": when}


def test_latest_result_and_reliable_change() -> None:
    summary = summarise(
        [
            administration("phq9", [3, 3, 3, 3, 2, 2, 1, 1, 0], "2025-01-01T10:00:00+00:00"),
            administration("hark", [0, 0, 0, 0, 0], "2025-01-01T10:05:00+00:00"),
            administration("phq9", [2, 2, 2, 1, 1, 1, 1, 2, 0], "2025-02-01T10:00:00+00:00"),
        ]
    )
    assert [entry["instrument"] for entry in summary] == ["phq9", "hark"]
    phq9 = summary[0]
    assert phq9["times_taken"] == 2 and phq9["completed"] == "2025-02-01T10:00:00+00:00"
    assert phq9["latest"]["total"] == 12 and phq9["latest"]["band"] == "moderate"
    assert phq9["changes"] == [
        {"score": "total", "before": 18, "after": 12, "rci": -1.96, "verdict": "reliably lower"}
    ]
    assert summary[1]["changes"] == []


def test_parts_without_constants_say_so() -> None:
    summary = summarise(
        [
            administration("hs-checkin", {"sign_facts": 4}, "2025-01-01T10:00:00+00:00"),
            administration("hs-checkin", {"sign_facts": 1}, "2025-02-01T10:00:00+00:00"),
        ]
    )
    assert summary[0]["changes"] == [
        {
            "score": "signs",
            "before": 4,
            "after": 1,
            "rci": None,
            "verdict": "no published reliability",
        }
    ]


def test_unscorable_administration_is_reported_not_dropped() -> None:
    summary = summarise([administration("gad7", [0, None, None, 0, 0, 0, 0], "2025-01-01")])
    assert summary[0]["latest"] is None
    assert summary[0]["not_scored"] == (
        "gad7: no answer for gad7_2, gad7_3; at most 1 may be left out (a whole number from 0 to 3)."
    )
