"""Loaders for the labelled sets the coder is trained and evaluated on, with their mappings.

Training uses only permissively licensed data: GoEmotions (Apache-2.0), TIAGE (MIT), the
codebook examples and the project's written set. The other public sets are non-commercial and
serve only to evaluate; :data:`EVAL_SETS` lists them with the codes each one speaks to.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from holdspace.coding.datasets.base import DatasetInfo, Example, stratified_sample
from holdspace.coding.datasets.goemotions import load_goemotions
from holdspace.coding.datasets.hostile import load_swda, load_ucc
from holdspace.coding.datasets.support import load_epitome, load_esconv, load_mi
from holdspace.coding.datasets.tiage import load_tiage
from holdspace.coding.datasets.written import DEFAULT_WRITTEN, codebook_examples, load_written

__all__ = [
    "DEFAULT_WRITTEN",
    "EVAL_SETS",
    "DatasetInfo",
    "Example",
    "codebook_examples",
    "load_goemotions",
    "load_tiage",
    "load_written",
    "stratified_sample",
]

EVAL_SETS: Final[tuple[DatasetInfo, ...]] = (
    DatasetInfo(
        name="esconv",
        folder="esconv",
        licence="CC BY-NC 4.0",
        split="test",
        codes=("problem_solving", "validation", "curiosity"),
        mapping="supporter strategies: Suggestions+Information / Reflection+Restatement+Affirmation / Question",
        proxy=False,
        load=lambda folder: load_esconv(folder, "test"),
    ),
    DatasetInfo(
        name="epitome",
        folder="epitome-empathy",
        licence="academic, non-commercial",
        split="all (never trained on)",
        codes=("validation", "curiosity"),
        mapping="emotional reactions >= 1 -> validation; explorations >= 1 -> curiosity",
        proxy=False,
        load=load_epitome,
    ),
    DatasetInfo(
        name="mi",
        folder="mi-peer-support-gold",
        licence="CC BY-NC-SA 3.0",
        split="test",
        codes=("validation", "problem_solving", "curiosity"),
        mapping="Reflection+Affirm+Support / Advise+Give Information+Direct / Open Question",
        proxy=False,
        load=load_mi,
    ),
    DatasetInfo(
        name="goemotions",
        folder="goemotions",
        licence="Apache-2.0",
        split="test",
        codes=("feeling", "affection", "contempt", "accountability"),
        mapping="perceived emotions (proxy): sadness/fear/joy... -> feeling; love/gratitude... -> affection; disgust -> contempt; remorse -> accountability",
        proxy=True,
        load=lambda folder: load_goemotions(folder, "test"),
    ),
    DatasetInfo(
        name="ucc",
        folder="ucc-unhealthy-comments",
        licence="CC BY-NC-SA 4.0",
        split="test",
        codes=("dismissal", "contempt"),
        mapping="dismissive -> dismissal; hostile/antagonize/condescending/sarcastic -> contempt (proxy)",
        proxy=True,
        load=lambda folder: load_ucc(folder, "test"),
    ),
    DatasetInfo(
        name="tiage",
        folder="tiage-topic-shift",
        licence="MIT",
        split="test",
        codes=("subject_change",),
        mapping="topic shift -> subject_change (proxy: any shift, not avoidance)",
        proxy=True,
        load=lambda folder: load_tiage(folder, "test"),
    ),
    DatasetInfo(
        name="swda",
        folder="swda",
        licence="CC BY-NC-SA 3.0",
        split="all (apologies + 1 in 50 others)",
        codes=("accountability",),
        mapping="apology (fa) -> accountability (proxy)",
        proxy=True,
        load=load_swda,
    ),
)


def eval_set(name: str) -> DatasetInfo:
    """The evaluation set called ``name``."""
    for info in EVAL_SETS:
        if info.name == name:
            return info
    raise KeyError(name)


def data_folder(root: Path, info: DatasetInfo) -> Path:
    """Where ``info`` lives under the public data folder ``root``."""
    return root / info.folder
