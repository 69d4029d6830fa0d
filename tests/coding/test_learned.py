from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest

from holdspace.coding.codes import CODES
from holdspace.coding.features import FeatureSpec, featurize
from holdspace.coding.learned import DEFAULT_ARTIFACT, ModelArtifact, ModelCoder, previous_turns
from holdspace.errors import ComponentUnavailable
from holdspace.model import Message


def message(number: int, speaker: str | None, text: str, conversation: str = "c1") -> Message:
    return Message(
        id=f"m{number}",
        conversation=conversation,
        speaker=speaker,
        time=datetime(2025, 3, 2, 21, number),
        text=text,
    )


@pytest.fixture(scope="module")
def coder() -> ModelCoder:
    return ModelCoder()


@pytest.mark.parametrize(
    ("text", "previous", "code"),
    [
        pytest.param("I feel so lonely and sad tonight", "", "feeling", id="feeling"),
        pytest.param("can we talk tonight? I miss you", "", "bid", id="bid"),
        pytest.param("thank you, I love you so much", "", "affection", id="affection"),
        pytest.param(
            "that makes so much sense, of course you're upset",
            "I felt invisible at dinner",
            "validation",
            id="validation",
        ),
        pytest.param("I'm sorry, I was wrong to snap at you", "", "accountability", id="apology"),
    ],
)
def test_clear_cases_get_their_code(coder: ModelCoder, text: str, previous: str, code: str) -> None:
    scores = coder.score([text], [previous])[0]
    column = CODES.index(code)
    assert scores[column] >= coder.model_.thresholds[column]


def test_neutral_logistics_get_no_code(coder: ModelCoder) -> None:
    [coded] = coder.code([message(1, "Sam", "the bus leaves at 9")])
    assert coded.labels == ()
    assert coded.coder == "holdspace.coder.model.v1"
    assert set(coded.scores) == set(CODES)


def test_context_changes_the_outcome_after_a_feeling(coder: ModelCoder) -> None:
    reply = "anyway did you pay the electric bill?"
    scores = coder.score([reply, reply], ["I feel so alone lately", "did you pay the gas bill?"])
    column = CODES.index("subject_change")
    assert scores[0, column] > scores[1, column] + 0.2


def test_probabilities_are_calibrated_into_the_unit_interval(coder: ModelCoder) -> None:
    texts = ["", "ok", "I hate this!!!", "why do you never listen to me", "x" * 5000]
    scores = coder.score(texts, [""] * len(texts))
    assert scores.shape == (5, len(CODES))
    assert float(scores.min()) >= 0.0
    assert float(scores.max()) <= 1.0


def test_thresholds_come_from_the_artifact(coder: ModelCoder) -> None:
    loaded = ModelArtifact.load(DEFAULT_ARTIFACT)
    np.testing.assert_array_equal(coder.model_.thresholds, loaded.thresholds)
    assert loaded.thresholds.shape == (len(CODES),)
    assert not np.all(loaded.thresholds == 0.5)


def test_committed_metadata_records_sources_licences_and_code_version() -> None:
    metadata = ModelArtifact.load(DEFAULT_ARTIFACT).metadata
    licences = {row["source"]: row["licence"] for row in metadata["sources"]}
    assert licences["goemotions"] == "Apache-2.0"
    assert licences["tiage"] == "MIT"
    assert licences["written"] == "project"
    assert metadata["code_version"]
    assert metadata["features_version"] == "holdspace.features.hashed.v1"


def test_missing_artifact_says_how_to_rebuild(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ComponentUnavailable) as caught:
        ModelArtifact.load(tmp_path / "model_v1")
    assert str(caught.value) == (
        f"model weights not found at {tmp_path / 'model_v1.npz'}; run `holdspace train` to "
        "build them or reinstall holdspace."
    )


def test_previous_turns_are_the_other_speakers_last_run() -> None:
    messages = [
        message(1, "Sam", "I felt invisible"),
        message(2, "Sam", "at dinner"),
        message(3, "Alex", "sorry"),
        message(4, "Alex", "what happened?"),
        message(5, "Sam", "you were on your phone"),
        message(6, "Alex", "new chat", conversation="c2"),
    ]
    assert previous_turns(messages) == [
        "",
        "",
        "I felt invisible at dinner",
        "I felt invisible at dinner",
        "sorry what happened?",
        "",
    ]


def test_features_are_stable_and_every_row_holds_the_bias() -> None:
    spec = FeatureSpec(text_bits=10, previous_bits=8)
    first = featurize(["hello there", ""], ["", "hi"], spec=spec)
    second = featurize(["hello there", ""], ["", "hi"], spec=spec)
    np.testing.assert_array_equal(first.indices, second.indices)
    assert first.n_rows == 2
    assert first.n_columns == spec.size
    bias = spec.dense_offset
    for row in range(2):
        assert bias in first.indices[first.indptr[row] : first.indptr[row + 1]]


@pytest.mark.parametrize("text", ["the bus leaves at 9", "ok see you at 6", "running 10 min late"])
def test_a_neutral_reply_to_a_feeling_is_not_advice_or_dismissal(
    coder: ModelCoder, text: str
) -> None:
    coded = coder.code([message(1, "Sam", "I feel so alone lately"), message(2, "Alex", text)])
    assert not {"problem_solving", "dismissal"} & set(coded[1].labels)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        pytest.param("you should try going to bed earlier", "problem_solving", id="advice"),
        pytest.param("maybe I'm asking for too much", "self_doubt", id="self-doubt"),
        pytest.param("you never listen to me", "protest", id="protest"),
    ],
)
def test_message_only_codes_fire_without_context(coder: ModelCoder, text: str, code: str) -> None:
    [coded] = coder.code([message(1, "Sam", text)])
    assert code in coded.labels
