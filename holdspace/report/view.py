"""Turn an analysis dictionary into what the templates show: sentences, figures and charts.

Nothing here recomputes analysis; it only picks figures out of the metrics and the plan and
formats them for people.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml

from holdspace.plan.figures import dig, number, pct
from holdspace.report import charts
from holdspace.report.notes import thin_signal, unavailable
from holdspace.report.text import day_label, period_label

__all__ = ["CAPACITY_LABELS", "build_view", "crisis_resources", "instrument_label"]

CAPACITY_LABELS = {
    "awareness": "Emotional awareness",
    "regulation": "Regulation",
    "accountability": "Accountability",
    "empathetic_communication": "Empathetic communication",
    "intimacy": "Emotional intimacy",
}
_PALETTE = (charts.SEEKING, charts.AVOIDANT, "#5b7f3a", "#7a4f9a")


@cache
def _fallback_resources() -> tuple[dict[str, str], ...]:
    text = (resources.files("holdspace.report") / "data" / "crisis_fallback.yaml").read_text(
        encoding="utf-8"
    )
    return tuple(yaml.safe_load(text)["resources"])


def crisis_resources(safety: Mapping[str, Any]) -> list[Mapping[str, str]]:
    """The crisis resources to show: the safety engine's, or the bundled US defaults."""
    given = safety.get("resources")
    if isinstance(given, list) and given:
        return given
    return list(_fallback_resources())


def _both(draw: Callable[[int, bool], str]) -> dict[str, str]:
    """A chart in its two layouts: ``wide`` (screens and paper) and ``narrow`` (phones).

    ``draw(width, narrow)`` draws one layout; the narrow one gets ids of its own.
    """
    return {"wide": draw(charts.WIDE, False), "narrow": draw(charts.NARROW, True)}


def _line_pair(
    series: Callable[[bool], Sequence[charts.Series]],
    *,
    title: str,
    unit: str,
    name: str,
    y_max: float | None = None,
    at: Sequence[float] | None = None,
) -> dict[str, str]:
    """A line chart in both layouts; ``series(short)`` gives its lines, short labels or not.

    ``at`` places the points in proportion to time (see ``charts.line_chart``).
    """
    return {
        "wide": charts.line_chart(
            series(False),
            title=title,
            unit=unit,
            name=name,
            y_max=y_max,
            width=charts.WIDE,
            at=at,
        ),
        "narrow": charts.line_chart(
            series(True),
            title=title,
            unit=unit,
            name=f"{name}-narrow",
            y_max=y_max,
            width=charts.NARROW,
            at=at,
        ),
    }


def _same(series: Sequence[charts.Series]) -> Callable[[bool], Sequence[charts.Series]]:
    """Lines whose labels are short enough for both layouts."""
    return lambda _short: series


def instrument_label(instrument_id: str) -> str:
    """A questionnaire's short name (``CSI-4``), or its id when it is not registered.

    Safety screens are shown by a neutral name from ``wording_v1.yaml`` (``instrument_labels``),
    so no report line, heading or chart title spells out what they ask about.
    """
    from holdspace.assess.instruments import instrument_ids, load_instrument

    neutral = _instrument_labels().get(instrument_id)
    if neutral:
        return neutral
    if instrument_id not in instrument_ids():
        return instrument_id
    full = load_instrument(instrument_id).name
    return full.rsplit("(", 1)[-1].rstrip(")") if full.endswith(")") else full


@cache
def _instrument_labels() -> dict[str, str]:
    text = (resources.files("holdspace.report") / "data" / "wording_v1.yaml").read_text(
        encoding="utf-8"
    )
    labels = yaml.safe_load(text).get("instrument_labels") or {}
    return {str(key): str(value) for key, value in labels.items()}


def _colours(metrics: Mapping[str, Any] | None, partners: Sequence[str]) -> dict[str, str]:
    pursuer = dig(metrics, ("cycle", "pursuer"))
    colours: dict[str, str] = {}
    for i, name in enumerate(partners):
        if name == pursuer:
            colours[name] = charts.SEEKING
        elif pursuer in partners:
            colours[name] = charts.AVOIDANT
        else:
            colours[name] = _PALETTE[i % len(_PALETTE)]
    return colours


def build_view(analysis: Mapping[str, Any]) -> dict[str, Any]:
    """Everything the report template needs, from an analysis dictionary."""
    metrics = analysis.get("metrics")
    plan = analysis["plan"]
    partners = list(plan.get("partners") or [])
    colours = _colours(metrics, partners)
    view: dict[str, Any] = {
        "partners": partners,
        "colours": colours,
        "charts": {},
        "cycle": None,
        "unavailable": {},
        "thin": thin_signal(analysis),
    }
    if metrics:
        view["cycle"] = _cycle(metrics)
        view["charts"].update(_charts(metrics, partners, colours))
        view["unavailable"] = {
            field: unavailable(field)
            for field in ("median_reply_minutes", "initiation_share")
            if field not in view["charts"] and _series(metrics, "weekly")
        }
        view["capacity_rows"] = _capacity_rows(metrics, partners)
        view["bid_rows"] = _bid_rows(metrics, partners)
        view["timing_rows"] = _timing_rows(metrics, partners)
    view["checkin_charts"] = _checkin_charts(analysis.get("assessments") or [], colours)
    return view


