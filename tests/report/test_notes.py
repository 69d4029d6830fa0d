"""What the report says when the coded signal is thin or a per-period figure is missing."""

from __future__ import annotations

from typing import Any

import pytest
from report_analyses import make_analysis

from holdspace.report import render_html
from holdspace.report.notes import thin_signal


def _thin(labels: dict[str, int], answered: int) -> dict[str, Any]:
    return {
        "coding": {"coder": "holdspace.coder.model.v1", "messages": 1731, "labels": labels},
        "metrics": {"bids": {"Maya": {"n": answered}, "Jordan": {"n": 0}}},
    }


def test_thin_signal_names_each_count() -> None:
    note = thin_signal(_thin({"bid": 30, "protest": 1}, 30))
    assert note is not None
    assert note["lead"] == (
        "The automatic labels found little of what the loop is made of. Out of 1,731 messages, "
        "30 were marked as reaching out (a bid), none were marked as naming a feeling and 1 was "
        "marked as pressing after a bid went unanswered. With so few, the loop, the bid figures "
        "and some capacity scores below rest on thin evidence."
    )
    assert "the coder (holdspace.coder.model.v1) did not recognise the words" in note["why"]


@pytest.mark.parametrize(
    ("labels", "answered", "thin"),
    [
        pytest.param({"bid": 140, "feeling": 200, "protest": 70}, 120, False, id="ample"),
        pytest.param({"bid": 140, "feeling": 200, "protest": 70}, 39, True, id="few-answered"),
        pytest.param({"bid": 140, "feeling": 17, "protest": 70}, 120, True, id="few-feelings"),
    ],
)
def test_thin_signal_thresholds(labels: dict[str, int], answered: int, thin: bool) -> None:
    assert (thin_signal(_thin(labels, answered)) is not None) is thin


@pytest.mark.parametrize("carried", [True, False], ids=["per-partner", "missing"])
def test_timing_charts_or_why_not(carried: bool) -> None:
    analysis = make_analysis()
    if not carried:
        for period in analysis["metrics"]["trends"]["weekly"]:
            period.pop("median_reply_minutes_by")
            period.pop("initiation_share_by")
    html = render_html(analysis)
    assert ('id="median_reply_minutes-t"' in html) is carried
    assert ('id="initiation_share-t"' in html) is carried
    assert ("Reply times week by week are not available" in html) is not carried
    assert ("Who opened the exchanges week by week is not available" in html) is not carried


def test_thin_report_shows_the_note_and_no_empty_chart() -> None:
    analysis = make_analysis()
    analysis["coding"] = {"coder": "c.v1", "messages": 1960, "labels": {"bid": 3}}
    for name in analysis["metrics"]["bids"]:
        analysis["metrics"]["bids"][name]["n"] = 0
    html = render_html(analysis)
    assert '<section id="thin" class="notice"' in html
    assert "3 were marked as reaching out (a bid)" in html
    assert 'id="bids-t"' not in html
