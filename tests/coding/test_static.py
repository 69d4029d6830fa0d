from __future__ import annotations

import importlib.util
import random
import time
from pathlib import Path

import numpy as np
import pytest

from holdspace.coding.static import DEFAULT_FOLDER, StaticEmbedder, WordPiece
from holdspace.errors import ComponentUnavailable, InvalidSetting

BACKENDS = [
    pytest.param("python", id="python"),
    pytest.param(
        "tokenizers",
        id="tokenizers",
        marks=pytest.mark.skipif(
            importlib.util.find_spec("tokenizers") is None, reason="tokenizers not installed"
        ),
    ),
]
TEXTS = [
    "I feel so alone lately",
    "can we talk tonight?",
    "Café naïve résumé — I'm “so” tired!!",
    "你好 world",
    "hi😊 there",
    "qwxzv_foo-bar don't",
]


@pytest.fixture(scope="module", params=BACKENDS)
def embedder(request: pytest.FixtureRequest) -> StaticEmbedder:
    return StaticEmbedder(backend=request.param)


def test_shape_and_unit_length(embedder: StaticEmbedder) -> None:
    vectors = embedder.embed(TEXTS)
    assert vectors.shape == (len(TEXTS), 128)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_deterministic_and_independent_of_batching(embedder: StaticEmbedder) -> None:
    whole = embedder.embed(TEXTS)
    one_by_one = np.vstack([embedder.embed([text]) for text in TEXTS])
    assert np.array_equal(whole, StaticEmbedder(backend=embedder.backend).embed(TEXTS))
    assert np.allclose(whole, one_by_one, atol=1e-6)


@pytest.mark.parametrize(
    "text", ["", "   ", "\u0301\u0301", "😊"], ids=["empty", "spaces", "marks", "emoji"]
)
def test_text_without_known_pieces_is_zero(embedder: StaticEmbedder, text: str) -> None:
    vectors = embedder.embed(["hello there", text])
    assert not vectors[1].any()
    assert vectors[0].any()


def test_unknown_words_are_skipped(embedder: StaticEmbedder) -> None:
    plain, noisy = embedder.embed(["can we talk tonight", "can we talk tonight 😊😊"])
    assert np.allclose(plain, noisy, atol=1e-6)


def test_similar_messages_are_closer_than_unrelated_ones(embedder: StaticEmbedder) -> None:
    sad, lonely, bill = embedder.embed(
        ["I feel so sad and alone", "I'm lonely and miserable", "did you pay the electric bill"]
    )
    assert float(sad @ lonely) > float(sad @ bill)


def test_both_backends_give_the_same_vectors() -> None:
    if importlib.util.find_spec("tokenizers") is None:
        pytest.skip("tokenizers not installed")
    python = StaticEmbedder(backend="python").embed(TEXTS)
    rust = StaticEmbedder(backend="tokenizers").embed(TEXTS)
    assert np.array_equal(python, rust)


@pytest.mark.parametrize(
    ("word", "pieces"),
    [
        pytest.param("playing", ["playing"], id="whole"),
        pytest.param("unfriendliness", ["un", "##fr", "##ien", "##dl", "##iness"], id="split"),
        pytest.param("don't", ["don", "'", "t"], id="punctuation"),
        pytest.param("xq", [], id="unknown"),
    ],
)
def test_wordpiece(word: str, pieces: list[str]) -> None:
    vocab = {
        token: row
        for row, token in enumerate(
            ["playing", "un", "##fr", "##ien", "##dl", "##iness", "don", "'", "t", "x"]
        )
    }
    assert WordPiece(vocab).rows(word) == [vocab[piece] for piece in pieces]


def test_python_backend_speed_floor() -> None:
    # Measured ~100,000 msg/s on 2 cores for these messages; the floor leaves room for slow CI.
    rng = random.Random(0)
    words = ["i", "feel", "so", "alone", "can", "we", "talk", "tonight", "you", "never"]
    words += ["listen", "sorry", "love", "thanks", "what", "time", "is", "dinner", "ok"]
    texts = [" ".join(rng.choices(words, k=rng.randint(2, 14))) for _ in range(20_000)]
    embedder = StaticEmbedder(backend="python")
    embedder.embed(texts[:10])
    started = time.perf_counter()
    embedder.embed(texts)
    assert len(texts) / (time.perf_counter() - started) > 10_000


def test_missing_files_name_the_fix(tmp_path: Path) -> None:
    with pytest.raises(ComponentUnavailable, match="static vectors not found in"):
        StaticEmbedder(folder=tmp_path).embed(["hi"])


def test_unknown_backend_is_refused() -> None:
    with pytest.raises(InvalidSetting, match="backend 'torch' is unknown"):
        StaticEmbedder(backend="torch")  # type: ignore[arg-type]


def test_artifact_is_small() -> None:
    size = sum(path.stat().st_size for path in DEFAULT_FOLDER.iterdir())
    assert size < 10_000_000
