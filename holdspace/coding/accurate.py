"""The accurate mode: a transformer pass over the messages where the fast coder is unsure.

The fast coder (ensemble or model) codes every message first. A message goes on to MiniLM
(:mod:`holdspace.coding.embed`) when the fast coder finds it ambiguous (a code's score lies
within ``band`` times that code's threshold of the threshold) or emotionally salient (any code scores at least
``floor``), or always with ``scope="all"``. There, per-code logistic heads over the message's
vector and the vector of the other speaker's previous turn give a calibrated probability, which
is mixed with the fast score: ``blend * accurate + (1 - blend) * fast``, cut at the code's
threshold. ``blend``, the thresholds, ``band`` and ``floor`` are data, chosen on the development
split by ``holdspace train --accurate`` and stored in ``accurate_v1.npz`` / ``accurate_v1.json``.
A code with ``blend`` 0 keeps the fast decision.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from holdspace.coding.codes import CODES
from holdspace.coding.embed import MiniLMEncoder, require_accurate
from holdspace.coding.ensemble import RISK_CODES, EnsembleCoder
from holdspace.coding.learned import ModelCoder, previous_turns, sigmoid
from holdspace.errors import ComponentUnavailable
from holdspace.model import CodedMessage, Message

__all__ = ["ACCURATE_ARTIFACT", "SCOPES", "AccurateArtifact", "AccurateCoder", "fast_thresholds"]

ACCURATE_ARTIFACT: Final[Path] = Path(__file__).resolve().parent / "data" / "accurate_v1"
#: which messages the transformer sees: the unsure and salient ones, or all.
SCOPES: Final[tuple[str, ...]] = ("selected", "all")
FloatArray = npt.NDArray[np.float32]
_ARRAYS: Final[tuple[str, ...]] = (
    "weights",
    "intercepts",
    "platt_scale",
    "platt_shift",
    "trained",
    "blend",
    "thresholds",
)


@dataclass(slots=True)
class AccurateArtifact:
    """Heads over ``[message vector, previous-turn vector]`` and how to mix them with the fast."""

    weights: npt.NDArray[np.float16]
    intercepts: FloatArray
    platt_scale: FloatArray
    platt_shift: FloatArray
    trained: npt.NDArray[np.bool_]
    blend: FloatArray
    thresholds: FloatArray
    metadata: dict[str, Any] = field(default_factory=dict)

    def save(self, stem: Path) -> None:
        """Write ``<stem>.npz`` (arrays) and ``<stem>.json`` (metadata)."""
        stem.parent.mkdir(parents=True, exist_ok=True)
        with stem.with_suffix(".npz").open("wb") as handle:
            np.savez_compressed(handle, **{name: getattr(self, name) for name in _ARRAYS})
        record = {"codes": list(CODES), **self.metadata}
        stem.with_suffix(".json").write_text(
            json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )

    @classmethod
    def load(cls, stem: Path = ACCURATE_ARTIFACT) -> AccurateArtifact:
        """Read an artifact written by :meth:`save`."""
        arrays_path, meta_path = stem.with_suffix(".npz"), stem.with_suffix(".json")
        if not arrays_path.is_file() or not meta_path.is_file():
            raise ComponentUnavailable(
                f"accurate-mode weights not found at {arrays_path}; run "
                "`holdspace train --accurate` to build them or reinstall holdspace."
            )
        record = json.loads(meta_path.read_text(encoding="utf-8"))
        if record.get("codes") != list(CODES):
            raise ComponentUnavailable(
                f"{meta_path} was trained for other codes than this codebook; "
                "run `holdspace train --accurate` to rebuild it."
            )
        with np.load(arrays_path) as arrays:
            loaded = {name: arrays[name] for name in _ARRAYS}
        return cls(
            weights=loaded["weights"].astype(np.float16),
            intercepts=loaded["intercepts"].astype(np.float32),
            platt_scale=loaded["platt_scale"].astype(np.float32),
            platt_shift=loaded["platt_shift"].astype(np.float32),
            trained=loaded["trained"].astype(bool),
            blend=loaded["blend"].astype(np.float32),
            thresholds=loaded["thresholds"].astype(np.float32),
            metadata={k: v for k, v in record.items() if k != "codes"},
        )

    def probabilities(self, vectors: FloatArray, previous: FloatArray) -> FloatArray:
        """Calibrated head probabilities; codes without a head score 0."""
        raw = np.hstack([vectors, previous]) @ self.weights.astype(np.float32) + self.intercepts
        calibrated = sigmoid(raw * self.platt_scale + self.platt_shift)
        return np.where(self.trained, calibrated, 0.0).astype(np.float32)


def fast_thresholds(fast: EnsembleCoder | ModelCoder) -> FloatArray:
    """The fast coder's decision threshold of each code, in codebook order."""
    if isinstance(fast, EnsembleCoder):
        cuts = fast.thresholds()
        return np.array([cuts[code] for code in CODES], dtype=np.float32)
    return fast.model_.thresholds.astype(np.float32)


