"""Render an analysis dictionary as one self-contained HTML report (styles and charts inline)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from holdspace.plan import load_exercises
from holdspace.report.text import inline_code
from holdspace.report.text import when as _when
from holdspace.report.view import CAPACITY_LABELS, build_view, crisis_resources, instrument_label

__all__ = ["path_title", "render_html"]


@cache
def _wording() -> dict[str, Any]:
    text = (resources.files("holdspace.report") / "data" / "wording_v1.yaml").read_text(
        encoding="utf-8"
    )
    return dict(yaml.safe_load(text))


@cache
def _css() -> str:
    return (resources.files("holdspace.report") / "static" / "report.css").read_text(
        encoding="utf-8"
    )


def _pct(value: Any) -> str:
    return f"{round(float(value) * 100)}%" if isinstance(value, int | float) else "-"


def _score(value: Any) -> str:
    return f"{float(value):.2f}" if isinstance(value, int | float) else "-"


def _minutes(value: Any) -> str:
    if not isinstance(value, int | float):
        return "-"
    if value >= 120:
        return f"{value / 60:.1f} h"
    return f"{value:.0f} min"


def _thousands(value: Any) -> str:
    return f"{int(value):,}" if isinstance(value, int | float) else "-"


def path_title(path: Mapping[str, Any]) -> str:
    """A suggested path's plain title (``Individual support for Jordan``), as the report says it."""
    return str(_wording()["paths"][path["id"]]["title"]).format(partner=path.get("partner"))


def _goal_value(goal: Mapping[str, Any]) -> str:
    return _pct(goal["current"]) if goal.get("unit") == "share" else _score(goal["current"])


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("holdspace.report", "templates"),
        autoescape=True,
        undefined=jinja2.ChainableUndefined,
        trim_blocks=False,
    )
    wording = _wording()["paths"]
    env.filters.update(
        when=_when,
        pct=_pct,
        score=_score,
        minutes=_minutes,
        thousands=_thousands,
        path_title=path_title,
        path_class=lambda path_id: wording[path_id]["class"],
        path_about=lambda path_id: " ".join(str(wording[path_id]["about"]).split()),
        goal_value=_goal_value,
        capacity=lambda key: CAPACITY_LABELS.get(key, key),
        prose=inline_code,
        instrument=instrument_label,
        strength_words=_strength_words,
    )
    return env


def _strength_words(value: Any) -> str:
    """How a loop strength reads in words, from the bands in ``wording_v1.yaml``."""
    if not isinstance(value, int | float):
        return ""
    for band in _wording()["strength"]:
        if value >= float(band["from"]):
            return str(band["words"])
    return ""


def _period(metrics: Mapping[str, Any] | None) -> str:
    period = (metrics or {}).get("period") or {}
    start, end = period.get("start"), period.get("end")
    if not start or not end:
        return ""
    return f"{_when(str(start)[:10])} to {_when(str(end)[:10])}"


def _markup(pair: Mapping[str, str]) -> dict[str, Markup]:
    """A chart's two layouts, as markup the templates insert unescaped (the charts escape)."""
    return {layout: Markup(svg) for layout, svg in pair.items()}


def render_html(analysis: Mapping[str, Any]) -> str:
    """The report for the audience of ``analysis`` (``analysis["plan"]["viewer"]``).

    When joint work is paused, the joint report holds only the safety engine's neutral message
    and the crisis resources: nothing else about the couple.
    """
    from holdspace import __version__

    env = _environment()
    safety = analysis.get("safety") or {}
    plan = analysis["plan"]
    resources_list = crisis_resources(safety)
    css = Markup(_css())
    if plan.get("viewer") is None and safety.get("joint_paused"):
        return env.get_template("paused.j2").render(
            css=css, message=safety.get("message") or "", resources=resources_list
        )
    view = build_view(analysis)
    view["charts"] = {key: _markup(pair) for key, pair in view["charts"].items()}
    for chart in view["checkin_charts"]:
        chart["svg"] = _markup(chart["svg"])
    if view.get("cycle"):
        view["cycle"]["svg"] = _markup(view["cycle"]["svg"])
    return env.get_template("report.j2").render(
        css=css,
        view=view,
        plan=plan,
        viewer=plan.get("viewer"),
        partners=view["partners"],
        metrics=analysis.get("metrics"),
        conversation=analysis.get("conversation"),
        coding=analysis.get("coding"),
        assessments=analysis.get("assessments") or [],
        safety=safety,
        resources=resources_list,
        exercises={e.id: e for e in load_exercises()},
        period=_period(analysis.get("metrics")),
        generated=analysis.get("generated", ""),
        version=__version__,
    )
