"""The default coder: the rule coder and the learned coder together, rule evidence kept.

For each code the two scores are fused by a small logistic model fitted on the development
split at training time (stored in the model artifact's metadata under ``"fusion"``):
``p = sigmoid(a * logit(p_model) + b * rule_score + c)``. A code without a fitted fusion takes
the larger of the two scores; a code without a learned head takes the rule score alone. Labels
use the fused thresholds; the rule coder's evidence span is kept for every label it supports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from holdspace.coding.base import Coder
from holdspace.coding.codes import CODES
from holdspace.coding.learned import ModelCoder, previous_turns, sigmoid
from holdspace.model import CodedMessage, Message

__all__ = ["EnsembleCoder", "fuse", "rule_matrix"]

FloatArray = npt.NDArray[np.float32]
_EPS: Final[float] = 1e-4


def rule_matrix(coded: Sequence[CodedMessage]) -> FloatArray:
    """The rule coder's scores as an array ``(messages, codes)``."""
    out = np.zeros((len(coded), len(CODES)), dtype=np.float32)
    for row, item in enumerate(coded):
        for column, code in enumerate(CODES):
            out[row, column] = float(item.scores.get(code, 0.0))
    return out


def fuse(
    model: FloatArray,
    rules: FloatArray,
    *,
    trained: npt.NDArray[np.bool_],
    fusion: Mapping[str, Sequence[float]],
) -> FloatArray:
    """Fused probabilities from model and rule scores (see the module docstring)."""
    logits = np.log(np.clip(model, _EPS, 1 - _EPS) / np.clip(1 - model, _EPS, 1.0))
    out = np.maximum(model, rules)
    for column, code in enumerate(CODES):
        if not trained[column]:
            out[:, column] = rules[:, column]
        elif code in fusion:
            a, b, c = fusion[code]
            out[:, column] = sigmoid(a * logits[:, column] + b * rules[:, column] + c)
    return out.astype(np.float32)


class EnsembleCoder:
    """Rules plus learned heads; ``name`` is ``holdspace.coder.ensemble.v1``."""

    name = "holdspace.coder.ensemble.v1"

    def __init__(self, *, rules: Coder | None = None, model: ModelCoder | None = None) -> None:
        self.rules = rules
        self.model = model

    def _parts(self) -> tuple[Coder, ModelCoder]:
        if self.rules is None:
            from holdspace.coding import get_coder

            self.rules = get_coder("rules")
        if self.model is None:
            self.model = ModelCoder()
        return self.rules, self.model

    def thresholds(self) -> dict[str, float]:
        """The fused decision threshold of each code."""
        _, model = self._parts()
        stored: Mapping[str, Any] = model.model_.metadata.get("fusion_thresholds", {})
        return {
            code: float(stored.get(code, model.model_.thresholds[column]))
            for column, code in enumerate(CODES)
        }

    def code(self, messages: Sequence[Message]) -> list[CodedMessage]:
        """Coded messages with fused scores, and the rule evidence behind each label."""
        rules, model = self._parts()
        by_rules = rules.code(messages)
        artifact = model.model_
        fused = fuse(
            model.score([m.text for m in messages], previous_turns(messages)),
            rule_matrix(by_rules),
            trained=artifact.trained,
            fusion=artifact.metadata.get("fusion", {}),
        )
        cuts = self.thresholds()
        out: list[CodedMessage] = []
        for message, row, ruled in zip(messages, fused, by_rules, strict=True):
            scores = dict(zip(CODES, row.tolist(), strict=True))
            if message.kind != "text":
                scores = dict.fromkeys(CODES, 0.0)
            labels = tuple(
                code
                for code in CODES
                if message.kind == "text"
                and (
                    scores[code] >= cuts[code]
                    or (code in ruled.labels and not _has_head(artifact.trained, code))
                )
            )
            evidence = {code: span for code, span in ruled.evidence.items() if code in labels}
            out.append(CodedMessage(message, labels, scores, evidence, self.name))
        return out


def _has_head(trained: npt.NDArray[np.bool_], code: str) -> bool:
    return bool(trained[CODES.index(code)])
