from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from holdspace.coding.codes import CODES
from holdspace.coding.datasets import Example
from holdspace.coding.features import FeatureSpec
from holdspace.coding.fusion import fit_fusion
from holdspace.coding.learned import ModelArtifact
from holdspace.model import CodedMessage, Message

pytest.importorskip("sklearn")


class WordRules:
    """Scores ``feeling`` 1.0 when the message holds ``word``, else 0."""

    name = "test.rules.v0"

    def __init__(self, word: str) -> None:
        self.word = word

    def code(self, messages: Sequence[Message]) -> list[CodedMessage]:
        out = []
        for message in messages:
            scores = dict.fromkeys(CODES, 0.0)
            scores["feeling"] = 1.0 if self.word in message.text else 0.0
            out.append(CodedMessage(message, (), scores, {}, self.name))
        return out


def silent_model() -> ModelArtifact:
    """An artifact whose only head (feeling) says 0.3 to everything."""
    spec = FeatureSpec(text_bits=8, previous_bits=6)
    n = len(CODES)
    trained = np.zeros(n, dtype=bool)
    trained[CODES.index("feeling")] = True
    return ModelArtifact(
        spec=spec,
        weights=np.zeros((spec.size, n), dtype=np.float16),
        intercepts=np.full(n, np.log(0.3 / 0.7), dtype=np.float32),
        platt_scale=np.ones(n, dtype=np.float32),
        platt_shift=np.zeros(n, dtype=np.float32),
        thresholds=np.full(n, 0.5, dtype=np.float32),
        trained=trained,
    )


def dev() -> list[Example]:
    positives = [Example(f"sad {i}", {"feeling": 1}, source="written") for i in range(10)]
    negatives = [Example(f"plain {i}", {"feeling": 0}, source="written") for i in range(30)]
    return positives + negatives


def test_informative_rules_win_over_a_silent_model() -> None:
    choice = fit_fusion(silent_model(), dev(), WordRules("sad"))
    assert choice.report["feeling"]["choice"] == "max"
    assert choice.report["feeling"]["f1"] == 1.0
    assert "feeling" not in choice.fusion
    assert choice.thresholds["feeling"] == pytest.approx(0.31)


def test_silent_rules_leave_the_model_alone() -> None:
    choice = fit_fusion(silent_model(), dev(), WordRules("never"))
    assert choice.report["feeling"]["choice"] == "model"
    assert choice.fusion["feeling"] == [1.0, 0.0, 0.0]
    assert set(choice.report) == {"feeling"}


def test_no_dev_split_means_no_fusion() -> None:
    choice = fit_fusion(silent_model(), [], WordRules("sad"))
    assert (choice.fusion, choice.thresholds, choice.report) == ({}, {}, {})
