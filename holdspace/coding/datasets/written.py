"""The project's own labelled set (``training/written/v1/*.jsonl``) and the codebook examples.

Every written record is labelled for all codes: a code absent from ``labels`` is a no. Records
carry a ``split`` (train, dev, test); the test split is held out from training and calibration.
The codebook's examples are positives of their code and its hard negatives are noes of it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from holdspace.coding.codes import CODES
from holdspace.coding.datasets.base import Example
from holdspace.errors import InputError

__all__ = ["DEFAULT_WRITTEN", "codebook_examples", "load_written"]

#: where the written set lives, relative to the repository root.
DEFAULT_WRITTEN = Path("training") / "written" / "v1"


def load_written(folder: Path, splits: Iterable[str] = ("train",)) -> list[Example]:
    """Records of every ``*.jsonl`` file in ``folder`` whose split is in ``splits``."""
    wanted = set(splits)
    examples: list[Example] = []
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                record = _record(line, path, number)
                if record.get("split") not in wanted:
                    continue
                positives = set(record.get("labels", []))
                previous = [str(text) for text in record.get("previous", [])]
                examples.append(
                    Example(
                        text=str(record["text"]),
                        previous=" ".join(previous[-3:]),
                        labels={code: int(code in positives) for code in CODES},
                        source="written",
                    )
                )
    return examples


def _record(line: str, path: Path, number: int) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{path}: line {number} is not valid JSON ({error.msg}); fix or remove that line."
        ) from error
    if not isinstance(record, dict) or "text" not in record:
        raise InputError(f'{path}: line {number} has no "text" field; fix or remove that line.')
    return record


def codebook_examples(version: str = "v1") -> list[Example]:
    """The codebook's examples (label 1) and hard negatives (label 0), one code each."""
    from holdspace.coding.codebook import load_codebook

    examples: list[Example] = []
    for code in load_codebook(version):
        for example, label in [(e, 1) for e in code.examples] + [
            (e, 0) for e in code.hard_negatives
        ]:
            examples.append(
                Example(
                    text=example.text,
                    previous=example.previous or "",
                    labels={code.id: label},
                    source="codebook",
                )
            )
    return examples
