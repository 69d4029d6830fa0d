"""The versioned planning rules: thresholds, questionnaire cut-offs and reason wording."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from holdspace.errors import InvalidSetting

__all__ = ["DEFAULT_RULES", "InstrumentRule", "Rules", "load_rules"]

DEFAULT_RULES = "v1"
_THRESHOLDS = (
    "cycle_present",
    "role_confidence",
    "min_bids",
    "turned_away",
    "turned_against",
    "capacity_low",
    "capacity_min_n",
)


@dataclass(frozen=True, slots=True)
class InstrumentRule:
    """How one questionnaire's total feeds the plan."""

    id: str
    label: str
    cut_off: float
    reliable_change: float
    max: float


@dataclass(frozen=True, slots=True)
class Rules:
    """One version of the planning rules, as loaded from ``data/plan_rules_<version>.yaml``."""

    name: str
    thresholds: Mapping[str, float]
    instruments: Mapping[str, InstrumentRule]
    wording: Mapping[str, str]

    def t(self, key: str) -> float:
        """The threshold called ``key``."""
        return self.thresholds[key]

    def say(self, rule: str, **values: Any) -> str:
        """The plain sentence of ``rule`` with its placeholders filled and spaces tidied."""
        return " ".join(self.wording[rule].format(**values).split())


@cache
def load_rules(version: str = DEFAULT_RULES) -> Rules:
    """Load the planning rules of ``version`` (``"v1"``)."""
    filename = f"plan_rules_{version}.yaml"
    folder = resources.files("holdspace.plan") / "data"
    path = folder / filename
    if not path.is_file():
        raise InvalidSetting(
            f"no planning rules called {version!r} (looked for holdspace/plan/data/{filename}); "
            "use rules='v1'."
        )
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    missing = [key for key in _THRESHOLDS if key not in raw["thresholds"]]
    if missing:
        raise InvalidSetting(
            f"holdspace/plan/data/{filename} lacks thresholds {', '.join(missing)}; "
            "add them under `thresholds:`."
        )
    instruments = {
        key: InstrumentRule(
            id=key,
            label=str(spec["label"]),
            cut_off=float(spec["from"]),
            reliable_change=float(spec["reliable_change"]),
            max=float(spec["max"]),
        )
        for key, spec in raw["instruments"].items()
    }
    return Rules(
        name=str(raw["name"]),
        thresholds={key: float(value) for key, value in raw["thresholds"].items()},
        instruments=instruments,
        wording={key: str(value) for key, value in raw["reasons"].items()},
    )
