"""Sets for the avoid and hostile codes, used only to evaluate (non-commercial).

- UCC unhealthy comments test split (CC BY-NC-SA 4.0): ``dismissive`` -> ``dismissal``;
  ``hostile``, ``antagonize``, ``condescending``, ``sarcastic`` -> ``contempt``. News comments
  between strangers: dismissing an opinion, not a partner's feelings.
- SwDA (CC BY-NC-SA 3.0) all splits: apology ``fa`` -> ``accountability``, every other act a no.
  Apologies are rare (79 of ~200,000), so every apology is kept and one other utterance in 50.
"""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

from holdspace.coding.datasets.base import Example, require_file

__all__ = ["load_swda", "load_ucc"]

_CONTEMPT = ("hostile", "antagonize", "condescending", "sarcastic")


def load_ucc(folder: Path, split: str = "test") -> list[Example]:
    """Comments of ``folder/<split>.csv``; a label counts when its aggregate is >= 0.5."""
    path = require_file(folder / f"{split}.csv", dataset="ucc")
    examples: list[Example] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            labels = {
                "dismissal": int(float(row["dismissive"]) >= 0.5),
                "contempt": int(any(float(row[name]) >= 0.5 for name in _CONTEMPT)),
            }
            examples.append(Example(text=row["comment"], labels=labels, source="ucc"))
    return examples


def load_swda(folder: Path) -> list[Example]:
    """Utterances of the train, validation and test files (``speaker|text|tag`` lines)."""
    examples: list[Example] = []
    for name in ("train_set.txt.gz", "val_set.txt", "test_set.txt"):
        path = require_file(folder / name, dataset="swda")
        opener = gzip.open if name.endswith(".gz") else open
        previous = ""
        with opener(path, "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle):
                parts = line.rstrip("\n").split("|")
                if len(parts) != 3:
                    continue
                _, text, tag = parts
                is_apology = tag == "fa"
                if is_apology or number % 50 == 0:
                    examples.append(
                        Example(
                            text=text,
                            previous=previous,
                            labels={"accountability": int(is_apology)},
                            source="swda",
                        )
                    )
                previous = text
    return examples
