"""Choose, per code on the development split, how the ensemble fuses rule and model scores.

Candidates, from the simplest: the model alone, the union (labelled when the rules label it or
the model reaches a cut chosen here), the larger of the two scores, and a logistic combiner of
both. The model alone is kept unless another candidate beats the one kept so far by
``min_gain`` in dev F1 *and* wins in at least ``stability`` of ``resamples`` bootstrap
resamples of the dev split: the written dev split is small and unlike the public sets, and a
fusion that only fits its quirks cost the model its recall on them.

The risk codes are not fitted this way. They always take the union with a high model cut (the
risk gate): the lowest cut from ``risk_floor`` up at which the union's precision on the written
dev split reaches ``risk_precision`` (0.9) and the model alone adds no false label
(``holdspace.riskgate.precision.v1``). A risk label then needs rule evidence or that cut.
``contempt`` (``GATED_CODES``) takes the same gate, stored as its union cut.

The result is data in the artifact's metadata (``fusion``, ``fusion_union``, ``risk_gate``,
``fusion_thresholds``, ``fusion_dev``), read by :mod:`holdspace.coding.ensemble`.
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
from holdspace.coding.ensemble import GATED_CODES, RISK_CODES, UNION_LINE, fuse, rule_matrix
from holdspace.coding.evaluate import coded_examples
from holdspace.coding.learned import ModelArtifact
from holdspace.coding.threshold import CUTS, choose_cut, rule_options, stable_threshold
from holdspace.coding.train import labelled, logistic

__all__ = ["FusionChoice", "fit_fusion", "risk_cut"]

FloatArray = npt.NDArray[np.float32]
_MODEL_ONLY: Final[tuple[float, float, float]] = (1.0, 0.0, 0.0)
_RULE_LINE: Final[float] = 0.5

#: a candidate: its name, its fusion (a triple, a union cut, or None for the larger score).
_Fusion = tuple[float, float, float] | float | None


@dataclass(slots=True)
class FusionChoice:
    """Per code: the fusion triple or union cut (absent: larger score), threshold, dev report."""

    fusion: dict[str, list[float]] = field(default_factory=dict)
    union: dict[str, float] = field(default_factory=dict)
    risk_gate: dict[str, float] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)
    report: dict[str, dict[str, Any]] = field(default_factory=dict)


def fit_fusion(
    artifact: ModelArtifact,
    dev: Sequence[Example],
    rules: Coder,
    *,
    min_dev_positives: int = 8,
    min_gain: float = 0.02,
    stability: float = 0.9,
    resamples: int = 200,
    risk_floor: float = 0.5,
    risk_precision: float = 0.9,
    seed: int = 0,
    threshold_rule: str = "holdspace.threshold.bootstrap.v2",
) -> FusionChoice:
    """The fusion of every trained code that has enough dev positives (written ones first)."""
    choice = FusionChoice()
    if not dev:
        return choice
    model = artifact.probabilities([e.text for e in dev], [e.previous for e in dev])
    ruled = rule_matrix(coded_examples(rules, dev))
    rng = np.random.default_rng(seed)
    for column, code in enumerate(CODES):
        if not artifact.trained[column]:
            continue
        rows, labels, _ = labelled(dev, code)
        written = np.array([dev[row].source == "written" for row in rows], dtype=bool)
        if labels[written].sum() >= min_dev_positives:
            rows, labels = rows[written], labels[written]
        m, r = model[rows, column], ruled[rows, column]
        if code in RISK_CODES:
            cut = risk_cut(m, r, labels, floor=risk_floor, precision=risk_precision)
            choice.risk_gate[code] = cut
            choice.thresholds[code] = UNION_LINE
            decided = (r >= _RULE_LINE) | (m >= cut)
            choice.report[code] = {
                "choice": "risk_gate",
                "f1": round(_f1(decided, labels), 4),
                "n": len(labels),
            }
            continue
        if min(int(labels.sum()), len(labels) - int(labels.sum())) < min_dev_positives:
            continue
        if code in GATED_CODES:
            # Mockery is read from tone the n-grams barely see; the head alone over-labelled
            # plain texting ("just saw the weirdest car"), so it gets a precision gate too.
            cut = risk_cut(m, r, labels, floor=risk_floor, precision=risk_precision)
            choice.union[code] = cut
            choice.thresholds[code] = UNION_LINE
            decided = (r >= _RULE_LINE) | (m >= cut)
            choice.report[code] = {
                "choice": "precision_gate",
                "union_cut": cut,
                "f1": round(_f1(decided, labels), 4),
                "n": len(labels),
            }
            continue
        boot = rng.integers(0, len(labels), size=(resamples, len(labels)))
        options = rule_options(threshold_rule)
        kept = _candidate("model", _MODEL_ONLY, m, r, labels, column, options)
        union = _union_cut(m, r, labels, options)
        challengers = [_candidate("union", union, m, r, labels, column, options)]
        challengers.append(_candidate("max", None, m, r, labels, column, options))
        if r.any():
            combiner = _combiner(m, r, labels)
            challengers.append(_candidate("logistic", combiner, m, r, labels, column, options))
        for challenger in challengers:
            gain = challenger.f1 - kept.f1
            wins = np.mean(
                [
                    _f1(challenger.decided[b], labels[b]) > _f1(kept.decided[b], labels[b])
                    for b in boot
                ]
            )
            if gain >= min_gain and wins >= stability:
                kept = challenger
        if isinstance(kept.fusion, tuple):
            choice.fusion[code] = [round(value, 5) for value in kept.fusion]
        elif isinstance(kept.fusion, float):
            choice.union[code] = kept.fusion
        choice.thresholds[code] = kept.threshold
        choice.report[code] = {
            "choice": kept.name,
            "f1": round(kept.f1, 4),
            "n": len(labels),
            "threshold": kept.cut_report,
        }
    return choice


def risk_cut(
    model: FloatArray,
    rules: FloatArray,
    labels: npt.NDArray[np.int64],
    *,
    floor: float = 0.5,
    precision: float = 0.9,
    max_model_false: int = 0,
) -> float:
    """The lowest model cut from ``floor`` at which "rules or model >= cut" has dev precision
    ``precision`` and the model alone adds at most ``max_model_false`` false labels."""
    ruled = rules >= _RULE_LINE
    truth = labels == 1
    for cut in np.round(np.arange(floor, 0.991, 0.01), 2):
        decided = ruled | (model >= cut)
        labelled_n = int(decided.sum())
        hits = int((decided & truth).sum())
        model_false = int(((model >= cut) & ~ruled & ~truth).sum())
        if labelled_n and hits / labelled_n >= precision and model_false <= max_model_false:
            return float(cut)
    return 0.99


@dataclass(frozen=True, slots=True)
class _Candidate:
    name: str
    fusion: _Fusion
    threshold: float
    f1: float
    decided: npt.NDArray[np.bool_]
    cut_report: dict[str, Any]


def _candidate(
    name: str,
    fusion: _Fusion,
    model: FloatArray,
    rules: FloatArray,
    labels: npt.NDArray[np.int64],
    column: int,
    options: dict[str, Any],
) -> _Candidate:
    fused = _fused(model, rules, column, fusion)
    if isinstance(fusion, float):
        decided = fused >= UNION_LINE
        union = {"union_cut": fusion, "f1": round(_f1(decided, labels), 4)}
        return _Candidate(name, fusion, UNION_LINE, _f1(decided, labels), decided, union)
    chosen = stable_threshold(fused, labels, **options)
    return _Candidate(name, fusion, chosen.cut, chosen.f1, fused >= chosen.cut, chosen.report())


def _f1(decided: npt.NDArray[np.bool_], labels: npt.NDArray[np.int64]) -> float:
    hits = int(np.sum(decided & (labels == 1)))
    denominator = int(decided.sum()) + int(labels.sum())
    return 2 * hits / denominator if denominator else 0.0


def _union_cut(
    model: FloatArray, rules: FloatArray, labels: npt.NDArray[np.int64], options: dict[str, Any]
) -> float:
    """The model cut of "rules or model >= cut", chosen by the stable rule on the dev split."""
    decided = (rules[:, None] >= _RULE_LINE) | (model[:, None] >= CUTS[None, :])
    return choose_cut(decided, labels, **options).cut


def _fused(model: FloatArray, rules: FloatArray, column: int, fusion: _Fusion) -> FloatArray:
    m = np.zeros((len(model), len(CODES)), dtype=np.float32)
    r = np.zeros_like(m)
    m[:, column], r[:, column] = model, rules
    trained = np.ones(len(CODES), dtype=bool)
    code = CODES[column]
    triples = {code: fusion} if isinstance(fusion, tuple) else {}
    union = {code: fusion} if isinstance(fusion, float) else {}
    return fuse(m, r, trained=trained, fusion=triples, union=union)[:, column]


def _combiner(
    model: FloatArray, rules: FloatArray, labels: npt.NDArray[np.int64]
) -> tuple[float, float, float]:
    logits = np.log(np.clip(model, 1e-4, 1 - 1e-4) / np.clip(1 - model, 1e-4, 1.0))
    head = logistic(1.0, balanced=False)
    head.fit(np.column_stack([logits, rules]), labels)
    a, b = (float(value) for value in head.coef_[0])
    return a, b, float(head.intercept_[0])
