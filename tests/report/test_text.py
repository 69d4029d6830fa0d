"""Dates in plain English and data texts as safe HTML."""

from __future__ import annotations

import pytest

from holdspace.report.text import inline_code, period_label, when


@pytest.mark.parametrize(
    ("text", "short", "label"),
    [
        pytest.param("2024-09", False, "Sep 2024", id="month"),
        pytest.param("2024-09", True, "Sep '24", id="month-short"),
        pytest.param("2024-12-16", False, "16 Dec", id="week"),
        pytest.param("2024-13", False, "2024-13", id="not-a-month"),
        pytest.param("spring", False, "spring", id="other"),
    ],
)
def test_period_labels(text: str, short: bool, label: str) -> None:
    assert period_label(text, short=short) == label


@pytest.mark.parametrize(
    ("text", "html"),
    [
        pytest.param(
            "see `holdspace help crisis`", "see <code>holdspace help crisis</code>", id="code"
        ),
        pytest.param(
            "`<b>` & `x`", "<code>&lt;b&gt;</code> &amp; <code>x</code>", id="escaped-first"
        ),
        pytest.param("a lone ` stays", "a lone ` stays", id="lone"),
    ],
)
def test_inline_code(text: str, html: str) -> None:
    assert str(inline_code(text)) == html


def test_when_uses_english_month_names() -> None:
    assert (when("2025-01-14T21:02:00"), when("2025-01-14")) == (
        "14 Jan 2025, 21:02",
        "14 Jan 2025",
    )
