"""Choose, per code on the development split, how the ensemble fuses rule and model scores.

Three candidates, each written as the ``(a, b, c)`` of
``sigmoid(a * logit(p_model) + b * rule_score + c)`` or left out (which means "the larger of
the two"): the model alone ``(1, 0, 0)``, the larger score, and a logistic combiner fitted on
the two scores. Each gets the threshold that maximises its dev F1; the simplest candidate wins
unless another beats it by ``min_gain``. The result is data in the artifact's metadata
(``fusion``, ``fusion_thresholds``, ``fusion_dev``), read by :mod:`holdspace.coding.ensemble`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from holdspace.coding.base import Coder
from holdspace.coding.codes import CODES
from holdspace.coding.datasets import Example
from holdspace.coding.ensemble import fuse, rule_matrix
from holdspace.coding.evaluate import coded_examples
from holdspace.coding.learned import ModelArtifact
from holdspace.coding.train import best_threshold, labelled, logistic

__all__ = ["FusionChoice", "fit_fusion"]

FloatArray = npt.NDArray[np.float32]
_MODEL_ONLY: Final[tuple[float, float, float]] = (1.0, 0.0, 0.0)


@dataclass(slots=True)
class FusionChoice:
    """Per code: the fusion triple (absent: the larger score), threshold and dev report."""

    fusion: dict[str, list[float]] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)
    report: dict[str, dict[str, Any]] = field(default_factory=dict)


def fit_fusion(
    artifact: ModelArtifact,
    dev: Sequence[Example],
    rules: Coder,
    *,
    min_dev_positives: int = 8,
    min_gain: float = 0.01,
) -> FusionChoice:
    """The fusion of every trained code that has enough dev positives (written ones first)."""
    choice = FusionChoice()
    if not dev:
        return choice
    model = artifact.probabilities([e.text for e in dev], [e.previous for e in dev])
    ruled = rule_matrix(coded_examples(rules, dev))
    for column, code in enumerate(CODES):
        if not artifact.trained[column]:
            continue
        rows, labels, _ = labelled(dev, code)
        written = np.array([dev[row].source == "written" for row in rows], dtype=bool)
        if labels[written].sum() >= min_dev_positives:
            rows, labels = rows[written], labels[written]
        if min(int(labels.sum()), len(labels) - int(labels.sum())) < min_dev_positives:
            continue
        m, r = model[rows, column], ruled[rows, column]
        candidates: list[tuple[str, tuple[float, float, float] | None]] = [
            ("model", _MODEL_ONLY),
            ("max", None),
        ]
        if r.any():
            candidates.append(("logistic", _combiner(m, r, labels)))
        best: tuple[str, tuple[float, float, float] | None, float, float] | None = None
        for name, triple in candidates:
            fused = _fused(m, r, column, triple)
            cut, f1 = best_threshold(fused, labels)
            if best is None or f1 > best[3] + min_gain:
                best = (name, triple, cut, f1)
        assert best is not None
        name, triple, cut, f1 = best
        if triple is not None:
            choice.fusion[code] = [round(value, 5) for value in triple]
        choice.thresholds[code] = cut
        choice.report[code] = {"choice": name, "f1": round(f1, 4), "n": len(labels)}
    return choice


def _fused(
    model: FloatArray, rules: FloatArray, column: int, triple: tuple[float, float, float] | None
) -> FloatArray:
    m = np.zeros((len(model), len(CODES)), dtype=np.float32)
    r = np.zeros_like(m)
    m[:, column], r[:, column] = model, rules
    trained = np.ones(len(CODES), dtype=bool)
    fusion = {} if triple is None else {CODES[column]: triple}
    return fuse(m, r, trained=trained, fusion=fusion)[:, column]


def _combiner(
    model: FloatArray, rules: FloatArray, labels: npt.NDArray[np.int64]
) -> tuple[float, float, float]:
    logits = np.log(np.clip(model, 1e-4, 1 - 1e-4) / np.clip(1 - model, 1e-4, 1.0))
    head = logistic(1.0, balanced=False)
    head.fit(np.column_stack([logits, rules]), labels)
    a, b = (float(value) for value in head.coef_[0])
    return a, b, float(head.intercept_[0])
