"""What the report says when the analysis is thin or a figure is missing.

Like the rest of the report, this only reads the analysis dictionary: it counts nothing in the
messages and recomputes no metric. Its wording and thresholds live in ``wording_v1.yaml``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import yaml

from holdspace.plan.figures import dig, number

__all__ = ["thin_signal", "unavailable"]


@cache
def _wording() -> dict[str, Any]:
    text = (resources.files("holdspace.report") / "data" / "wording_v1.yaml").read_text(
        encoding="utf-8"
    )
    return dict(yaml.safe_load(text))


def _say(count: int, what: str) -> str:
    return f"{'none' if count == 0 else count} {'was' if count == 1 else 'were'} {what}"


def thin_signal(analysis: Mapping[str, Any]) -> dict[str, str] | None:
    """The "what we could not find" note, or ``None`` when the coded signal is not thin.

    The signal is thin when the partners answered fewer bids than ``thin.min_bids`` between
    them, or when a loop code (``thin.codes``) labels fewer than ``thin.min_share`` of the
    messages. The note names each count, from the analysis's own coding summary.
    """
    coding = analysis.get("coding")
    metrics = analysis.get("metrics")
    if not isinstance(coding, Mapping) or not isinstance(metrics, Mapping):
        return None
    messages = int(coding.get("messages") or 0)
    if messages == 0:
        return None
    rules = _wording()["thin"]
    labels = coding.get("labels") or {}
    counts = {code: int(labels.get(code, 0)) for code in rules["codes"]}
    answered = sum(
        int(number(metrics, ("bids", name, "n")) or 0)
        for name in (metrics.get("bids") or {})
        if isinstance(dig(metrics, ("bids", name)), Mapping)
    )
    scarce = [code for code, n in counts.items() if n < rules["min_share"] * messages]
    if answered >= rules["min_bids"] and not scarce:
        return None
    found = [f"{_say(n, 'marked as ' + rules['codes'][code])}" for code, n in counts.items()]
    listed = ", ".join(found[:-1]) + f" and {found[-1]}" if len(found) > 1 else found[0]
    lead = " ".join(str(rules["lead"]).split()).format(messages=f"{messages:,}", found=listed)
    why = " ".join(str(rules["why"]).split()).format(coder=coding.get("coder") or "unknown")
    return {"heading": str(rules["heading"]), "lead": lead, "why": why}


def unavailable(field: str) -> str:
    """Why the per-period chart of ``field`` is not shown."""
    return " ".join(str(_wording()["unavailable"][field]).split())
