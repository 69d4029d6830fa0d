"""The default coder: the rule coder and the learned coder together, rule evidence kept.

For each code the two scores are fused as chosen on the development split at training time
(stored in the model artifact's metadata):

- ``"fusion_union"`` maps a code to a model cut ``t``: the code is labelled when the rules
  label it or the model's probability reaches ``t``. The score is the larger of the rule score
  and the model probability rescaled so that ``t`` falls on 0.5 (see :func:`union_scale`), so
  the label line is 0.5 and scores stay monotone in both inputs;
- ``"fusion"`` maps a code to ``(a, b, c)`` of
  ``p = sigmoid(a * logit(p_model) + b * rule_score + c)`` (``(1, 0, 0)`` is the model alone);
- any other trained code takes the larger of the two scores.

A code without a learned head takes the rule score alone. The risk codes are always a union
with a very high model cut (``"risk_gate"``): a risk label needs the rules' evidence (threats,
violence, control, self-harm) or a model probability that high, because one risk label pauses
the couple's joint features. Risk scores from ``risk_review_floor`` (0.25) up to the 0.5 label
line are model-only signals worth a therapist's look, not labels. Labels use the fused
thresholds; the rule coder's evidence span is kept for every label it supports.

Two context gates read the conversation, which the model's features do not show in full:

- a short message (``SHORT_TOKENS`` tokens or fewer: "ok", "got it", "👍") is ``withdrawal``
  only when the other speaker's previous turn was emotional (a fused ``feeling``, ``bid``,
  ``curiosity``, ``protest`` or ``self_doubt``) or the rules label it ("fine.", "whatever");
  after logistics an acknowledgement is neutral, whatever the model head says;
- a short message right after the speaker's own message ("?", "hello", the partner's name) keeps
  the rules' ``protest`` label: the model reads the other speaker's turns, not one's own;
- ``subject_change`` needs a turn to change away from: the other speaker's latest turn was
  emotional (as above) and the speaker has not written since, and the message itself does not
  engage (``ENGAGED_CODES``: a feeling, bid, question about the partner, validation ...). A new
  topic after logistics, after one's own message or as a caring question is not avoidance.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from holdspace.coding.base import Coder
from holdspace.coding.codes import CODES, RISK_CODES
from holdspace.coding.learned import ModelCoder, previous_turns, sigmoid
from holdspace.coding.rules_text import token_count
from holdspace.model import CodedMessage, Message

__all__ = [
    "EMOTIONAL_CODES",
    "ENGAGED_CODES",
    "GATED_CODES",
    "RISK_CODES",
    "RISK_REVIEW_FLOOR",
    "SHORT_TOKENS",
    "EnsembleCoder",
    "fuse",
    "rule_matrix",
    "union_scale",
]

FloatArray = npt.NDArray[np.float32]
_EPS: Final[float] = 1e-4
#: codes whose model head alone labels only at a dev precision gate (see fusion.py).
GATED_CODES: Final[tuple[str, ...]] = ("contempt",)
#: codes of a message that answers its context: such a message is no change of subject.
ENGAGED_CODES: Final[frozenset[str]] = frozenset(
    {
        "feeling",
        "bid",
        "validation",
        "curiosity",
        "affection",
        "accountability",
        "repair",
        "protest",
    }
)
#: risk scores from here to the 0.5 label line are worth a look, not labels.
RISK_REVIEW_FLOOR: Final[float] = 0.25
#: the model cut of the risk gate when the artifact stores none.
DEFAULT_RISK_CUT: Final[float] = 0.95
#: the label line of a union-fused code.
UNION_LINE: Final[float] = 0.5
#: a message this short is judged by its context (acknowledgements, pings).
SHORT_TOKENS: Final[int] = 3
#: codes of the other speaker's turn after which a bare acknowledgement is withdrawal.
EMOTIONAL_CODES: Final[frozenset[str]] = frozenset(
    {"feeling", "bid", "curiosity", "protest", "self_doubt"}
)


def union_scale(model: FloatArray, cut: float) -> FloatArray:
    """Model probabilities mapped piecewise-linearly so that ``cut`` lands on 0.5 (0->0, 1->1)."""
    low = UNION_LINE * model / cut
    high = UNION_LINE + (1 - UNION_LINE) * (model - cut) / max(1 - cut, _EPS)
    return np.where(model < cut, low, high).astype(np.float32)


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
    union: Mapping[str, float] | None = None,
) -> FloatArray:
    """Fused scores from model and rule scores (see the module docstring)."""
    logits = np.log(np.clip(model, _EPS, 1 - _EPS) / np.clip(1 - model, _EPS, 1.0))
    out = np.maximum(model, rules)
    for column, code in enumerate(CODES):
        if not trained[column]:
            out[:, column] = rules[:, column]
        elif union and code in union:
            out[:, column] = np.maximum(
                rules[:, column], union_scale(model[:, column], union[code])
            )
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
        metadata = model.model_.metadata
        stored: Mapping[str, Any] = metadata.get("fusion_thresholds", {})
        union = _union(metadata)
        return {
            code: UNION_LINE
            if code in union
            else float(stored.get(code, model.model_.thresholds[column]))
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
            union=_union(artifact.metadata),
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
        return _context_gates(out, by_rules)


def _context_gates(
    coded: list[CodedMessage], by_rules: Sequence[CodedMessage]
) -> list[CodedMessage]:
    """Apply the withdrawal and ping gates (module docstring) in conversation order."""
    out: list[CodedMessage] = []
    conversation: str | None = None
    last_speaker: str | None = None
    other_emotional: dict[str, bool] = {}  # per speaker: their latest turn was emotional
    for item, ruled in zip(coded, by_rules, strict=True):
        message = item.message
        if message.conversation != conversation:
            conversation, last_speaker, other_emotional = message.conversation, None, {}
        if message.kind != "text" or message.speaker is None:
            out.append(item)
            continue
        speaker = message.speaker
        short = token_count(message.text) <= SHORT_TOKENS
        labels, scores = list(item.labels), dict(item.scores)
        if short and "withdrawal" in labels and "withdrawal" not in ruled.labels:
            emotional = any(turn for who, turn in other_emotional.items() if who != speaker)
            if not emotional:
                labels.remove("withdrawal")
                scores["withdrawal"] = float(ruled.scores.get("withdrawal", 0.0))
        if "subject_change" in labels:
            answering = last_speaker is not None and last_speaker != speaker
            emotional = any(turn for who, turn in other_emotional.items() if who != speaker)
            if not (answering and emotional) or ENGAGED_CODES.intersection(labels):
                labels.remove("subject_change")
                scores["subject_change"] = min(scores["subject_change"], 0.49)
        if short and last_speaker == speaker and "protest" in ruled.labels:
            if "protest" not in labels:
                labels.append("protest")
            scores["protest"] = max(scores["protest"], float(ruled.scores["protest"]))
        if (labels, scores) != (list(item.labels), dict(item.scores)):
            ordered = tuple(code for code in CODES if code in labels)
            evidence = {code: span for code, span in ruled.evidence.items() if code in ordered}
            item = CodedMessage(message, ordered, scores, evidence, item.coder)
        emotional_now = bool(EMOTIONAL_CODES.intersection(item.labels))
        if last_speaker == speaker:
            other_emotional[speaker] = other_emotional.get(speaker, False) or emotional_now
        else:
            other_emotional[speaker] = emotional_now
        last_speaker = speaker
        out.append(item)
    return out


def _union(metadata: Mapping[str, Any]) -> dict[str, float]:
    """Union cuts of the artifact: the fitted ones, and the risk gate over them."""
    union = {code: float(cut) for code, cut in metadata.get("fusion_union", {}).items()}
    gate = metadata.get("risk_gate", {})
    for code in RISK_CODES:
        union[code] = float(gate.get(code, DEFAULT_RISK_CUT))
    return union


def _has_head(trained: npt.NDArray[np.bool_], code: str) -> bool:
    return bool(trained[CODES.index(code)])
