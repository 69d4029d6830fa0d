"""Static sentence vectors from token vectors distilled out of all-MiniLM-L6-v2: numpy only.

``holdspace/coding/data/static_v1/`` holds one 128-dim float16 vector per word piece of
MiniLM's vocabulary (made by ``scripts/build_static_embeddings.py`` with model2vec; see the
NOTICE there). A message's vector is the mean of its word pieces' vectors, scaled to unit
length, as model2vec does: no transformer runs, so a whole history embeds in seconds.

Word pieces come from the pure-Python WordPiece below by default: it gives the same pieces as
the committed MiniLM tokenizer (lower-cased BERT normalisation, punctuation split, greedy
longest match) and caches each whitespace-separated word, so repeated chat words cost one
dictionary look-up; it measured 2x faster than ``tokenizers``, which ``backend="tokenizers"``
uses with ``data/minilm/tokenizer.json``. Pieces the
vocabulary lacks (``[UNK]``) are skipped; a message without any known piece gets a zero vector.
"""

from __future__ import annotations

import importlib
import json
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final, Literal

import numpy as np
import numpy.typing as npt

from holdspace.errors import ComponentUnavailable, InvalidSetting

__all__ = ["DEFAULT_FOLDER", "StaticEmbedder", "WordPiece"]

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]
Backend = Literal["auto", "python", "tokenizers"]

DEFAULT_FOLDER: Final[Path] = Path(__file__).resolve().parent / "data" / "static_v1"
_TOKENIZER: Final[Path] = Path(__file__).resolve().parent / "data" / "minilm" / "tokenizer.json"
_SKIPPED: Final[frozenset[str]] = frozenset({"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"})
_CACHE_LIMIT: Final[int] = 200_000
_MAX_WORD: Final[int] = 100


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(code: int) -> bool:
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2A6DF
        or 0x2A700 <= code <= 0x2B81F
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F
    )


class WordPiece:
    """MiniLM's (BERT uncased) tokenizer in plain Python, returning rows of a vector table.

    ``vocab`` maps a word piece to its row; pieces outside it make their word unknown, and
    unknown words give no rows, as ``[UNK]`` is skipped.
    """

    def __init__(self, vocab: dict[str, int]) -> None:
        self.vocab = vocab
        self._cache: dict[str, tuple[int, ...]] = {}

    def rows(self, text: str) -> list[int]:
        """Rows of the word pieces of ``text``, in order."""
        cache = self._cache
        out: list[int] = []
        for word in text.lower().split():
            pieces = cache.get(word)
            if pieces is None:
                if len(cache) >= _CACHE_LIMIT:
                    cache.clear()
                pieces = cache[word] = self._word(word)
            out.extend(pieces)
        return out

    def _word(self, word: str) -> tuple[int, ...]:
        rows: list[int] = []
        for part in self._split(word):
            rows.extend(self._pieces(part))
        return tuple(rows)

    @staticmethod
    def _split(word: str) -> list[str]:
        """BERT's normalisation and pre-tokenisation of one lower-cased, space-free word."""
        if not word.isascii():
            kept = []
            for char in unicodedata.normalize("NFD", word):
                code = ord(char)
                category = unicodedata.category(char)
                if code in (0, 0xFFFD) or category == "Mn" or category in ("Cc", "Cf"):
                    continue
                kept.append(f" {char} " if _is_cjk(code) else char)
            word = "".join(kept)
        parts: list[str] = []
        for chunk in word.split():
            start = 0
            for index, char in enumerate(chunk):
                if _is_punctuation(char):
                    if index > start:
                        parts.append(chunk[start:index])
                    parts.append(char)
                    start = index + 1
            if start < len(chunk):
                parts.append(chunk[start:])
        return parts

    def _pieces(self, word: str) -> list[int]:
        """Greedy longest-match word pieces of ``word``; [] when any part is not in the vocab."""
        if len(word) > _MAX_WORD:
            return []
        vocab = self.vocab
        whole = vocab.get(word)
        if whole is not None:
            return [whole]
        rows: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = -1
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                row = vocab.get(piece)
                if row is not None:
                    found = row
                    break
                end -= 1
            if found < 0:
                return []
            rows.append(found)
            start = end
        return rows


