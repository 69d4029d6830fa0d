"""Small inline-SVG charts for the report: the cycle loop, stacked bars, lines, capacity bars.

Every chart is a self-contained ``<svg>`` with a ``viewBox`` (so it scales to any width), a
``<title>`` and a ``<desc>`` for screen readers, and text in the page's own font.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

__all__ = [
    "NARROW",
    "WIDE",
    "Bar",
    "Series",
    "axis_ticks",
    "capacity_bars",
    "cycle_loop",
    "line_chart",
    "spaced_ticks",
    "stacked_bars",
]

INK = "#1f2933"
MUTED = "#52606d"
GRID = "#d9dee3"
SEEKING = "#b14a32"
AVOIDANT = "#2c5d8a"
TOWARD = "#2e7d4f"
AWAY = "#a77d12"
AGAINST = "#9b2c2c"
FIXING = "#6b5b95"
#: The two layouts every chart is drawn in: for wide screens and paper, and for phones. Both
#: keep chart text at 12 to 14 units, so it reads at 11 px or more on a 390 px phone.
WIDE, NARROW = 640, 360


def _svg(width: int, height: int, title: str, desc: str, body: str, *, name: str) -> str:
    layout = "narrow" if width < WIDE else "wide"
    return (
        f'<svg class="chart {layout}" role="img" aria-labelledby="{name}-t {name}-d" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{name}-t">{escape(title)}</title><desc id="{name}-d">{escape(desc)}</desc>'
        f"{body}</svg>"
    )


def _text(
    x: float,
    y: float,
    text: str,
    *,
    size: int = 14,
    anchor: str = "start",
    fill: str = INK,
    weight: str = "normal",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{fill}" font-weight="{weight}">{escape(text)}</text>'
    )


def cycle_loop(
    *,
    pursuer: str,
    withdrawer: str,
    strength: str,
    reach: Sequence[str],
    retreat: Sequence[str],
    name: str = "cycle",
    width: int = WIDE,
) -> str:
    """The pursue-withdraw loop drawn for one couple, with measured figures on each arrow.

    ``reach`` are short lines about the pursuer's side (top arrow), ``retreat`` about the
    withdrawer's side (bottom arrow).
    """
    height, cy = 360, 180
    r = 68 if width >= WIDE else 54
    left, right, mid = r + 37, width - r - 37, width / 2
    if width < WIDE:
        left, right = r + 12, width - r - 12
    start, end = left + 0.66 * r, right - 0.66 * r
    bend = 0.24 * (end - start)
    body = [
        f'<defs><marker id="{name}-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{MUTED}"/>'
        "</marker></defs>",
        f'<path d="M{start:.0f},130 C{start + bend:.0f},40 {end - bend:.0f},40 {end:.0f},130" '
        f'fill="none" stroke="{SEEKING}" stroke-width="4" marker-end="url(#{name}-arrow)"/>',
        f'<path d="M{end:.0f},230 C{end - bend:.0f},320 {start + bend:.0f},320 {start:.0f},230" '
        f'fill="none" stroke="{AVOIDANT}" stroke-width="4" marker-end="url(#{name}-arrow)"/>',
        f'<circle cx="{left}" cy="{cy}" r="{r}" fill="#fbeee9" stroke="{SEEKING}" stroke-width="3"/>',
        f'<circle cx="{right}" cy="{cy}" r="{r}" fill="#e8f0f7" stroke="{AVOIDANT}" '
        'stroke-width="3"/>',
        _text(left, 174, pursuer, size=18, anchor="middle", weight="bold"),
        _text(left, 196, "reaches out", size=13, anchor="middle", fill=MUTED),
        _text(right, 174, withdrawer, size=18, anchor="middle", weight="bold"),
        _text(right, 196, "steps back", size=13, anchor="middle", fill=MUTED),
        _text(mid, 172, "strength", size=14, anchor="middle", fill=MUTED),
        _text(mid, 196, strength, size=20, anchor="middle", weight="bold"),
    ]
    for i, line in enumerate(reach[:3]):
        body.append(_text(mid, 20 + 18 * i, line, size=13, anchor="middle", fill=SEEKING))
    for i, line in enumerate(retreat[:3]):
        body.append(_text(mid, 312 + 18 * i, line, size=13, anchor="middle", fill=AVOIDANT))
    desc = (
        f"{pursuer} reaches out ({'; '.join(reach)}); {withdrawer} steps back "
        f"({'; '.join(retreat)}); each move feeds the other. Cycle strength {strength}."
    )
    title = f"The loop between {pursuer} and {withdrawer}"
    return _svg(width, height, title, desc, "".join(body), name=name)


@dataclass(frozen=True, slots=True)
class Bar:
    """One horizontal 100% bar: a label and its parts ``(category, share, colour)``."""

    label: str
    parts: tuple[tuple[str, float, str], ...]


def stacked_bars(bars: Sequence[Bar], *, title: str, name: str, width: int = WIDE) -> str:
    """Horizontal stacked bars of shares (each bar sums to at most 1), with a legend.

    Wide, each label sits left of its bar; narrow, above it.
    """
    narrow = width < WIDE
    left, right = (10, 10) if narrow else (130, 20)
    span = width - left - right
    row, top = (58, 4) if narrow else (46, 10)
    bar_y = 24 if narrow else 6
    body: list[str] = []
    descs: list[str] = []
    for i, bar in enumerate(bars):
        y = top + i * row
        if narrow:
            body.append(_text(left, y + 16, bar.label, weight="bold"))
        else:
            body.append(_text(left - 10, y + 22, bar.label, anchor="end", weight="bold"))
        x = float(left)
        pieces = []
        for category, share, colour in bar.parts:
            w = max(share, 0.0) * span
            body.append(
                f'<rect x="{x:.1f}" y="{y + bar_y}" width="{w:.1f}" height="26" fill="{colour}"/>'
            )
            if w >= 38:
                body.append(
                    _text(
                        x + w / 2,
                        y + bar_y + 18,
                        f"{round(share * 100)}%",
                        size=13,
                        anchor="middle",
                        fill="#ffffff",
                        weight="bold",
                    )
                )
            pieces.append(f"{category} {round(share * 100)}%")
            x += w
        descs.append(f"{bar.label}: {', '.join(pieces)}")
    legend_y = top + len(bars) * row + 14
    x = float(left)
    categories = [(c, colour) for c, _, colour in bars[0].parts] if bars else []
    for category, colour in categories:
        item = 7.5 * len(category) + 36
        if x + item > width and x > left:
            x, legend_y = float(left), legend_y + 20
        body.append(
            f'<rect x="{x:.1f}" y="{legend_y - 11}" width="12" height="12" fill="{colour}"/>'
        )
        body.append(_text(x + 17, legend_y, category, size=13))
        x += item
    height = legend_y + 12
    return _svg(width, height, title, "; ".join(descs), "".join(body), name=name)


@dataclass(frozen=True, slots=True)
class Series:
    """One line of a line chart: a name, a colour and ``(x label, value or None)`` points.

    ``marks`` holds indexes of points to highlight (reliable changes), drawn as diamonds.
    """

    name: str
    colour: str
    points: tuple[tuple[str, float | None], ...]
    marks: tuple[int, ...] = ()


def axis_ticks(count: int, *, most: int) -> list[int]:
    """Which of ``count`` x labels to print: at most ``most``, evenly spread, first and last."""
    shown = min(count, max(most, 2))
    if shown <= 1:
        return list(range(count))
    return sorted({round(k * (count - 1) / (shown - 1)) for k in range(shown)})


#: Roughly how wide one character of 12-unit axis text is, and the least space between labels.
_CHAR_W, _LABEL_GAP = 6.6, 8.0


def spaced_ticks(xs: Sequence[float], labels: Sequence[str]) -> list[int]:
    """Which x labels to print when points sit at positions ``xs``: none may overlap another.

    The first and last are kept (anchored at their start and end); in between, each label is
    kept only when it clears the one before it and the last one.
    """
    if len(xs) <= 1:
        return list(range(len(xs)))
    last = len(xs) - 1

    def span(i: int) -> tuple[float, float]:
        w = _CHAR_W * len(labels[i])
        if i == 0:
            return xs[i], xs[i] + w
        if i == last:
            return xs[i] - w, xs[i]
        return xs[i] - w / 2, xs[i] + w / 2

    kept = [0]
    for i in range(1, last):
        if span(i)[0] >= span(kept[-1])[1] + _LABEL_GAP and (
            span(i)[1] + _LABEL_GAP <= span(last)[0]
        ):
            kept.append(i)
    if span(last)[0] >= span(kept[-1])[1] + _LABEL_GAP or len(kept) == 1:
        kept.append(last)
    return kept


def line_chart(
    series: Sequence[Series],
    *,
    title: str,
    unit: str,
    name: str,
    y_max: float | None = None,
    width: int = WIDE,
    at: Sequence[float] | None = None,
) -> str:
    """A line chart over shared x labels, with a zero-based y axis and a legend.

    Without ``at`` the labels are evenly spaced (periods of equal length). With ``at`` (one
    number per label, such as a day count) each point sits in proportion to its number, so
    two check-ins a day apart sit close and one seven weeks later sits far off; labels that
    would overlap are left out.
    """
    narrow = width < WIDE
    left, right, bottom = 56, 16 if not narrow else 22, 44
    legend, rows = _legend(series, left=10 if narrow else left, right=width - right)
    top = 20 * rows + 18
    height = top + (162 if narrow else 202) + bottom
    labels = [label for label, _ in series[0].points] if series else []
    values = [v for s in series for _, v in s.points if v is not None]
    top_value = y_max if y_max is not None else _nice(max(values, default=1.0))
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(labels) - 1, 1)
    if at is not None and len(at) == len(labels) and len(labels) >= 2 and at[-1] > at[0]:
        xs = [left + plot_w * (a - at[0]) / (at[-1] - at[0]) for a in at]
        ticks = spaced_ticks(xs, labels)
    else:
        xs = [left + i * step for i in range(len(labels))]
        ticks = axis_ticks(len(labels), most=4 if narrow else 7)

    def xy(i: int, v: float) -> tuple[float, float]:
        return xs[i] if xs else left, top + plot_h * (1 - v / top_value if top_value else 1)

    body: list[str] = []
    for k in range(5):
        v = top_value * k / 4
        _, y = xy(0, v)
        body.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        body.append(_text(left - 6, y + 4, _fmt(v, unit), size=12, anchor="end", fill=MUTED))
    for i in ticks:
        x, _ = xy(i, 0)
        anchor = "start" if i == 0 else "end" if i == len(labels) - 1 else "middle"
        body.append(_text(x, height - bottom + 18, labels[i], size=12, anchor=anchor, fill=MUTED))
    descs = []
    for s in series:
        coords = [(i, v) for i, (_, v) in enumerate(s.points) if v is not None]
        path = " ".join(
            f"{'M' if n == 0 else 'L'}{xy(i, v)[0]:.1f},{xy(i, v)[1]:.1f}"
            for n, (i, v) in enumerate(coords)
        )
        if path:
            body.append(f'<path d="{path}" fill="none" stroke="{s.colour}" stroke-width="3"/>')
        for i, v in coords:
            x, y = xy(i, v)
            if i in s.marks:
                body.append(
                    f'<path d="M{x:.1f},{y - 8:.1f} L{x + 8:.1f},{y:.1f} L{x:.1f},{y + 8:.1f} '
                    f'L{x - 8:.1f},{y:.1f} z" fill="#ffffff" stroke="{s.colour}" stroke-width="3"/>'
                )
            else:
                body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{s.colour}"/>')
        shown = ", ".join(f"{label} {_fmt(v, unit)}" for label, v in s.points if v is not None)
        descs.append(f"{s.name}: {shown}")
    body.extend(legend)
    return _svg(width, height, title, "; ".join(descs), "".join(body), name=name)


def _legend(series: Sequence[Series], *, left: float, right: float) -> tuple[list[str], int]:
    """Legend entries that wrap onto new rows rather than run off the chart; and the row count."""
    body: list[str] = []
    x, row = float(left), 0
    for s in series:
        item = 30 + 7.6 * len(s.name)
        if x + item > right and x > left:
            x, row = float(left), row + 1
        y = 8 + 20 * row
        body.append(f'<rect x="{x:.1f}" y="{y}" width="14" height="4" fill="{s.colour}"/>')
        body.append(_text(x + 20, y + 7, s.name, size=13))
        x += item + 14
    return body, row + 1 if series else 0


def capacity_bars(
    profiles: Sequence[tuple[str, str, dict[str, float | None]]],
    *,
    labels: dict[str, str],
    gap: float,
    name: str,
    width: int = WIDE,
) -> str:
    """Grouped bars of the five capacities (0..1) for each partner, with the gap line.

    Wide, each capacity's name sits left of its bars; narrow, above them.
    """
    narrow = width < WIDE
    left, right, top = (10, 40, 30) if narrow else (200, 40, 30)
    span = width - left - right
    head = 20 if narrow else 0
    group = head + 16 * len(profiles) + 18
    body: list[str] = []
    descs: list[str] = []
    x = float(left)
    for who, colour, _ in profiles:
        body.append(f'<rect x="{x:.1f}" y="6" width="12" height="12" fill="{colour}"/>')
        body.append(_text(x + 17, 17, who, size=13))
        x += 40 + 8 * len(who)
    for row, (capacity, label) in enumerate(labels.items()):
        y = top + row * group
        if narrow:
            body.append(_text(left, y + 13, label, size=13, weight="bold"))
        else:
            body.append(_text(left - 10, y + 8 + 8 * len(profiles), label, size=13, anchor="end"))
        for k, (who, colour, scores) in enumerate(profiles):
            value = scores.get(capacity)
            by = y + head + 2 + 16 * k
            if value is None:
                body.append(_text(left + 4, by + 12, "not enough messages", size=12, fill=MUTED))
                descs.append(f"{who} {label}: not enough messages")
                continue
            body.append(
                f'<rect x="{left}" y="{by}" width="{value * span:.1f}" height="13" fill="{colour}"/>'
            )
            body.append(_text(left + value * span + 4, by + 11, f"{value:.2f}", size=12, fill=INK))
            descs.append(f"{who} {label}: {value:.2f}")
    bottom = top + len(labels) * group
    gx = left + gap * span
    body.append(
        f'<line x1="{gx:.1f}" x2="{gx:.1f}" y1="{top - 4}" y2="{bottom}" stroke="{MUTED}" '
        'stroke-dasharray="4 3"/>'
    )
    body.append(
        _text(gx, bottom + 16, f"gap below {gap:.2f}", size=12, anchor="middle", fill=MUTED)
    )
    return _svg(
        width, bottom + 24, "The five capacities", "; ".join(descs), "".join(body), name=name
    )


def _nice(value: float) -> float:
    # Tops that split into four round steps, so the gridline labels are whole figures.
    for top in (
        0.4,
        1,
        2,
        4,
        8,
        12,
        16,
        20,
        24,
        32,
        40,
        60,
        80,
        100,
        120,
        160,
        200,
        240,
        360,
        480,
        600,
        1000,
        1200,
    ):
        if value <= top:
            return float(top)
    return float(value)


def _fmt(value: float, unit: str) -> str:
    if unit == "share":
        return f"{round(value * 100)}%"
    if unit == "minutes":
        return f"{value:.0f} min"
    return f"{value:g}" if value >= 10 or value == 0 else f"{value:.2f}".rstrip("0").rstrip(".")
