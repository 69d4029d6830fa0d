"""GoEmotions (Apache-2.0): Reddit comments with 27 perceived emotions, mapped to proxy codes.

The labels are emotions *perceived* in a comment, not the acts of our codebook, so each mapping
is a proxy: ``feeling`` (sadness, fear, ... : an inner state shows; negatives are comments
labelled only neutral), ``affection`` (love, gratitude, admiration, caring), ``contempt``
(disgust), ``accountability`` (remorse). A comment whose emotions are outside a code's mapping
and not neutral is left unlabelled for that code.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Final

from holdspace.coding.datasets.base import Example, require_file

__all__ = ["CODE_EMOTIONS", "load_goemotions"]

CODE_EMOTIONS: Final[dict[str, frozenset[str]]] = {
    "feeling": frozenset(
        {
            "sadness",
            "grief",
            "fear",
            "nervousness",
            "disappointment",
            "embarrassment",
            "remorse",
            "joy",
            "relief",
            "excitement",
        }
    ),
    "affection": frozenset({"love", "gratitude", "admiration", "caring"}),
    "contempt": frozenset({"disgust"}),
    "accountability": frozenset({"remorse"}),
}
#: emotions that count as a clear "no" for a code besides neutral.
_NEGATIVE_EMOTIONS: Final[dict[str, frozenset[str]]] = {
    "feeling": frozenset(),
    "affection": frozenset({"anger", "annoyance", "disapproval", "disgust"}),
    "contempt": frozenset({"love", "gratitude", "caring", "joy", "approval", "admiration"}),
    "accountability": frozenset(),
}


def load_goemotions(folder: Path, split: str = "test", *, weight: float = 1.0) -> list[Example]:
    """Examples from ``folder/<split>.tsv`` with the proxy labels above."""
    names = (folder / "emotions.txt").read_text(encoding="utf-8").split()
    path = require_file(folder / f"{split}.tsv", dataset="goemotions")
    examples: list[Example] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 2:
                continue
            emotions = {names[int(index)] for index in row[1].split(",") if index}
            labels = _labels(emotions)
            if labels:
                examples.append(
                    Example(text=row[0], labels=labels, source="goemotions", weight=weight)
                )
    return examples


def _labels(emotions: set[str]) -> dict[str, int]:
    labels: dict[str, int] = {}
    neutral_only = emotions == {"neutral"}
    for code, positives in CODE_EMOTIONS.items():
        if emotions & positives:
            labels[code] = 1
        elif neutral_only or (emotions and emotions <= _NEGATIVE_EMOTIONS[code] | {"neutral"}):
            labels[code] = 0
    return labels