def score_matrix(coded: Sequence[CodedMessage]) -> FloatArray:
    """Scores of coded messages as ``(messages, codes)``."""
    return np.array([[item.scores[code] for code in CODES] for item in coded], dtype=np.float32)


class AccurateCoder:
    """The fast coder, with MiniLM heads on the messages it is unsure about (or on all).

    ``band`` and ``floor`` default to the values stored with the heads. After :meth:`code`,
    ``sent_`` counts the messages that went through the transformer so far, ``seen_`` all.
    """

    def __init__(
        self,
        *,
        fast: EnsembleCoder | ModelCoder,
        scope: str = "selected",
        artifact: Path | None = None,
        encoder: MiniLMEncoder | None = None,
        band: float | None = None,
        floor: float | None = None,
    ) -> None:
        self.fast = fast
        self.scope = scope
        self.artifact = artifact
        self.encoder = encoder
        self.band = band
        self.floor = floor
        #: ``holdspace.coder.accurate.v1``, or ``holdspace.coder.accurate-all.v1`` for all.
        self.name = f"holdspace.coder.accurate{'-all' if scope == 'all' else ''}.v1"
        self.sent_ = 0
        self.seen_ = 0
        self._heads: AccurateArtifact | None = None
        require_accurate()

    @property
    def heads_(self) -> AccurateArtifact:
        """The loaded heads (read on first use)."""
        if self._heads is None:
            self._heads = AccurateArtifact.load(self.artifact or ACCURATE_ARTIFACT)
        return self._heads

    def _selection(self) -> Mapping[str, float]:
        stored: Mapping[str, float] = self.heads_.metadata.get("selection", {})
        band = self.band if self.band is not None else float(stored.get("band", 0.5))
        floor = self.floor if self.floor is not None else float(stored.get("floor", 0.5))
        return {"band": band, "floor": floor}

    def select(self, scores: FloatArray, thresholds: FloatArray) -> npt.NDArray[np.bool_]:
        """Which rows of fast ``scores`` go to the transformer."""
        if self.scope == "all":
            return np.ones(len(scores), dtype=bool)
        chosen = self._selection()
        # A band relative to the threshold: an absolute one around a low threshold would send
        # every message that scores nothing at all.
        unsure = np.abs(scores - thresholds) <= chosen["band"] * thresholds
        salient = scores >= chosen["floor"]
        return np.asarray((unsure | salient).any(axis=1), dtype=bool)

    def code(self, messages: Sequence[Message]) -> list[CodedMessage]:
        """Fast codes, revised by the MiniLM heads where the transformer was used."""
        fast_coded = self.fast.code(messages)
        fast = score_matrix(fast_coded)
        text = np.array([m.kind == "text" and bool(m.text.strip()) for m in messages])
        chosen = [
            int(i) for i in np.flatnonzero(self.select(fast, fast_thresholds(self.fast)) & text)
        ]
        self.seen_ += len(messages)
        self.sent_ += len(chosen)
        if not len(chosen):
            return [replace(item, coder=self.name) for item in fast_coded]
        heads = self.heads_
        previous = previous_turns(messages)
        encoder = self.encoder or MiniLMEncoder()
        self.encoder = encoder
        vectors = encoder.encode([messages[i].text for i in chosen] + [previous[i] for i in chosen])
        accurate = heads.probabilities(vectors[: len(chosen)], vectors[len(chosen) :])
        mixed = heads.blend * accurate + (1 - heads.blend) * fast[chosen]
        out = [replace(item, coder=self.name) for item in fast_coded]
        for row, index in enumerate(chosen):
            out[index] = self._revised(fast_coded[index], mixed[row])
        return out

    def _revised(self, coded: CodedMessage, mixed: FloatArray) -> CodedMessage:
        heads = self.heads_
        scores = dict(coded.scores)
        labels: list[str] = []
        for column, code in enumerate(CODES):
            # The risk codes keep the fast coder's gated decision (see holdspace.coding.ensemble).
            if heads.blend[column] > 0 and code not in RISK_CODES:
                scores[code] = float(mixed[column])
                if mixed[column] >= heads.thresholds[column]:
                    labels.append(code)
            elif code in coded.labels:
                labels.append(code)
        evidence = {code: span for code, span in coded.evidence.items() if code in labels}
        return CodedMessage(coded.message, tuple(labels), scores, evidence, self.name)
