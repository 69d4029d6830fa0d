"""Reading figures out of the metrics JSON and writing them the way people read them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["dig", "figure_name", "number", "pct", "score"]


def dig(data: Mapping[str, Any] | None, keys: Sequence[str]) -> Any:
    """The value under ``keys`` in nested mappings, or ``None`` where any key is absent."""
    current: Any = data
    for key in keys:
        if not isinstance(current, Mapping) or key not in current:
            return None
        current = current[key]
    return current


def number(data: Mapping[str, Any] | None, keys: Sequence[str]) -> float | None:
    """A numeric figure under ``keys`` (booleans and missing values give ``None``)."""
    value = dig(data, keys)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def figure_name(keys: Sequence[str]) -> str:
    """The dotted name a reason records for a figure (``bids.Alex.away``)."""
    return ".".join(keys)


def pct(value: float) -> str:
    """A share as a whole percentage: ``0.625`` -> ``"63%"``."""
    return f"{round(value * 100):d}%"


def score(value: float) -> str:
    """A 0..1 score with two decimals: ``0.3`` -> ``"0.30"``."""
    return f"{value:.2f}"
