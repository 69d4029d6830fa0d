"""The inline SVG charts: scalable, labelled, and showing the figures they are given."""

from __future__ import annotations

import pytest

from holdspace.report import charts


def test_cycle_loop_names_both_partners_and_figures() -> None:
    svg = charts.cycle_loop(
        pursuer="Sam",
        withdrawer="Alex",
        strength="0.64",
        reach=["Sam opens 66% of exchanges"],
        retreat=["Alex turns away from 44%"],
    )
    assert '<title id="cycle-t">The loop between Sam and Alex</title>' in svg
    assert ">0.64<" in svg and "Sam opens 66% of exchanges" in svg
    assert 'viewBox="0 0 640 360"' in svg and 'class="chart wide"' in svg
    narrow = charts.cycle_loop(
        pursuer="Sam", withdrawer="Alex", strength="0.64", reach=[], retreat=[], width=360
    )
    assert 'class="chart narrow"' in narrow and 'viewBox="0 0 360 360"' in narrow


@pytest.mark.parametrize(
    ("count", "most", "ticks"),
    [
        pytest.param(16, 4, [0, 5, 10, 15], id="weeks-phone"),
        pytest.param(16, 7, [0, 2, 5, 8, 10, 12, 15], id="weeks-wide"),
        pytest.param(4, 7, [0, 1, 2, 3], id="months"),
        pytest.param(1, 4, [0], id="one"),
    ],
)
def test_axis_ticks_spread_evenly_with_first_and_last(
    count: int, most: int, ticks: list[int]
) -> None:
    assert charts.axis_ticks(count, most=most) == ticks


def test_stacked_bars_label_shares() -> None:
    bar = charts.Bar(label="Alex", parts=(("toward", 0.5, "#000"), ("away", 0.25, "#111")))
    svg = charts.stacked_bars([bar], title="Bids", name="b")
    assert "Alex: toward 50%, away 25%" in svg
    assert ">50%<" in svg


@pytest.mark.parametrize(
    ("unit", "value", "label"),
    [
        pytest.param("share", 0.5, "50%", id="share"),
        pytest.param("minutes", 42.0, "42 min", id="minutes"),
    ],
)
def test_line_chart_describes_points(unit: str, value: float, label: str) -> None:
    series = charts.Series(
        name="Sam", colour="#000", points=(("Jan", value), ("Feb", None)), marks=(0,)
    )
    svg = charts.line_chart([series], title="t", unit=unit, name="l")
    assert f"Sam: Jan {label}" in svg
    assert '<path d="M' in svg


def test_capacity_bars_mark_missing_scores() -> None:
    svg = charts.capacity_bars(
        [("Sam", "#000", {"awareness": 0.5, "regulation": None})],
        labels={"awareness": "Awareness", "regulation": "Regulation"},
        gap=0.4,
        name="c",
    )
    assert "Sam Awareness: 0.50" in svg and "Sam Regulation: not enough messages" in svg
