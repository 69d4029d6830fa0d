from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from holdspace.coding.codes import CODES
from holdspace.coding.datasets import Example
from holdspace.coding.features import FeatureSpec
from holdspace.coding.learned import ModelArtifact, ModelCoder
from holdspace.coding.train import HeadTrainer, TrainingData, best_threshold, train_artifact

pytest.importorskip("sklearn")

SAD = ["I feel sad", "I am so lonely", "I feel hurt and alone", "I'm scared", "I feel awful"]
PLAIN = ["the bus is late", "dinner at 7", "I bought milk", "the car is parked", "see you at 5"]


def tiny() -> TrainingData:
    train = [Example(t, {"feeling": 1}, source="written") for t in SAD] + [
        Example(t, {"feeling": 0}, source="written") for t in PLAIN
    ]
    return TrainingData(train=train, dev=[], notes=[])


def trainer() -> HeadTrainer:
    return HeadTrainer(spec=FeatureSpec(text_bits=12, previous_bits=8), regularisation=4.0)


def test_retraining_on_the_same_data_gives_the_same_weights() -> None:
    first = train_artifact(tiny(), trainer=trainer())
    second = train_artifact(tiny(), trainer=trainer())
    np.testing.assert_array_equal(first.weights, second.weights)
    np.testing.assert_array_equal(first.intercepts, second.intercepts)
    assert first.metadata["trained_codes"] == ["feeling"]


def test_saved_artifact_codes_like_the_trainer(tmp_path: Path) -> None:
    artifact = train_artifact(tiny(), trainer=trainer())
    artifact.save(tmp_path / "model_v1")
    coder = ModelCoder(artifact=tmp_path / "model_v1")
    scores = coder.score(["I feel so sad and alone", "the bus is at 7"], ["", ""])
    column = CODES.index("feeling")
    assert scores[0, column] > 0.5 > scores[1, column]
    assert scores[:, CODES.index("bid")].tolist() == [0.0, 0.0]
    metadata = ModelArtifact.load(tmp_path / "model_v1").metadata
    assert metadata["sources"] == [
        {
            "source": "written",
            "role": "train",
            "licence": "project",
            "origin": "training/written/v1",
            "mapping": "all codes, written for this project",
            "examples": 10,
            "positives": {"feeling": 5},
        }
    ]


@pytest.mark.parametrize(
    ("probabilities", "labels", "expected"),
    [
        pytest.param([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0], (0.21, 1.0), id="separable"),
        pytest.param([0.9, 0.3, 0.2], [1, 0, 1], (0.05, 0.8), id="low-cut-wins"),
    ],
)
def test_best_threshold(
    probabilities: list[float], labels: list[int], expected: tuple[float, float]
) -> None:
    cut, f1 = best_threshold(np.array(probabilities), np.array(labels))
    assert (cut, round(f1, 4)) == expected


def test_context_negatives_pair_neutral_messages_with_emotional_turns() -> None:
    from holdspace.coding.train import context_negatives

    everything = dict.fromkeys(CODES, 0)
    written = [
        Example("I feel so alone", {**everything, "feeling": 1}, source="written"),
        Example("the bus leaves at 9", everything, source="written"),
        Example("sure", everything, previous="dinner?", source="written"),
    ]
    out = context_negatives(written, copies=2)
    assert out[:3] == written
    assert [(e.text, e.previous) for e in out[3:]] == [
        ("the bus leaves at 9", "I feel so alone"),
        ("the bus leaves at 9", "I feel so alone"),
    ]
    assert set(out[3].labels) == set(CODES) - {"subject_change", "withdrawal"}
    assert not any(out[3].labels.values())


def test_message_only_heads_ignore_the_previous_turn() -> None:
    train = [Example(t, {"feeling": 1}, previous="the bus", source="written") for t in SAD] + [
        Example(t, {"feeling": 0}, previous="I feel sad", source="written") for t in PLAIN
    ]
    fitted = trainer().fit(train, [])
    spec = FeatureSpec(text_bits=12, previous_bits=8)
    column = CODES.index("feeling")
    assert not fitted.weights_[spec.text_size : spec.dense_offset, column].any()
    assert fitted.weights_[: spec.text_size, column].any()
