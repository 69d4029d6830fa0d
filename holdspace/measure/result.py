"""The measure stage's result: :class:`Metrics`, serialised as schema ``holdspace.metrics.v1``.

Each section is the JSON object its metric family builds (see docs/metrics.md for every key);
:meth:`Metrics.to_json` lays them out under fixed top-level keys that the plan and report read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

__all__ = ["SCHEMA", "Metrics", "referenced_ids"]

SCHEMA: Final[str] = "holdspace.metrics.v1"
_ID_KEYS: Final[frozenset[str]] = frozenset({"examples", "messages"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Metrics:
    """Everything measured about one couple's conversations, with intervals and evidence."""

    partners: tuple[str, str]
    period: dict[str, Any]
    episodes: dict[str, Any]
    bids: dict[str, Any]
    timing: dict[str, Any]
    cycle: dict[str, Any]
    roles: dict[str, Any]
    conflict: dict[str, Any]
    capacities: dict[str, Any]
    dynamics: dict[str, Any]
    trends: dict[str, Any]
    evidence: dict[str, dict[str, Any]]
    notes: list[str] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)
    #: roles before and after a change point (or in two halves), see role_periods.py
    roles_by_period: dict[str, Any] = field(default_factory=dict)

    @property
    def cycle_strength(self) -> float:
        """The cycle-strength index, 0..1."""
        return float(self.cycle["strength"])

    def role(self, partner: str) -> str:
        """``seeking``, ``avoidant``, ``both`` or ``neither`` for one partner."""
        return str(self.roles[partner]["role"])

    def to_json(self) -> dict[str, Any]:
        """The ``holdspace.metrics.v1`` object (plain JSON values only)."""
        return {
            "schema": SCHEMA,
            "versions": dict(self.versions),
            "partners": list(self.partners),
            "period": self.period,
            "episodes": self.episodes,
            "bids": self.bids,
            "timing": self.timing,
            "cycle": self.cycle,
            "roles": self.roles,
            "roles_by_period": self.roles_by_period,
            "conflict": self.conflict,
            "capacities": self.capacities,
            "dynamics": self.dynamics,
            "trends": self.trends,
            "evidence": self.evidence,
            "notes": list(self.notes),
        }

    def dumps(self, *, indent: int | None = 2) -> str:
        """``to_json`` as text."""
        return json.dumps(self.to_json(), indent=indent, ensure_ascii=False)


def referenced_ids(section: Any) -> Iterator[str]:
    """Every message id listed under an ``examples`` or ``messages`` key, at any depth."""
    if isinstance(section, Mapping):
        for key, value in section.items():
            if key in _ID_KEYS:
                yield from _strings(value)
            else:
                yield from referenced_ids(value)
    elif isinstance(section, list):
        for item in section:
            yield from referenced_ids(item)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
