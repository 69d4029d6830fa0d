"""Exact scores at every band boundary and cut-off, every reverse-keyed item, every error text."""

from __future__ import annotations

from typing import Any

import pytest

from holdspace.assess import load_instrument, score
from holdspace.errors import InvalidAnswers


def spread(total: int, n: int, top: int, low: int = 0) -> list[int]:
    """``n`` answers between ``low`` and ``top`` that add up to ``total``."""
    answers = [low] * n
    left = total - low * n
    for i in range(n):
        step = min(top - low, left)
        answers[i] += step
        left -= step
    assert left == 0
    return answers


BANDS = [
    ("phq9", 9, 3, 0, 4, "minimal"),
    ("phq9", 9, 3, 5, 9, "mild"),
    ("phq9", 9, 3, 10, 14, "moderate"),
    ("phq9", 9, 3, 15, 19, "moderately severe"),
    ("phq9", 9, 3, 20, 27, "severe"),
    ("gad7", 7, 3, 0, 4, "minimal"),
    ("gad7", 7, 3, 5, 9, "mild"),
    ("gad7", 7, 3, 10, 14, "moderate"),
    ("gad7", 7, 3, 15, 21, "severe"),
]


@pytest.mark.parametrize(
    ("instrument", "n", "top", "low", "high", "band"),
    BANDS,
    ids=[f"{b[0]}-{b[5]}" for b in BANDS],
)
def test_mood_band_edges(instrument: str, n: int, top: int, low: int, high: int, band: str) -> None:
    for total in (low, high):
        result = score(instrument, spread(total, n, top))
        assert (result.total, result.band) == (total, band)


@pytest.mark.parametrize(
    ("instrument", "total", "met"),
    [("phq9", 9, False), ("phq9", 10, True), ("gad7", 9, False), ("gad7", 10, True)],
    ids=["phq9-9", "phq9-10", "gad7-9", "gad7-10"],
)
def test_mood_cutoff_at_ten(instrument: str, total: int, met: bool) -> None:
    n = 9 if instrument == "phq9" else 7
    assert bool(score(instrument, spread(total, n, 3)).cutoffs_met) is met


def csi_answers(instrument: str, total: int) -> list[int]:
    n = 4 if instrument == "csi4" else 16
    first = min(6, total)
    return [first, *spread(total - first, n - 1, 5)]


@pytest.mark.parametrize(
    ("instrument", "total", "band", "below_cutoff"),
    [
        ("csi4", 0, "notable dissatisfaction", True),
        ("csi4", 13, "notable dissatisfaction", True),
        ("csi4", 14, "above the distress line (satisfied range)", False),
        ("csi4", 21, "above the distress line (satisfied range)", False),
        ("csi16", 0, "notable dissatisfaction", True),
        ("csi16", 51, "notable dissatisfaction", True),
        ("csi16", 52, "above the distress line (satisfied range)", False),
        ("csi16", 81, "above the distress line (satisfied range)", False),
    ],
    ids=["csi4-0", "csi4-13", "csi4-14", "csi4-21", "csi16-0", "csi16-51", "csi16-52", "csi16-81"],
)
def test_csi_cutoffs(instrument: str, total: int, band: str, below_cutoff: bool) -> None:
    result = score(instrument, csi_answers(instrument, total))
    assert (result.total, result.band, bool(result.cutoffs_met)) == (total, band, below_cutoff)


ECR_REVERSED = ["ecrs_01", "ecrs_05", "ecrs_08", "ecrs_09"]
ECR_FORWARD = [
    "ecrs_02",
    "ecrs_03",
    "ecrs_04",
    "ecrs_06",
    "ecrs_07",
    "ecrs_10",
    "ecrs_11",
    "ecrs_12",
]


