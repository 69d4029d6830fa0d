"""TIAGE (MIT): topic-shift labels on PersonaChat turns, a proxy for ``subject_change``.

A TIAGE shift is any change of topic between strangers making small talk; our code means
steering away from an emotional topic. The turn is read after the turn before it.
"""

from __future__ import annotations

import json
from pathlib import Path

from holdspace.coding.datasets.base import Example, require_file

__all__ = ["load_tiage"]


def load_tiage(folder: Path, split: str = "test", *, weight: float = 1.0) -> list[Example]:
    """Examples from ``folder/anno_<split>.json``: label 1 shift, 0 continues, first turns skipped."""
    path = require_file(folder / f"anno_{split}.json", dataset="tiage")
    dialogues = json.loads(path.read_text(encoding="utf-8"))
    examples: list[Example] = []
    for dialogue_id in sorted(dialogues, key=str):
        turns = dialogues[dialogue_id]
        for position in range(1, len(turns)):
            text, label = turns[position]
            if str(label) not in {"0", "1"}:
                continue
            examples.append(
                Example(
                    text=str(text),
                    previous=str(turns[position - 1][0]),
                    labels={"subject_change": int(label)},
                    source="tiage",
                    weight=weight,
                )
            )
    return examples
