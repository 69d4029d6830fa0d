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
    assert choice.report["feeling"]["choice"] == "union"
    assert choice.report["feeling"]["f1"] == 1.0
    assert "feeling" not in choice.fusion
    # Every model cut above 0.3 gives the same dev F1: the stable rule keeps the anchor, 0.5.
    assert choice.union == {"feeling": pytest.approx(0.5)}
    assert choice.thresholds["feeling"] == 0.5


def test_a_gain_smaller_than_the_margin_keeps_the_model() -> None:
    # The rules find one positive more than the model's 0.3 everywhere: too little to switch.
    examples = dev()[:1] + [
        Example(f"plain {i}", {"feeling": 0}, source="written") for i in range(9)
    ]
    examples += [Example(f"x {i}", {"feeling": 1}, source="written") for i in range(9)]
    choice = fit_fusion(silent_model(), examples, WordRules("sad"), min_dev_positives=1)
    assert choice.report["feeling"]["choice"] == "model"


def risky_model(probability: float) -> ModelArtifact:
    """An artifact whose only head (risk_harm) says ``probability`` to everything."""
    artifact = silent_model()
    artifact.trained[:] = False
    artifact.trained[CODES.index("risk_harm")] = True
    artifact.intercepts[:] = np.log(probability / (1 - probability))
    return artifact


class RiskRules(WordRules):
    """Scores ``risk_harm`` 0.9 when the message holds ``word``."""

    def code(self, messages: Sequence[Message]) -> list[CodedMessage]:
        out = []
        for message in messages:
            scores = dict.fromkeys(CODES, 0.0)
            scores["risk_harm"] = 0.9 if self.word in message.text else 0.0
            out.append(CodedMessage(message, (), scores, {}, self.name))
        return out


def risk_dev() -> list[Example]:
    positives = [Example(f"threat {i}", {"risk_harm": 1}, source="written") for i in range(3)]
    return positives + [Example(f"plain {i}", {"risk_harm": 0}, source="written") for i in range(5)]


@pytest.mark.parametrize(
    ("probability", "cut"),
    [
        pytest.param(0.3, 0.5, id="floor"),
        pytest.param(0.5, 0.51, id="just-above-false-alarms"),
        pytest.param(0.934, 0.94, id="above-false-alarms"),
    ],
)
def test_the_risk_gate_sits_above_every_model_only_false_alarm(
    probability: float, cut: float
) -> None:
    choice = fit_fusion(risky_model(probability), risk_dev(), RiskRules("threat"))
    assert choice.risk_gate == {"risk_harm": cut}
    assert choice.thresholds == {"risk_harm": 0.5}
    assert choice.report["risk_harm"]["choice"] == "risk_gate"
    assert "risk_harm" not in choice.fusion


def test_silent_rules_leave_the_model_alone() -> None:
    choice = fit_fusion(silent_model(), dev(), WordRules("never"))
    assert choice.report["feeling"]["choice"] == "model"
    assert choice.fusion["feeling"] == [1.0, 0.0, 0.0]
    assert set(choice.report) == {"feeling"}


def test_no_dev_split_means_no_fusion() -> None:
    choice = fit_fusion(silent_model(), [], WordRules("sad"))
    assert (choice.fusion, choice.thresholds, choice.report) == ({}, {}, {})