class StaticEmbedder:
    """Unit-length static message vectors, ``(len(texts), dims)`` float32; ``name`` versions them.

    ``backend`` picks the tokenizer: ``"python"`` (also ``"auto"``, the default) or
    ``"tokenizers"`` (needs the package; same vectors). Files are read on first use.
    """

    name = "holdspace.static.minilm.v1"

    def __init__(
        self, *, folder: Path | None = None, backend: Backend = "auto", batch: int = 4096
    ) -> None:
        if backend not in ("auto", "python", "tokenizers"):
            raise InvalidSetting(
                f"static embedder backend {backend!r} is unknown; use auto, python or tokenizers."
            )
        self.folder = folder
        self.backend = backend
        self.batch = batch
        self._vectors: FloatArray | None = None
        self._tokenize: Any = None
        self.backend_: str = ""

    @property
    def dims(self) -> int:
        """Length of every vector."""
        return int(self._load()[0].shape[1])

    def _load(self) -> tuple[FloatArray, Any]:
        if self._vectors is None:
            folder = self.folder or DEFAULT_FOLDER
            arrays_path, vocab_path = folder / "vectors.npz", folder / "vocab.txt"
            if not arrays_path.is_file() or not vocab_path.is_file():
                raise ComponentUnavailable(
                    f"static vectors not found in {folder}; run "
                    "scripts/build_static_embeddings.py or reinstall holdspace."
                )
            with np.load(arrays_path) as arrays:
                vectors = arrays["vectors"].astype(np.float32)
            tokens = vocab_path.read_text(encoding="utf-8").split("\n")[: len(vectors)]
            vocab = {token: row for row, token in enumerate(tokens) if token not in _SKIPPED}
            self._tokenize = self._tokenizer(vocab)
            self._vectors = vectors
        return self._vectors, self._tokenize

    def _tokenizer(self, vocab: dict[str, int]) -> Any:
        module = None
        if self.backend == "tokenizers":
            try:
                module = importlib.import_module("tokenizers")
            except ImportError as error:
                raise ComponentUnavailable(
                    "the tokenizers backend needs the tokenizers package; run "
                    "`pip install tokenizers` or use backend='python'."
                ) from error
        if module is None:
            self.backend_ = "python"
            wordpiece = WordPiece(vocab)
            return lambda texts: [wordpiece.rows(text) for text in texts]
        tokenizer = module.Tokenizer.from_file(str(_TOKENIZER))
        tokenizer.no_padding()
        tokenizer.no_truncation()
        ids = json.loads(_TOKENIZER.read_text(encoding="utf-8"))["model"]["vocab"]
        id_to_row = np.full(max(ids.values()) + 1, -1, dtype=np.int64)
        for token, row in vocab.items():
            if token in ids:
                id_to_row[ids[token]] = row
        self.backend_ = "tokenizers"

        def tokenize(texts: Sequence[str]) -> list[IntArray]:
            encodings = tokenizer.encode_batch(list(texts), add_special_tokens=False)
            out: list[IntArray] = []
            for encoding in encodings:
                rows = id_to_row[np.asarray(encoding.ids, dtype=np.int64)]
                out.append(rows[rows >= 0])
            return out

        return tokenize

    def embed(self, texts: Sequence[str]) -> FloatArray:
        """One unit-length vector per text (zeros for a text without known word pieces)."""
        vectors, tokenize = self._load()
        out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
        for start in range(0, len(texts), self.batch):
            part = texts[start : start + self.batch]
            rows = tokenize(part)
            counts = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
            if not counts.any():
                continue
            flat = np.concatenate([np.asarray(r, dtype=np.int64) for r in rows])
            starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
            filled = counts > 0
            sums = np.add.reduceat(vectors[flat], starts[filled], axis=0)
            norms = np.linalg.norm(sums, axis=1, keepdims=True)
            norms[norms == 0.0] = 1.0
            out[start : start + len(part)][filled] = sums / norms
        return out