@pytest.mark.parametrize("item_id", ECR_REVERSED + ECR_FORWARD)
def test_ecr_s_keying(item_id: str) -> None:
    answers = {f"ecrs_{i:02d}": 4 for i in range(1, 13)}
    answers[item_id] = 7
    result = score("ecr-s", answers)
    part = "anxiety" if item_id in load_instrument("ecr-s").subscales["anxiety"] else "avoidance"
    other = "avoidance" if part == "anxiety" else "anxiety"
    expected = (4 * 5 + (1 if item_id in ECR_REVERSED else 7)) / 6
    assert result.subscales[part] == pytest.approx(expected)
    assert result.subscales[other] == 4


def test_ecr_s_json_rounds_means() -> None:
    # anxiety: 2, 4, 6, 8-1, 3, 6 -> 28 / 6; avoidance: 8-1, 3, 8-5, 7, 8-2, 4 -> 30 / 6
    answers = [1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4, 6]
    assert score("ecr-s", answers).to_json() == {
        "instrument": "ecr-s",
        "version": 1,
        "total": None,
        "subscales": {"anxiety": 4.667, "avoidance": 5},
        "band": None,
    }


def test_ders16_subscales_and_total() -> None:
    answers = list(range(1, 6)) * 3 + [5]
    result = score("ders16", answers)
    assert result.total == 50
    assert dict(result.subscales) == {
        "clarity": 3,
        "goals": 3 + 2 + 5,
        "impulse": 4 + 3 + 1,
        "strategies": 5 + 1 + 2 + 4 + 5,
        "nonacceptance": 4 + 5 + 3,
    }


def test_cpq_demand_withdraw_subscales() -> None:
    result = score("cpq", [9, 8, 7, 1, 2, 3])
    assert dict(result.subscales) == {
        "self_demand_partner_withdraw": 24,
        "partner_demand_self_withdraw": 6,
    }
    assert result.total == 30


@pytest.mark.parametrize(
    ("answers", "positive", "total", "band"),
    [
        ([0, 0, 0, 0, 0], False, 0, "negative"),
        ([1, 0, 0, 0, 0], True, 1, "positive"),
        ([0, 0, 0, 1, 0], True, 1, "positive"),
        ([1, 1, 1, 1, 1], True, 4, "positive"),
        ([0, 0, 0, 0, 1], True, 0, "positive"),
        ([0, 0, 0, 0], False, 0, "negative"),
        ([0, None, 0, 0, 0], None, None, "incomplete"),
        ([1, None, 0, 0, 0], True, None, "positive"),
    ],
    ids=[
        "all-no",
        "h-yes",
        "k-yes",
        "all-yes",
        "afraid-now-only",
        "four-items",
        "skip-undecided",
        "skip-but-yes",
    ],
)
def test_hark(answers: list[Any], positive: bool | None, total: int | None, band: str) -> None:
    result = score("hark", answers)
    assert (result.positive, result.total, result.band) == (positive, total, band)
    assert result.to_json()["positive"] is positive
    assert ("violence" in result.flags) is bool(positive)


@pytest.mark.parametrize(
    ("answers", "positive", "acuity"),
    [
        ([0, 0, 0, 0], False, None),
        ([0, 0, 0, 0, None], False, None),
        ([1, 0, 0, 0, 0], True, "non-acute"),
        ([0, 0, 0, 1, 0], True, "non-acute"),
        ([0, 1, 0, 0, 1], True, "acute"),
        ([0, 0, None, 0], True, None),
        ([0, 0, None, 0, 0], True, "non-acute"),
    ],
    ids=[
        "no",
        "no-acuity-blank",
        "q1-yes",
        "q4-yes",
        "acute",
        "skipped-counts-positive",
        "skipped-non-acute",
    ],
)
def test_asq(answers: list[Any], positive: bool, acuity: str | None) -> None:
    result = score("asq", answers)
    assert (result.positive, result.acuity) == (positive, acuity)
    assert result.to_json()["acuity"] == acuity
    assert ("self-harm" in result.flags) is positive


@pytest.mark.parametrize(
    ("item9", "flags"), [(0, ()), (1, ("self-harm",)), (3, ("self-harm",))], ids=["0", "1", "3"]
)
def test_phq9_item9_raises_self_harm_flag(item9: int, flags: tuple[str, ...]) -> None:
    assert score("phq9", [0] * 8 + [item9]).flags == flags


