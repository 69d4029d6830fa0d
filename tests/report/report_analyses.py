"""Analysis dictionaries for the report tests, built by the pure last pipeline step.

A module of its own (not conftest) so that test modules can import it by a unique name.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from holdspace.pipeline import build_analysis

METRICS = Path(__file__).resolve().parents[1] / "plan" / "fixtures" / "metrics_pursue_withdraw.json"
RESOURCES = {
    "heading": "If you need help now",
    "not_monitored": "holdspace is not monitored.",
    "resources": [{"name": "Emergency services", "contact": "Call 911", "note": "In danger."}],
}
PHQ = [
    {
        "partner": "Sam",
        "instrument": "gad7",
        "total": 14,
        "band": "moderate",
        "subscales": {},
        "time": "2025-01-05T10:00:00+00:00",
        "shared": False,
    },
    {
        "partner": "Sam",
        "instrument": "gad7",
        "total": 8,
        "band": "mild",
        "subscales": {},
        "time": "2025-02-20T10:00:00+00:00",
        "shared": False,
        "change": {"from": 14, "rci": -2.3, "reliable": True, "verdict": "reliably lower"},
    },
]


def make_analysis(
    *,
    viewer: str | None = None,
    safety: dict[str, Any] | None = None,
    assessments: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A full analysis of the hand-built pursue-withdraw couple for one audience."""
    return build_analysis(
        metrics=json.loads(METRICS.read_text(encoding="utf-8")),
        conversation={"messages": 1960, "source": "chat.txt", "format": "whatsapp"},
        coding={"coder": "holdspace.coder.model.v1"},
        assessments=PHQ if assessments is None else assessments,
        safety_view=safety or {"joint_paused": False, "message": None},
        viewer=viewer,
        partners=["Sam", "Alex"],
        taking_part=None,
        resources=RESOURCES,
        generated="2025-03-01T10:00:00+00:00",
    )