def _cycle(metrics: Mapping[str, Any]) -> dict[str, Any] | None:
    pursuer, withdrawer = dig(metrics, ("cycle", "pursuer")), dig(metrics, ("cycle", "withdrawer"))
    strength = number(metrics, ("cycle", "strength"))
    if not isinstance(pursuer, str) or not isinstance(withdrawer, str) or strength is None:
        return None
    reach, retreat = [], []
    share = number(metrics, ("timing", "partners", pursuer, "initiation_share"))
    if share is not None:
        reach.append(f"{pursuer} opens {pct(share)} of your exchanges")
    bursts = number(metrics, ("timing", "partners", pursuer, "bursts"))
    if bursts:
        reach.append(f"{int(bursts)} times wrote on after no reply")
    away = number(metrics, ("bids", withdrawer, "away"))
    against = number(metrics, ("bids", withdrawer, "against")) or 0.0
    if away is not None:
        retreat.append(f"{withdrawer} turns away from {pct(away + against)} of {pursuer}'s bids")
    slow = number(metrics, ("timing", "partners", withdrawer, "median_reply_minutes"))
    fast = number(metrics, ("timing", "partners", pursuer, "median_reply_minutes"))
    if slow is not None and fast is not None:
        retreat.append(f"typical reply: {withdrawer} {slow:.0f} min, {pursuer} {fast:.0f} min")
    svg = _both(
        lambda width, narrow: charts.cycle_loop(
            pursuer=pursuer,
            withdrawer=withdrawer,
            strength=f"{strength:.2f}",
            reach=reach,
            retreat=retreat,
            name="cycle-narrow" if narrow else "cycle",
            width=width,
        )
    )
    examples = dig(metrics, ("cycle", "examples"))
    return {
        "pursuer": pursuer,
        "withdrawer": withdrawer,
        "strength": strength,
        "interval": dig(metrics, ("cycle", "interval")),
        "svg": svg,
        "examples": _example_ids(examples),
        "reach": reach,
        "retreat": retreat,
    }


def _example_ids(examples: Any) -> list[dict[str, Any]]:
    """Cycle examples as ``{"ids": [...], "why": str}`` (from ``{"messages", "why"}`` objects)."""
    found: list[dict[str, Any]] = []
    for example in examples if isinstance(examples, list) else []:
        if isinstance(example, Mapping) and example.get("messages"):
            found.append(
                {"ids": [str(i) for i in example["messages"]], "why": str(example.get("why", ""))}
            )
    return found[:4]


def _bid_rows(metrics: Mapping[str, Any], partners: Sequence[str]) -> list[dict[str, Any]]:
    rows = []
    for name in partners:
        bids = dig(metrics, ("bids", name))
        if not isinstance(bids, Mapping):
            continue
        rows.append(
            {
                "name": name,
                **{
                    k: bids.get(k)
                    for k in ("toward", "away", "against", "problem_solving", "n", "summary")
                },
            }
        )
    return rows


def _timing_rows(metrics: Mapping[str, Any], partners: Sequence[str]) -> list[dict[str, Any]]:
    rows = []
    for name in partners:
        timing = dig(metrics, ("timing", "partners", name))
        if isinstance(timing, Mapping):
            rows.append({"name": name, **timing})
    return rows


def _capacity_rows(metrics: Mapping[str, Any], partners: Sequence[str]) -> list[dict[str, Any]]:
    rows = []
    for capacity, label in CAPACITY_LABELS.items():
        cells = []
        for name in partners:
            cells.append(
                {
                    "score": number(metrics, ("capacities", name, capacity, "score")),
                    "n": number(metrics, ("capacities", name, capacity, "n")),
                }
            )
        rows.append({"capacity": capacity, "label": label, "cells": cells})
    return rows


