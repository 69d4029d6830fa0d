"""What every dataset loader returns: examples with per-code labels, and how to sample them.

A public set labels only some of our codes (often through a proxy mapping); ``Example.labels``
therefore holds only the codes the source says something about, 1 for yes and 0 for no. A code
absent from ``labels`` is unknown for that example and is neither trained nor scored on it.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from holdspace.errors import InputError

__all__ = ["DatasetInfo", "Example", "require_file", "stratified_sample"]


@dataclass(frozen=True, slots=True)
class Example:
    """One message to train on or score, read after ``previous`` (the other speaker's turn)."""

    text: str
    labels: Mapping[str, int]
    previous: str = ""
    source: str = ""
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class DatasetInfo:
    """A public evaluation set: where it lives, its licence, and what its labels stand for."""

    name: str
    folder: str
    licence: str
    split: str
    codes: tuple[str, ...]
    mapping: str
    proxy: bool
    load: Callable[[Path], list[Example]] = field(repr=False)


def require_file(path: Path, *, dataset: str) -> Path:
    """``path`` when it exists, else an :class:`InputError` that says what to pass."""
    if not path.is_file():
        raise InputError(
            f"{dataset}: {path} not found; pass --data DIR pointing at the folder that holds "
            f"the public datasets (it should contain {path.parent.name}/{path.name})."
        )
    return path


def stratified_sample(
    examples: Sequence[Example], *, limit: int | None, seed: int = 13
) -> list[Example]:
    """At most ``limit`` examples, keeping each label pattern's share (at least one of each)."""
    if limit is None or len(examples) <= limit:
        return list(examples)
    groups: dict[tuple[tuple[str, int], ...], list[Example]] = {}
    for example in examples:
        groups.setdefault(tuple(sorted(example.labels.items())), []).append(example)
    rng = random.Random(seed)
    chosen: list[Example] = []
    for key in sorted(groups):
        members = groups[key]
        share = max(1, round(limit * len(members) / len(examples)))
        chosen.extend(rng.sample(members, min(share, len(members))))
    rng.shuffle(chosen)
    return chosen[:limit]
