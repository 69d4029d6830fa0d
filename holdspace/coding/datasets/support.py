"""Support-conversation sets used only to evaluate (non-commercial: never trained on).

- ESConv (CC BY-NC 4.0) supporter turns, read after the seeker's last turn(s): Providing
  Suggestions and Information -> ``problem_solving``; Reflection of feelings, Restatement or
  Paraphrasing, Affirmation and Reassurance -> ``validation``; Question -> ``curiosity``.
  The strategies are the writer's own choice of one act per turn.
- EPITOME (academic licence) Reddit replies, read after the seeker's post: emotional reaction
  level >= 1 -> ``validation``; exploration level >= 1 -> ``curiosity``.
- MI peer-support gold test split (CC BY-NC-SA 3.0) sentences, no context: reflections, Affirm,
  Support -> ``validation``; Advise, Give Information, Direct -> ``problem_solving``; Open
  Question -> ``curiosity``.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Final

from holdspace.coding.datasets.base import Example, require_file

__all__ = ["load_epitome", "load_esconv", "load_mi"]

_ESCONV: Final[dict[str, dict[str, int]]] = {
    "Providing Suggestions": {"problem_solving": 1, "validation": 0, "curiosity": 0},
    "Information": {"problem_solving": 1, "validation": 0, "curiosity": 0},
    "Reflection of feelings": {"problem_solving": 0, "validation": 1, "curiosity": 0},
    "Restatement or Paraphrasing": {"problem_solving": 0, "validation": 1, "curiosity": 0},
    "Affirmation and Reassurance": {"problem_solving": 0, "validation": 1, "curiosity": 0},
    "Question": {"validation": 0, "curiosity": 1},
    "Self-disclosure": {"curiosity": 0},
    "Others": {"curiosity": 0},
}


def load_esconv(folder: Path, split: str = "test") -> list[Example]:
    """Supporter turns of ``folder/<split>.json`` (one dialogue per line)."""
    path = require_file(folder / f"{split}.json", dataset="esconv")
    examples: list[Example] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            seeker: list[str] = []
            last_speaker = ""
            for turn in json.loads(line)["dialog"]:
                text = str(turn.get("text", "")).strip()
                if turn.get("speaker") == "usr":
                    if last_speaker != "usr":
                        seeker = []
                    seeker.append(text)
                else:
                    labels = _ESCONV.get(str(turn.get("strategy")))
                    if labels and text:
                        examples.append(
                            Example(
                                text=text,
                                previous=" ".join(seeker[-3:]),
                                labels=labels,
                                source="esconv",
                            )
                        )
                last_speaker = str(turn.get("speaker"))
    return examples


def load_epitome(folder: Path) -> list[Example]:
    """Replies from the emotional-reactions and explorations files, one example per file row."""
    examples: list[Example] = []
    for file_name, code in (
        ("emotional-reactions-reddit.csv", "validation"),
        ("explorations-reddit.csv", "curiosity"),
    ):
        path = require_file(folder / file_name, dataset="epitome")
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                examples.append(
                    Example(
                        text=row["response_post"],
                        previous=row["seeker_post"],
                        labels={code: 1 if int(row["level"]) >= 1 else 0},
                        source="epitome",
                    )
                )
    return examples


_MI_VALIDATION: Final = frozenset({"Simple Reflection", "Complex Reflection", "Affirm", "Support"})
_MI_PROBLEM: Final = frozenset(
    {"Advise without Permission", "Advise with Permission", "Give Information", "Direct"}
)


def load_mi(folder: Path) -> list[Example]:
    """Gold-labelled sentences of ``folder/mi_gold_test_output.csv`` (authors' predictions ignored)."""
    path = require_file(folder / "mi_gold_test_output.csv", dataset="mi")
    examples: list[Example] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            gold = row["Ground truth"].strip()
            labels = {
                "validation": int(gold in _MI_VALIDATION),
                "problem_solving": int(gold in _MI_PROBLEM),
            }
            if gold != "Closed Question":
                labels["curiosity"] = int(gold == "Open Question")
            examples.append(Example(text=row["Text"], labels=labels, source="mi"))
    return examples