def _series(metrics: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    periods = dig(metrics, ("trends", key))
    return [p for p in periods if isinstance(p, Mapping)] if isinstance(periods, list) else []


def _partner_value(period: Mapping[str, Any], name: str, field: str) -> float | None:
    """A per-partner figure of one trend period (``<field>_by: {name: value}``)."""
    return number(period, (f"{field}_by", name))


def _charts(
    metrics: Mapping[str, Any], partners: Sequence[str], colours: Mapping[str, str]
) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    bars = []
    for name in partners:
        bids = dig(metrics, ("bids", name))
        if not isinstance(bids, Mapping) or not bids.get("n"):
            continue
        parts = tuple(
            (label, float(bids.get(key) or 0.0), colour)
            for key, label, colour in (
                ("toward", "turned toward", charts.TOWARD),
                ("problem_solving", "answered with a fix", charts.FIXING),
                ("away", "turned away", charts.AWAY),
                ("against", "turned against", charts.AGAINST),
            )
        )
        bars.append(charts.Bar(label=name, parts=parts))
    if bars:
        out["bids"] = _both(
            lambda width, narrow: charts.stacked_bars(
                bars,
                title="How each of you answered the other's bids",
                name="bids-narrow" if narrow else "bids",
                width=width,
            )
        )
    weekly, monthly = _series(metrics, "weekly"), _series(metrics, "monthly")
    periods = weekly if 3 <= len(weekly) <= 60 else monthly
    if len(periods) >= 2:
        for field, unit, title in (
            ("median_reply_minutes", "minutes", "Typical reply time"),
            ("initiation_share", "share", "Share of exchanges each of you opened"),
        ):

            def timing(short: bool, field: str = field) -> list[charts.Series]:
                return [
                    charts.Series(
                        name=name,
                        colour=colours[name],
                        points=tuple(
                            (_label(p, short), _partner_value(p, name, field)) for p in periods
                        ),
                    )
                    for name in partners
                ]

            if any(v is not None for s in timing(False) for _, v in s.points):
                out[field] = _line_pair(
                    timing,
                    title=title,
                    unit=unit,
                    name=field,
                    y_max=1.0 if unit == "share" else None,
                )
    if len(monthly) >= 2 and any(
        _partner_value(p, name, "toward") is not None for p in monthly for name in partners
    ):

        def months(short: bool) -> list[charts.Series]:
            lines = [
                charts.Series(
                    name=f"{name}: bids turned toward",
                    colour=colours[name],
                    points=tuple(
                        (_label(p, short), _partner_value(p, name, "toward")) for p in monthly
                    ),
                )
                for name in partners
            ]
            pulled = charts.Series(
                name="reaching out met by pulling back",
                colour=charts.MUTED,
                points=tuple((_label(p, short), number(p, ("withdraw_rate",))) for p in monthly),
            )
            return [*lines, pulled]

        out["monthly"] = _line_pair(
            months, title="Month by month", unit="share", name="monthly", y_max=1.0
        )
    profiles = [
        (
            name,
            colours[name],
            {c: number(metrics, ("capacities", name, c, "score")) for c in CAPACITY_LABELS},
        )
        for name in partners
        if dig(metrics, ("capacities", name)) is not None
    ]
    if profiles:
        out["capacities"] = _both(
            lambda width, narrow: charts.capacity_bars(
                profiles,
                labels=CAPACITY_LABELS,
                gap=0.4,
                name="capacities-narrow" if narrow else "capacities",
                width=width,
            )
        )
    return out


def _checkin_charts(
    assessments: Sequence[Mapping[str, Any]], colours: Mapping[str, str]
) -> list[dict[str, Any]]:
    """One chart per questionnaire answered at least twice, each partner a line over dates."""
    by_instrument: dict[str, dict[str, list[Mapping[str, Any]]]] = {}
    for a in assessments:
        if isinstance(a.get("total"), int | float):
            who = str(a.get("partner"))
            by_instrument.setdefault(str(a.get("instrument")), {}).setdefault(who, []).append(a)
    out = []
    for instrument, people in sorted(by_instrument.items()):
        lines = {who: items for who, items in people.items() if len(items) >= 2}
        if not lines:
            continue
        labels = sorted({str(a.get("time") or "")[:10] for items in lines.values() for a in items})
        series = []
        for who, items in sorted(lines.items()):
            by_date = {str(a.get("time") or "")[:10]: a for a in items}
            series.append(
                charts.Series(
                    name=who,
                    colour=colours.get(who, charts.INK),
                    points=tuple(
                        (
                            day_label(label),
                            float(by_date[label]["total"]) if label in by_date else None,
                        )
                        for label in labels
                    ),
                    marks=tuple(
                        i
                        for i, label in enumerate(labels)
                        if label in by_date and dig(by_date[label], ("change", "reliable"))
                    ),
                )
            )
        label = instrument_label(instrument)
        svg = _line_pair(
            _same(series),
            title=f"{label} totals over time (diamonds: reliable change)",
            unit="points",
            name=f"checkins-{instrument}",
            at=_day_numbers(labels),
        )
        out.append({"instrument": instrument, "label": label, "svg": svg})
    return out


def _day_numbers(days: Sequence[str]) -> list[float] | None:
    """ISO dates as day counts, so check-ins sit apart by the time between them.

    None when any is not a date: the chart then spaces them evenly.
    """
    try:
        return [float(date.fromisoformat(day).toordinal()) for day in days]
    except ValueError:
        return None


def _label(period: Mapping[str, Any], short: bool) -> str:
    """A trend period's axis label: ``Sep 2024`` for a month, ``2 Sep`` for a week."""
    return period_label(str(period.get("period", "")), short=short)
