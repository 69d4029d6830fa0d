"""The measure stage's versioned data: thresholds, code groups, role rules, capacity parts, valence.

Small loaders over ``holdspace/measure/data/*.yaml``; every threshold a metric uses is read here,
never written into the metric code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

import yaml

from holdspace.coding.codes import CODES
from holdspace.errors import InputError

__all__ = ["CapacityPart", "MeasureRules", "load_capacities", "load_rules", "load_valence"]

DATA_DIR: Final[Path] = Path(__file__).resolve().parent / "data"


def _read(name: str) -> dict[str, Any]:
    path = DATA_DIR / name
    with path.open(encoding="utf-8") as handle:
        body = yaml.safe_load(handle)
    if not isinstance(body, dict):
        raise InputError(f"{path}: expected a mapping at the top; reinstall holdspace.")
    return body


def _codes(where: str, value: Any) -> tuple[str, ...]:
    codes = tuple(str(code) for code in value or ())
    unknown = [code for code in codes if code not in CODES]
    if unknown:
        raise InputError(
            f"{where}: unknown code(s) {', '.join(unknown)}; use the codebook's code ids."
        )
    return codes


@dataclass(frozen=True, slots=True)
class MeasureRules:
    """Thresholds and code groups of a ``measure_v*.yaml`` file."""

    version: str
    groups: Mapping[str, tuple[str, ...]]
    values: Mapping[str, Mapping[str, float]]

    def get(self, section: str, key: str) -> float:
        """One threshold, e.g. ``rules.get("cycle", "present_at")``."""
        return float(self.values[section][key])

    def count(self, section: str, key: str) -> int:
        """One whole-number threshold."""
        return int(self.values[section][key])


@lru_cache(maxsize=2)
def load_rules(name: str = "measure_v3.yaml") -> MeasureRules:
    """The thresholds and code groups the metrics use."""
    body = _read(name)
    groups = {
        str(key): _codes(f"{name} groups.{key}", value) for key, value in body["groups"].items()
    }
    values = {
        str(section): {str(k): float(v) for k, v in dict(entries).items()}
        for section, entries in body.items()
        if section not in {"version", "groups"}
    }
    return MeasureRules(version=str(body["version"]), groups=groups, values=values)


@dataclass(frozen=True, slots=True)
class CapacityPart:
    """One rate of a capacity profile (see ``capacities_v1.yaml``)."""

    kind: str
    codes: tuple[str, ...]
    versus: tuple[str, ...]
    to: tuple[str, ...]
    scope: str
    direction: str
    target: float
    text: str


@lru_cache(maxsize=2)
def load_capacities(
    name: str = "capacities_v1.yaml",
) -> tuple[str, dict[str, tuple[CapacityPart, ...]]]:
    """``(version, {capacity: parts})`` of the capacity definitions."""
    body = _read(name)
    result: dict[str, tuple[CapacityPart, ...]] = {}
    for capacity, parts in body["capacities"].items():
        built = []
        for index, part in enumerate(parts):
            where = f"{name} {capacity}[{index}]"
            kind = str(part["kind"])
            if kind not in {"messages", "replies", "share"}:
                raise InputError(f"{where}: kind must be messages, replies or share.")
            built.append(
                CapacityPart(
                    kind=kind,
                    codes=_codes(where, part.get("with") or part.get("codes")),
                    versus=_codes(where, part.get("versus")),
                    to=_codes(where, part.get("to")),
                    scope=str(part.get("scope", "all")),
                    direction=str(part["direction"]),
                    target=float(part["target"]),
                    text=str(part["text"]),
                )
            )
        result[str(capacity)] = tuple(built)
    return str(body["version"]), result


@lru_cache(maxsize=2)
def load_valence(name: str = "valence_v1.yaml") -> tuple[str, dict[str, float]]:
    """``(source, {code: weight})``: the codebook's valence weights when it carries them,
    else the measure stage's own table."""
    try:
        from holdspace.coding.codebook import load_codebook

        weights = load_codebook("v1").valences()
    except (ImportError, OSError, InputError):
        weights = {}
    if weights and set(weights) >= set(CODES):
        return "holdspace.codebook.v1", {code: float(weights[code]) for code in CODES}
    body = _read(name)
    table = {str(k): float(v) for k, v in body["weights"].items()}
    _codes(f"{name} weights", table)
    return str(body["version"]), {code: table.get(code, 0.0) for code in CODES}
