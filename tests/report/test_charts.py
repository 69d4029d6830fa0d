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


def test_line_chart_places_points_in_proportion_to_time() -> None:
    # Two check-ins a day apart, then two more seven weeks later (days 0, 1, 49, 50).
    series = charts.Series(
        name="Sam",
        colour="#000",
        points=(("28 Oct", 8.0), ("29 Oct", 8.0), ("16 Dec", 8.0), ("17 Dec", 8.0)),
    )
    svg = charts.line_chart([series], title="t", unit="points", name="c", at=[0, 1, 49, 50])
    # The plot runs from x=56 to x=624 (568 units, 11.36 a day).
    for x in ("56.0", "67.4", "612.6", "624.0"):
        assert f'<circle cx="{x}" cy="38.0" r="3.5" fill="#000"/>' in svg
    assert '<path d="M56.0,38.0 L67.4,38.0 L612.6,38.0 L624.0,38.0"' in svg
    # 29 Oct and 16 Dec would overlap their neighbours, so only the ends are labelled.
    assert '<text x="56.0" y="258.0" font-size="12" text-anchor="start"' in svg
    assert '<text x="624.0" y="258.0" font-size="12" text-anchor="end"' in svg
    assert ">28 Oct</text>" in svg and ">17 Dec</text>" in svg
    assert ">29 Oct</text>" not in svg and ">16 Dec</text>" not in svg


def test_line_chart_without_times_spaces_points_evenly() -> None:
    series = charts.Series(name="Sam", colour="#000", points=(("a", 8.0), ("b", 8.0), ("c", 8.0)))
    svg = charts.line_chart([series], title="t", unit="points", name="c")
    assert '<path d="M56.0,38.0 L340.0,38.0 L624.0,38.0"' in svg


@pytest.mark.parametrize(
    ("xs", "ticks"),
    [
        pytest.param([56.0, 246.0, 436.0, 624.0], [0, 1, 2, 3], id="room-for-all"),
        pytest.param([56.0, 67.36, 612.64, 624.0], [0, 3], id="two-pairs"),
        pytest.param([56.0, 60.0], [0, 1], id="two-close"),
        pytest.param([56.0], [0], id="one"),
    ],
)
def test_spaced_ticks_leave_out_labels_that_would_overlap(
    xs: list[float], ticks: list[int]
) -> None:
    assert charts.spaced_ticks(xs, ["28 Oct"] * len(xs)) == ticks