def test_phq9_prorates_one_missing_item_half_up() -> None:
    # 8 answered items summing to 13 -> 13 * 9 / 8 = 14.625 -> 15
    answers: list[Any] = [3, 3, 3, 2, 1, 1, 0, 0, None]
    result = score("phq9", answers)
    assert (result.total, result.band, result.missing) == (15, "moderately severe", ("phq9_9",))


def test_phq9_with_two_missing_items_is_an_error() -> None:
    with pytest.raises(InvalidAnswers) as error:
        score("phq9", [1, None, 1, 1, 1, 1, 1, None, 1])
    assert str(error.value) == (
        "phq9: no answer for phq9_2, phq9_8; at most 1 may be left out "
        "(a whole number from 0 to 3)."
    )


def test_max_missing_can_be_tightened() -> None:
    with pytest.raises(InvalidAnswers, match="at most 0 may be left out"):
        score("phq9", [1, None, 1, 1, 1, 1, 1, 1, 1], max_missing=0)


@pytest.mark.parametrize(
    ("instrument", "answers", "message"),
    [
        (
            "phq9",
            [0, 0, 4, 0, 0, 0, 0, 0, 0],
            "phq9 item phq9_3: 4 is not an allowed answer; use a whole number from 0 to 3.",
        ),
        (
            "hark",
            {"hark_h": 2},
            "hark item hark_h: 2 is not an allowed answer; use 0 or 1 (no or yes).",
        ),
        (
            "gad7",
            [0, 0, 0, 0, 0, 0, "often"],
            "gad7 item gad7_7: 'often' is not an allowed answer; use a whole number from 0 to 3.",
        ),
        (
            "gad7",
            [0, 0, 0, 0, 0, 0, 1.5],
            "gad7 item gad7_7: 1.5 is not an allowed answer; use a whole number from 0 to 3.",
        ),
        (
            "ecr-s",
            [4] * 11 + [None],
            "ecr-s: no answer for ecrs_12; answer every item (a whole number from 1 to 7).",
        ),
        (
            "csi4",
            {"csi4_1": 3, "csi4_2": 2, "csi4_3": 2},
            "csi4: no answer for csi4_4; answer every item (a whole number from 0 to 5).",
        ),
        (
            "csi4",
            {"csi4_9": 1},
            "csi4: no item 'csi4_9'; its items are: csi4_1, csi4_2, csi4_3, csi4_4.",
        ),
        (
            "csi4",
            [1, 2],
            "csi4: got 2 answers in a list; give 4 in item order "
            "(csi4_1, csi4_2, csi4_3, csi4_4), or an object keyed by item id.",
        ),
        (
            "gad7",
            "0000000",
            "gad7: answers must be an object keyed by item id or a list in item order, not str.",
        ),
    ],
    ids=[
        "out-of-range",
        "yes-no-range",
        "text",
        "fraction",
        "missing-ecr",
        "missing-csi",
        "unknown-item",
        "short-list",
        "not-a-list",
    ],
)
def test_invalid_answers_say_which_item_and_what_is_allowed(
    instrument: str, answers: Any, message: str
) -> None:
    with pytest.raises(InvalidAnswers) as error:
        score(instrument, answers)
    assert str(error.value) == message


def test_yes_no_accepts_json_booleans() -> None:
    assert score("hark", [False, True, False, False]).positive is True


def test_checkin_parts_are_means_of_answered_items() -> None:
    answers = {"sign_brushed_aside": 4, "sign_shut_down": 1, "cap_regulation": 3, "hist_numbing": 1}
    result = score("hs-checkin", answers)
    assert result.total is None and result.band is None
    assert result.subscales["signs"] == 2.5
    assert result.subscales["regulation"] == 3
    assert result.subscales["intimacy"] is None
    assert "hist_numbing" not in str(result.to_json())
