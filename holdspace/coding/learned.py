"""The learned coder: per-code logistic heads over hashed features, calibrated, numpy only.

Each code has a linear head over the features of :mod:`holdspace.coding.features` (the message
and the previous message(s) of the other speaker). Its raw score goes through a Platt
calibration fitted on a development split, and a code is given when the calibrated probability
reaches the code's threshold, also chosen on the development split. Weights, calibration,
thresholds and the metadata that records the training data live in one artifact
(``model_v1.npz`` + ``model_v1.json``); ``holdspace train`` rebuilds it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from holdspace.coding.codes import CODES
from holdspace.coding.features import FeatureSpec, featurize
from holdspace.errors import ComponentUnavailable
from holdspace.model import CodedMessage, Message

__all__ = [
    "DEFAULT_ARTIFACT",
    "ModelArtifact",
    "ModelCoder",
    "previous_turns",
    "sigmoid",
]

DEFAULT_ARTIFACT: Final[Path] = Path(__file__).resolve().parent / "data" / "model_v1"
BATCH: Final[int] = 1024
FloatArray = npt.NDArray[np.float32]


def sigmoid(values: npt.NDArray[np.floating]) -> FloatArray:
    """The logistic function, computed without overflow warnings."""
    clipped = np.clip(values, -40.0, 40.0)
    result: FloatArray = (1.0 / (1.0 + np.exp(-clipped))).astype(np.float32)
    return result


@dataclass(slots=True)
class ModelArtifact:
    """Everything a trained :class:`ModelCoder` needs, as arrays plus a metadata record."""

    spec: FeatureSpec
    weights: npt.NDArray[np.float16]
    intercepts: FloatArray
    platt_scale: FloatArray
    platt_shift: FloatArray
    thresholds: FloatArray
    trained: npt.NDArray[np.bool_]
    metadata: dict[str, Any] = field(default_factory=dict)

    def save(self, stem: Path) -> None:
        """Write ``<stem>.npz`` (arrays) and ``<stem>.json`` (spec and metadata)."""
        stem.parent.mkdir(parents=True, exist_ok=True)
        with stem.with_suffix(".npz").open("wb") as handle:
            np.savez_compressed(
                handle,
                weights=self.weights,
                intercepts=self.intercepts,
                platt_scale=self.platt_scale,
                platt_shift=self.platt_shift,
                thresholds=self.thresholds,
                trained=self.trained,
            )
        record = {"codes": list(CODES), "features": self.spec.to_json(), **self.metadata}
        stem.with_suffix(".json").write_text(
            json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )

    @classmethod
    def load(cls, stem: Path = DEFAULT_ARTIFACT) -> ModelArtifact:
        """Read an artifact written by :meth:`save`."""
        arrays_path, meta_path = stem.with_suffix(".npz"), stem.with_suffix(".json")
        if not arrays_path.is_file() or not meta_path.is_file():
            raise ComponentUnavailable(
                f"model weights not found at {arrays_path}; run `holdspace train` to build them "
                "or reinstall holdspace."
            )
        record = json.loads(meta_path.read_text(encoding="utf-8"))
        with np.load(arrays_path) as arrays:
            loaded = {name: arrays[name] for name in arrays.files}
        if record.get("codes") != list(CODES):
            raise ComponentUnavailable(
                f"{meta_path} was trained for other codes than this codebook; "
                "run `holdspace train` to rebuild it."
            )
        metadata = {k: v for k, v in record.items() if k not in {"codes", "features"}}
        return cls(
            spec=FeatureSpec.from_json(record["features"]),
            weights=loaded["weights"],
            intercepts=loaded["intercepts"].astype(np.float32),
            platt_scale=loaded["platt_scale"].astype(np.float32),
            platt_shift=loaded["platt_shift"].astype(np.float32),
            thresholds=loaded["thresholds"].astype(np.float32),
            trained=loaded["trained"].astype(bool),
            metadata=metadata,
        )

    def raw_scores(self, texts: Sequence[str], previous: Sequence[str]) -> FloatArray:
        """Uncalibrated head outputs, shape ``(len(texts), len(CODES))``."""
        rows = featurize(texts, previous, spec=self.spec)
        return rows.dot(self.weights) + self.intercepts

    def probabilities(self, texts: Sequence[str], previous: Sequence[str]) -> FloatArray:
        """Calibrated probabilities; codes without a trained head score 0."""
        out = np.zeros((len(texts), len(CODES)), dtype=np.float32)
        for start in range(0, len(texts), BATCH):
            raw = self.raw_scores(texts[start : start + BATCH], previous[start : start + BATCH])
            calibrated = sigmoid(raw * self.platt_scale + self.platt_shift)
            out[start : start + BATCH] = np.where(self.trained, calibrated, 0.0)
        return out


def previous_turns(messages: Sequence[Message], *, most: int = 3) -> list[str]:
    """For each message, the latest run (up to ``most``) of the other speaker's messages before it.

    Only messages of the same conversation count; a message with no earlier message from
    someone else gets "".
    """
    result: list[str] = []
    runs: list[tuple[str, list[str]]] = []
    conversation: str | None = None
    for message in messages:
        if message.conversation != conversation:
            runs, conversation = [], message.conversation
        other = next((texts for who, texts in reversed(runs) if who != message.speaker), None)
        result.append(" ".join(other[-most:]) if other else "")
        if message.kind != "text" or message.speaker is None:
            continue
        if runs and runs[-1][0] == message.speaker:
            runs[-1][1].append(message.text)
        else:
            runs = [*runs[-1:], (message.speaker, [message.text])]
    return result


class ModelCoder:
    """Codes messages with the trained heads; ``name`` is ``holdspace.coder.model.v1``."""

    name = "holdspace.coder.model.v1"

    def __init__(self, *, artifact: Path | None = None) -> None:
        self.artifact = artifact
        self._model: ModelArtifact | None = None

    @property
    def model_(self) -> ModelArtifact:
        """The loaded artifact (read on first use)."""
        if self._model is None:
            self._model = ModelArtifact.load(self.artifact or DEFAULT_ARTIFACT)
        return self._model

    def score(self, texts: Sequence[str], previous: Sequence[str]) -> FloatArray:
        """Calibrated probabilities for texts read after ``previous``."""
        return self.model_.probabilities(texts, previous)

    def code(self, messages: Sequence[Message]) -> list[CodedMessage]:
        """One coded message per message, each scored in the context of the other speaker."""
        probabilities = self.score([m.text for m in messages], previous_turns(messages))
        return list(self._coded(messages, probabilities))

    def _coded(
        self, messages: Sequence[Message], probabilities: FloatArray
    ) -> Iterator[CodedMessage]:
        thresholds = self.model_.thresholds
        for message, row in zip(messages, probabilities, strict=True):
            scores = dict(zip(CODES, row.tolist(), strict=True))
            if message.kind != "text":
                scores = dict.fromkeys(CODES, 0.0)
            labels = tuple(
                code
                for code, value, cut in zip(CODES, row, thresholds, strict=True)
                if message.kind == "text" and value >= cut
            )
            yield CodedMessage(message, labels, scores, {}, self.name)
