"""The HTML report: self-contained, accessible, and showing each audience only its own data."""

from __future__ import annotations

import re
from typing import Any

import pytest
from report_analyses import make_analysis

from holdspace.report import render_html

PAUSED = {"joint_paused": True, "message": "Joint features are paused for now."}


def test_report_is_self_contained(joint: dict[str, Any]) -> None:
    html = render_html(joint)
    assert "<link" not in html and "<script" not in html and "<img" not in html
    assert re.findall(r"https?://[^\s\"'<>]+", html) == ["http://www.w3.org/2000/svg"] * html.count(
        "<svg"
    )
    assert "@media print" in html


def test_every_chart_has_title_and_desc(joint: dict[str, Any]) -> None:
    html = render_html(joint)
    svgs = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert len(svgs) == 6
    for svg in svgs:
        assert "<title" in svg and "<desc" in svg and 'role="img"' in svg


def test_ids_are_unique(joint: dict[str, Any]) -> None:
    ids = re.findall(r'\sid="([^"]+)"', render_html(joint))
    assert len(ids) == len(set(ids))


def test_findings_show_their_numbers_and_quotes(joint: dict[str, Any]) -> None:
    html = render_html(joint)
    assert "strength 0.64" in html
    assert "Alex turned away from or against 44% of Sam&#39;s 212 bids" in html
    assert '<blockquote id="msg-m13">' in html and 'href="#msg-m13"' in html
    assert "One clear message, then wait" in html
    assert "Glossary" in html


def test_joint_report_holds_no_private_answers(joint: dict[str, Any]) -> None:
    html = render_html(joint)
    assert "gad7" not in html and "Check-ins" not in html


def test_private_report_adds_own_answers_with_reliable_change() -> None:
    html = render_html(make_analysis(viewer="Sam"))
    assert "Your check-ins" in html
    assert "reliably lower" in html
    assert "diamonds: reliable change" in html


def test_other_partner_private_report_does_not_show_them() -> None:
    assert "gad7" not in render_html(make_analysis(viewer="Alex"))


@pytest.mark.parametrize(
    "assessments",
    [
        pytest.param([], id="no-answers"),
        pytest.param(
            [{"partner": "Sam", "instrument": "hark", "total": 1, "positive": True}], id="screen"
        ),
    ],
)
def test_paused_joint_report_is_only_the_neutral_message(assessments: list[dict[str, Any]]) -> None:
    html = render_html(make_analysis(safety=PAUSED, assessments=assessments))
    assert "Joint features are paused for now." in html
    assert "Call 911" in html
    for absent in ("Sam", "Alex", "<svg", "strength", "This week"):
        assert absent not in html


def test_paused_joint_report_is_identical_whatever_the_inputs() -> None:
    first = render_html(make_analysis(safety=PAUSED))
    second = render_html(make_analysis(safety=PAUSED, assessments=[]))
    assert first == second


def test_private_report_leads_with_crisis_resources_when_asked() -> None:
    view = {"joint_paused": False, "message": None, "show_crisis_resources": True}
    html = render_html(make_analysis(viewer="Sam", safety=view))
    assert html.index("Before anything else") < html.index("<header")


def test_crisis_footer_always_present(joint: dict[str, Any]) -> None:
    html = render_html(joint)
    assert 'id="help-now"' in html and "Nobody reads what you enter" in html
