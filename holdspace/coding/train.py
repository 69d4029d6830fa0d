"""Rebuild the learned coder's heads from permissively licensed data, reproducibly.

Training data: GoEmotions (Apache-2.0) and TIAGE (MIT) mapped to proxy codes, the codebook's
examples and hard negatives, and the train split of the project's written set. Calibration and
thresholds use the development splits (the written dev split where it has enough positives of a
code, else the proxy dev splits); each cut follows the bootstrap rule of
:mod:`holdspace.coding.threshold`. The written test split is never read here.

scikit-learn is used here only (``pip install holdspace[dev]``); coding needs numpy alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from holdspace.coding.base import Coder
from holdspace.coding.codes import CODES
from holdspace.coding.datasets import (
    DEFAULT_WRITTEN,
    Example,
    codebook_examples,
    load_goemotions,
    load_tiage,
    load_written,
)
from holdspace.coding.features import DENSE_FEATURES, FeatureSpec, featurize
from holdspace.coding.learned import ModelArtifact, sigmoid
from holdspace.coding.threshold import THRESHOLD_RULES, rule_options, stable_threshold
from holdspace.errors import ComponentUnavailable, InputError

__all__ = [
    "CONTEXT_CODES",
    "SOURCES",
    "HeadTrainer",
    "TrainingData",
    "best_threshold",
    "collect_training_data",
    "context_negatives",
    "labelled",
    "logistic",
    "train_artifact",
]

FEATURES_VERSION: Final[str] = "holdspace.features.hashed.v1"
#: the rule that chooses every dev cut (see holdspace.coding.threshold).
DEFAULT_THRESHOLD_RULE: Final[str] = "holdspace.threshold.bootstrap.v2"


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """A training source: its licence and what its labels stand for."""

    name: str
    licence: str
    origin: str
    mapping: str


SOURCES: Final[dict[str, SourceInfo]] = {
    "goemotions": SourceInfo(
        "goemotions",
        "Apache-2.0",
        "google-research/google-research goemotions/data",
        "proxy: perceived emotions -> feeling, affection, contempt, accountability",
    ),
    "tiage": SourceInfo("tiage", "MIT", "HuiyuanXie/tiage", "proxy: topic shift -> subject_change"),
    "codebook": SourceInfo(
        "codebook",
        "project",
        "holdspace/coding/data/codebook_v1.yaml",
        "examples and hard negatives",
    ),
    "written": SourceInfo(
        "written", "project", "training/written/v1", "all codes, written for this project"
    ),
}


@dataclass(slots=True)
class TrainingData:
    """Examples to fit on, examples to calibrate on, and notes on what was (not) found."""

    train: list[Example]
    dev: list[Example]
    notes: list[str]

    def summary(self) -> list[dict[str, Any]]:
        """Per source and role: licence, example count and positives per code."""
        rows: list[dict[str, Any]] = []
        for role, examples in (("train", self.train), ("dev", self.dev)):
            for name in sorted({example.source for example in examples}):
                chosen = [example for example in examples if example.source == name]
                positives = Counter(
                    code for example in chosen for code, label in example.labels.items() if label
                )
                info = SOURCES[name]
                rows.append(
                    {
                        "source": name,
                        "role": role,
                        "licence": info.licence,
                        "origin": info.origin,
                        "mapping": info.mapping,
                        "examples": len(chosen),
                        "positives": dict(sorted(positives.items())),
                    }
                )
        return rows


def collect_training_data(
    *,
    data: Path | None,
    written: Path | None = DEFAULT_WRITTEN,
    codebook: bool = True,
    proxy_weight: float = 0.5,
) -> TrainingData:
    """Gather every permitted source that is present; missing ones are noted, not fatal."""
    train: list[Example] = []
    dev: list[Example] = []
    notes: list[str] = []
    public: list[tuple[str, Callable[[Path, str], list[Example]]]] = [
        ("goemotions", lambda folder, split: load_goemotions(folder, split, weight=proxy_weight)),
        ("tiage-topic-shift", lambda folder, split: load_tiage(folder, split, weight=proxy_weight)),
    ]
    for folder_name, loader in public:
        folder = data / folder_name if data is not None else None
        if folder is None or not folder.is_dir():
            notes.append(f"{folder_name}: not found, skipped")
            continue
        train.extend(loader(folder, "train"))
        dev.extend(loader(folder, "dev"))
    if codebook:
        train.extend(_codebook_or_note(notes))
    if written is not None and written.is_dir():
        train.extend(context_negatives(load_written(written, ("train",))))
        dev.extend(load_written(written, ("dev",)))
    else:
        notes.append(f"written set: {written} not found, skipped")
    if not train:
        raise InputError(
            "no training data found; pass --data DIR with the public datasets and run from the "
            "repository root so that training/written/v1 is found."
        )
    return TrainingData(train=train, dev=dev, notes=notes)


#: codes a plain reply to an emotional message may well carry: left unknown in the negatives.
_CONTEXT_CODES: Final[frozenset[str]] = frozenset({"subject_change", "withdrawal"})
_EMOTIONAL: Final[frozenset[str]] = frozenset({"feeling", "bid", "protest", "self_doubt"})


def context_negatives(
    written: Sequence[Example], *, copies: int = 3, seed: int = 0
) -> list[Example]:
    """``written`` plus each neutral message ``copies`` times, read after emotional messages.

    Without these, the previous-turn features teach the heads that any reply to a feeling is
    advice or dismissal ("the bus leaves at 9" after "I feel so alone"): most written positives
    of those codes follow an emotional turn. Each copy is negative for every code except the
    ones a plain reply to a feeling may carry, which stay unknown.
    """
    import random

    emotional = sorted({e.text for e in written if any(e.labels.get(code) for code in _EMOTIONAL)})
    neutral = [e for e in written if not e.previous and not any(e.labels.values())]
    if not emotional:
        return list(written)
    rng = random.Random(seed)
    added = [
        Example(
            text=e.text,
            labels={code: 0 for code in CODES if code not in _CONTEXT_CODES},
            previous=rng.choice(emotional),
            source=e.source,
            weight=e.weight,
        )
        for e in neutral
        for _ in range(copies)
    ]
    return [*written, *added]


#: codes whose head reads the other speaker's previous turn; the others judge the message alone
#: (the measure stage judges advice or information against its context, see the codebook).
CONTEXT_CODES: Final[frozenset[str]] = frozenset(
    {"validation", "repair", "dismissal", "defensiveness", "withdrawal", "subject_change"}
)
_CONTEXT_DENSE: Final[frozenset[str]] = frozenset(
    {"has_previous", "overlap_with_previous", "no_overlap_with_previous", "previous_is_question"}
)


def _message_only(spec: FeatureSpec) -> npt.NDArray[np.float64]:
    """1 for the columns that describe the message itself, 0 for those of its context."""
    mask = np.ones(spec.size)
    mask[spec.text_size : spec.dense_offset] = 0.0
    for offset, name in enumerate(DENSE_FEATURES):
        if name in _CONTEXT_DENSE:
            mask[spec.dense_offset + offset] = 0.0
    return mask


def _sparse_diagonal(values: npt.NDArray[np.float64]) -> Any:
    sparse = _require("scipy.sparse", "scipy")
    return sparse.diags(values, format="csr")


def _codebook_or_note(notes: list[str]) -> list[Example]:
    try:
        return codebook_examples("v1")
    except (ImportError, InputError, OSError) as error:
        notes.append(f"codebook examples: unavailable ({error})")
        return []


class HeadTrainer:
    """Fits one logistic head per code, then its Platt calibration and threshold.

    After :meth:`fit`: ``weights_`` (features x codes), ``intercepts_``, ``platt_scale_``,
    ``platt_shift_``, ``thresholds_``, ``trained_`` and ``dev_report_``.
    """

    def __init__(
        self,
        *,
        spec: FeatureSpec | None = None,
        regularisation: float = 4.0,
        min_examples: int = 3,
        min_dev_positives: int = 8,
        context_codes: frozenset[str] = CONTEXT_CODES,
        threshold_rule: str = DEFAULT_THRESHOLD_RULE,
    ) -> None:
        self.spec = spec
        self.regularisation = regularisation
        self.min_examples = min_examples
        self.min_dev_positives = min_dev_positives
        self.context_codes = context_codes
        self.threshold_rule = threshold_rule

    def fit(self, train: Sequence[Example], dev: Sequence[Example]) -> HeadTrainer:
        """Learn every head that has enough examples; untrained codes always score 0."""
        spec = self.spec or FeatureSpec()
        x_train = _matrix(train, spec)
        x_plain = x_train @ _sparse_diagonal(_message_only(spec))
        x_dev = _matrix(dev, spec) if dev else None
        n_codes = len(CODES)
        self.weights_ = np.zeros((spec.size, n_codes), dtype=np.float32)
        self.intercepts_ = np.full(n_codes, -10.0, dtype=np.float32)
        self.platt_scale_ = np.ones(n_codes, dtype=np.float32)
        self.platt_shift_ = np.zeros(n_codes, dtype=np.float32)
        self.thresholds_ = np.full(n_codes, 0.5, dtype=np.float32)
        self.trained_ = np.zeros(n_codes, dtype=bool)
        self.dev_report_: dict[str, dict[str, Any]] = {}
        for column, code in enumerate(CODES):
            rows, labels, weights = labelled(train, code)
            if min(int(labels.sum()), int(len(labels) - labels.sum())) < self.min_examples:
                continue
            head = logistic(self.regularisation)
            x = x_train if code in self.context_codes else x_plain
            head.fit(x[rows], labels, sample_weight=weights)
            self.weights_[:, column] = head.coef_[0]
            self.intercepts_[column] = head.intercept_[0]
            self.trained_[column] = True
            if x_dev is not None:
                self._calibrate(column, code, dev, x_dev)
        return self

    def _calibrate(self, column: int, code: str, dev: Sequence[Example], x_dev: Any) -> None:
        rows, labels, _ = labelled(dev, code)
        written = np.array([dev[row].source == "written" for row in rows], dtype=bool)
        if labels[written].sum() >= self.min_dev_positives:
            rows, labels = rows[written], labels[written]
        positives = int(labels.sum())
        if min(positives, len(labels) - positives) < self.min_dev_positives:
            return
        raw = np.asarray(x_dev[rows] @ self.weights_[:, column]).ravel()
        raw += self.intercepts_[column]
        platt = logistic(1e4, balanced=False)
        platt.fit(raw[:, None], labels)
        self.platt_scale_[column] = platt.coef_[0, 0]
        self.platt_shift_[column] = platt.intercept_[0]
        probabilities = sigmoid(raw * self.platt_scale_[column] + self.platt_shift_[column])
        choice = stable_threshold(probabilities, labels, **rule_options(self.threshold_rule))
        self.thresholds_[column] = choice.cut
        self.dev_report_[code] = {
            "n": len(labels),
            "positives": positives,
            "f1": round(choice.f1, 4),
            "threshold": choice.report(),
        }

    def artifact(self, metadata: dict[str, Any]) -> ModelArtifact:
        """The fitted heads as a shippable artifact (weights stored as float16)."""
        return ModelArtifact(
            spec=self.spec or FeatureSpec(),
            weights=self.weights_.astype(np.float16),
            intercepts=self.intercepts_,
            platt_scale=self.platt_scale_,
            platt_shift=self.platt_shift_,
            thresholds=self.thresholds_,
            trained=self.trained_,
            metadata=metadata,
        )


def best_threshold(
    probabilities: npt.NDArray[np.floating], labels: npt.NDArray[np.integer]
) -> tuple[float, float]:
    """The cut in [0.05, 0.95] that maximises F1 (ties: the lower cut), and that F1.

    The plain arg-max, kept for the bag-of-words baseline; the coders' cuts use
    :func:`holdspace.coding.threshold.stable_threshold`.
    """
    best = (0.5, -1.0)
    for cut in np.round(np.arange(0.05, 0.951, 0.01), 2):
        predicted = probabilities >= cut
        hits = int(np.sum(predicted & (labels == 1)))
        denominator = int(predicted.sum()) + int(labels.sum())
        f1 = 2 * hits / denominator if denominator else 0.0
        if f1 > best[1]:
            best = (float(cut), f1)
    return best


def labelled(
    examples: Sequence[Example], code: str
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """Rows of ``examples`` that say something about ``code``: indices, 0/1 labels, weights."""
    rows = [index for index, example in enumerate(examples) if code in example.labels]
    return (
        np.asarray(rows, dtype=np.int64),
        np.asarray([examples[row].labels[code] for row in rows], dtype=np.int64),
        np.asarray([examples[row].weight for row in rows], dtype=np.float64),
    )


def _matrix(examples: Sequence[Example], spec: FeatureSpec) -> Any:
    sparse = _require("scipy.sparse", "scipy")
    rows = featurize([e.text for e in examples], [e.previous for e in examples], spec=spec)
    matrix = sparse.csr_matrix(
        (rows.values, rows.indices, rows.indptr), shape=(rows.n_rows, rows.n_columns)
    )
    matrix.sum_duplicates()
    return matrix


def logistic(regularisation: float, *, balanced: bool = True) -> Any:
    """A scikit-learn logistic regression (deterministic); ``balanced`` weighs classes equally.

    Heads are fitted balanced (positives are rare); calibrations and combiners are not, so that
    their outputs are probabilities at the data's own base rate.
    """
    linear_model = _require("sklearn.linear_model", "scikit-learn")
    return linear_model.LogisticRegression(
        C=regularisation,
        solver="liblinear",
        class_weight="balanced" if balanced else None,
        random_state=0,
        max_iter=500,
    )


def _require(module: str, package: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ComponentUnavailable(
            f"training needs {package}, which is not installed; run "
            "`pip install 'holdspace[dev]'` (or `pip install scikit-learn`)."
        ) from error


def train_artifact(
    data: TrainingData, *, trainer: HeadTrainer | None = None, rules: Coder | None = None
) -> ModelArtifact:
    """Fit heads on ``data``, then the ensemble's fusion on its dev split (with ``rules``, by
    default the rule coder), and return the artifact with metadata on sources and licences."""
    from holdspace import __version__
    from holdspace.coding.fusion import fit_fusion

    trainer = (trainer or HeadTrainer()).fit(data.train, data.dev)
    metadata: dict[str, Any] = {
        "name": "holdspace.coder.model.v1",
        "code_version": __version__,
        "features_version": FEATURES_VERSION,
        "regularisation": trainer.regularisation,
        "context_codes": sorted(trainer.context_codes),
        "sources": data.summary(),
        "notes": data.notes,
        "threshold_rule": THRESHOLD_RULES[trainer.threshold_rule],
        "dev": trainer.dev_report_,
        "trained_codes": [code for code, ok in zip(CODES, trainer.trained_, strict=True) if ok],
    }
    artifact = trainer.artifact(metadata)
    if data.dev:
        if rules is None:
            from holdspace.coding import get_coder

            rules = get_coder("rules")
        choice = fit_fusion(
            artifact,
            data.dev,
            rules,
            min_dev_positives=trainer.min_dev_positives,
            threshold_rule=trainer.threshold_rule,
        )
        metadata["fusion"] = choice.fusion
        metadata["fusion_union"] = choice.union
        metadata["risk_gate"] = choice.risk_gate
        # The model coder alone follows the same gate: no risk label below the gate's cut.
        for code, cut in choice.risk_gate.items():
            column = CODES.index(code)
            artifact.thresholds[column] = max(float(artifact.thresholds[column]), cut)
        metadata["fusion_thresholds"] = choice.thresholds
        metadata["fusion_dev"] = choice.report
    return artifact
