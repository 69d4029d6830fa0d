from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import numpy as np
import pytest

from holdspace.coding.codes import CODES
from holdspace.coding.datasets import Example
from holdspace.coding.ensemble import EnsembleCoder, fuse
from holdspace.coding.features import FeatureSpec
from holdspace.coding.learned import ModelCoder
from holdspace.coding.train import HeadTrainer, TrainingData, train_artifact
from holdspace.model import CodedMessage, Message


class KeywordRules:
    """A rule coder in miniature: one keyword per code, with the keyword as evidence."""

    name = "test.rules.v0"
    keywords: ClassVar[dict[str, str]] = {"whatever": "withdrawal", "sad": "feeling"}

    def code(self, messages: Sequence[Message]) -> list[CodedMessage]:
        out = []
        for message in messages:
            scores = dict.fromkeys(CODES, 0.0)
            evidence = {}
            for word, code in self.keywords.items():
                if word in message.text:
                    scores[code] = 0.9
                    evidence[code] = word
            labels = tuple(code for code in CODES if code in evidence)
            out.append(CodedMessage(message, labels, scores, evidence, self.name))
        return out


def message(number: int, speaker: str, text: str) -> Message:
    return Message(id=f"m{number}", conversation="c", speaker=speaker, time=None, text=text)


SAD = ["I feel lonely", "I am so hurt", "I feel scared and alone", "I'm anxious", "I feel awful"]
PLAIN = ["the bus is late", "dinner at 7", "I bought milk", "the car is parked", "see you at 5"]


@pytest.fixture(scope="module")
def ensemble(tmp_path_factory: pytest.TempPathFactory) -> EnsembleCoder:
    """Keyword rules beside heads trained here for ``feeling`` only (no other code has a head)."""
    pytest.importorskip("sklearn")
    train = [Example(t, {"feeling": 1}, source="written") for t in SAD] + [
        Example(t, {"feeling": 0}, source="written") for t in PLAIN
    ]
    trainer = HeadTrainer(spec=FeatureSpec(text_bits=12, previous_bits=8))
    stem = tmp_path_factory.mktemp("model") / "model_v1"
    train_artifact(TrainingData(train=train, dev=[], notes=[]), trainer=trainer).save(stem)
    return EnsembleCoder(rules=KeywordRules(), model=ModelCoder(artifact=stem))


def test_rule_evidence_is_kept_for_labels(ensemble: EnsembleCoder) -> None:
    coded = ensemble.code([message(1, "Sam", "I feel so sad and lonely")])[0]
    assert "feeling" in coded.labels
    assert coded.evidence == {"feeling": "sad"}
    assert coded.coder == "holdspace.coder.ensemble.v1"


def test_code_without_learned_head_follows_the_rules(ensemble: EnsembleCoder) -> None:
    coded = ensemble.code([message(1, "Sam", "I am sad"), message(2, "Alex", "whatever")])
    assert coded[0].labels == ("feeling",)
    assert coded[1].labels == ("withdrawal",)
    assert coded[1].evidence == {"withdrawal": "whatever"}
    assert coded[1].scores["withdrawal"] == pytest.approx(0.9)


def test_learned_codes_are_added_without_rule_evidence(ensemble: EnsembleCoder) -> None:
    coded = ensemble.code([message(1, "Sam", "I feel so lonely and scared")])[0]
    assert coded.labels == ("feeling",)
    assert coded.evidence == {}


@pytest.mark.parametrize(
    ("model", "rules", "fusion", "expected"),
    [
        pytest.param(0.2, 0.9, {}, 0.9, id="max-without-fusion"),
        pytest.param(0.5, 1.0, {"feeling": (1.0, 2.0, -1.0)}, 0.7311, id="fitted-fusion"),
    ],
)
def test_fuse(model: float, rules: float, fusion: dict, expected: float) -> None:  # type: ignore[type-arg]
    trained = np.ones(len(CODES), dtype=bool)
    column = CODES.index("feeling")
    m = np.zeros((1, len(CODES)), dtype=np.float32)
    r = np.zeros((1, len(CODES)), dtype=np.float32)
    m[0, column], r[0, column] = model, rules
    out = fuse(m, r, trained=trained, fusion=fusion)
    assert out[0, column] == pytest.approx(expected, abs=1e-4)
