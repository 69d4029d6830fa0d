"""The HTML report: self-contained, accessible, and showing each audience only its own data."""

from __future__ import annotations

import re
from typing import Any

import pytest
from report_analyses import make_analysis

from holdspace.report import render_html

PAUSED = {"joint_paused": True, "message": "Joint features are paused for now."}
LAYOUTS = ("wide", "narrow")


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
    assert len(svgs) == 12
    assert [len(re.findall(f'<svg class="chart {layout}"', html)) for layout in LAYOUTS] == [6, 6]
    for svg in svgs:
        assert "<title" in svg and "<desc" in svg and 'role="img"' in svg


def test_ids_are_unique(joint: dict[str, Any]) -> None:
    ids = re.findall(r'\sid="([^"]+)"', render_html(joint))
    assert len(ids) == len(set(ids))


def test_findings_show_their_numbers_and_quotes(joint: dict[str, Any]) -> None:
    html = render_html(joint)
    assert "Strong: <strong>0.64</strong> on a scale from 0 to 1" in html
    assert "Alex turned away from or against 44% of Sam's 212 bids" in html
    assert '<blockquote id="msg-m13">' in html and 'href="#msg-m13"' in html
    assert "One clear message, then wait" in html
    assert "Glossary" in html


def test_rule_tags_sit_in_a_collapsed_block_per_path(joint: dict[str, Any]) -> None:
    html = render_html(joint)
    reasons = re.findall(r'<li class="reason">(.*?)</li>', html, flags=re.S)
    assert reasons and not any("[" in r or "<code>" in r for r in reasons)
    blocks = re.findall(r'<details class="rules">(.*?)</details>', html, flags=re.S)
    assert len(blocks) >= len(joint["plan"]["paths"])
    assert "<summary>How this was decided</summary>" in blocks[0]
    assert "<code>avoidant-turned-away</code>: <code>bids.Alex.away+against</code>" in html
    assert "acts from 0.35" in html


def test_limits_name_the_accuracy_figures(joint: dict[str, Any]) -> None:
    html = render_html(joint)
    assert '"Coding: accuracy"' in html and "<code>docs/benchmarks.md</code>" in html
    assert "http" not in html.split('id="limits"')[1].split("</section>")[0]


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


def test_first_screen_names_pattern_sides_strength_and_this_week(joint: dict[str, Any]) -> None:
    html = render_html(joint)
    short = html[html.index('<section id="short"') : html.index("</section>")]
    text = " ".join(re.sub(r"<[^>]+>", "", short).split())
    assert "When Sam reaches out for closeness and it does not land, Sam tends to reach" in text
    assert "Sam tends to pursue: reaching out, asking to talk." in text
    assert "Alex tends to withdraw: going quiet or keeping it practical." in text
    assert "How strong Strong: 0.64 on a scale from 0 to 1" in text
    assert "This week" in text and html.index('id="short"') < html.index('<nav class="toc"')


def test_backticks_in_data_texts_become_code() -> None:
    message = "Paused; support is listed under `holdspace help crisis` <now>."
    html = render_html(make_analysis(safety={"joint_paused": True, "message": message}))
    assert "Paused; support is listed under <code>holdspace help crisis</code> &lt;now&gt;." in html
    assert "`" not in re.sub(r"<style>.*?</style>", "", html, flags=re.S)


def test_month_axis_labels_read_as_month_and_year(joint: dict[str, Any]) -> None:
    html = render_html(joint)
    wide, narrow = (
        re.search(f'<svg class="chart {layout}"[^>]*aria-labelledby="monthly', html)
        for layout in LAYOUTS
    )
    assert wide is not None and narrow is not None
    monthly = html[wide.start() : html.index("</svg>", wide.start())]
    phone = html[narrow.start() : html.index("</svg>", narrow.start())]
    assert re.search(r">\d{4}-\d{2}<", html) is None
    assert ">Jan 2025<" in monthly and ">Jan &#x27;25<" in phone


def test_font_stack_draws_emoji_without_loading_fonts(joint: dict[str, Any]) -> None:
    html = render_html(joint)
    for font in ('"Apple Color Emoji"', '"Segoe UI Emoji"', '"Noto Color Emoji"'):
        assert font in html
    assert "@font-face" not in html and re.search(r"url\((?!#)", html) is None


def test_questionnaires_show_their_short_names() -> None:
    html = render_html(make_analysis(viewer="Sam"))
    assert "<td>GAD-7</td>" in html and "GAD-7: each line is one person" in html


SAFETY_WORDS = ("hark", "rape", "kick", "afraid", "suicide", "self-harm", "violence", "abuse")
SCREENS = [
    {
        "partner": "Sam",
        "instrument": instrument,
        "total": total,
        "band": "negative",
        "subscales": {},
        "time": time,
        "shared": False,
    }
    for instrument in ("hark", "asq")
    for total, time in ((0, "2025-01-05T10:00:00+00:00"), (0, "2025-02-20T10:00:00+00:00"))
]


@pytest.mark.parametrize(
    ("viewer", "assessments"),
    [
        pytest.param(None, None, id="joint"),
        pytest.param(None, SCREENS, id="joint-with-screens"),
        pytest.param("Sam", SCREENS, id="private-screened"),
        pytest.param("Alex", SCREENS, id="private-other"),
        pytest.param("Sam", None, id="private"),
    ],
)
def test_titles_and_headings_hold_no_safety_words(
    viewer: str | None, assessments: list[dict[str, Any]] | None
) -> None:
    html = render_html(make_analysis(viewer=viewer, assessments=assessments))
    shown = re.findall(r"<(title|h[1-6])\b[^>]*>(.*?)</\1>", html, flags=re.S)
    assert shown, "no titles or headings found"
    for tag, text in shown:
        for word in SAFETY_WORDS:
            assert word not in text.lower(), f"<{tag}> {text!r} holds {word!r}"


def test_safety_screens_show_a_neutral_name() -> None:
    html = render_html(make_analysis(viewer="Sam", assessments=SCREENS))
    assert "<td>Relationship safety questions</td>" in html
    assert "<td>Personal safety questions</td>" in html
    for word in ("HARK", "Humiliation", "Suicide-Screening", "ASQ"):
        assert word not in html
