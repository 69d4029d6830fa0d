"""Hashed text features for the learned coder: numpy only, batched, stable across processes.

A message becomes a sparse row of hashed features in three blocks:

- the message itself: character 3-, 4- and 5-grams of the lower-cased text (vectorised over
  the whole batch with numpy) and word unigrams and bigrams (CRC-32, stable across runs);
- the previous message(s) of the other speaker: word unigrams and character 4-grams in a
  block of their own, so a head can learn what a reply means *after* a feeling or a bid;
- a few dense context features: whether there is a previous message, the word overlap with it
  (topic continuity), question marks and length.

Python's ``hash`` is salted per process, so every hash here is computed explicitly.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import numpy.typing as npt

__all__ = ["DENSE_FEATURES", "FeatureSpec", "SparseRows", "featurize"]

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]

_WORD = re.compile(r"[a-z0-9']+|[!?]")
_SPACES = re.compile(r"\s+")
_FNV_OFFSET = np.uint32(2166136261)
_FNV_PRIME = np.uint32(16777619)

DENSE_FEATURES: tuple[str, ...] = (
    "bias",
    "has_previous",
    "overlap_with_previous",
    "no_overlap_with_previous",
    "is_question",
    "previous_is_question",
    "log_length",
    "short_reply",
)


@dataclass(frozen=True, slots=True)
class FeatureSpec:
    """Sizes of the hashed blocks; stored with the weights so training and coding agree."""

    text_bits: int = 17
    previous_bits: int = 15
    char_sizes: tuple[int, ...] = (3, 4, 5)
    previous_weight: float = 0.7

    @property
    def text_size(self) -> int:
        return 1 << self.text_bits

    @property
    def previous_size(self) -> int:
        return 1 << self.previous_bits

    @property
    def dense_offset(self) -> int:
        return self.text_size + self.previous_size

    @property
    def size(self) -> int:
        """Number of columns of a feature row."""
        return self.dense_offset + len(DENSE_FEATURES)

    def to_json(self) -> dict[str, object]:
        return {
            "text_bits": self.text_bits,
            "previous_bits": self.previous_bits,
            "char_sizes": list(self.char_sizes),
            "previous_weight": self.previous_weight,
        }

    @classmethod
    def from_json(cls, obj: dict[str, object]) -> FeatureSpec:
        sizes = obj.get("char_sizes", [3, 4, 5])
        assert isinstance(sizes, list)
        return cls(
            text_bits=int(str(obj.get("text_bits", 17))),
            previous_bits=int(str(obj.get("previous_bits", 15))),
            char_sizes=tuple(int(size) for size in sizes),
            previous_weight=float(str(obj.get("previous_weight", 0.7))),
        )


@dataclass(frozen=True, slots=True)
class SparseRows:
    """A batch of sparse feature rows in CSR layout (``indptr``, ``indices``, ``values``)."""

    indptr: IntArray
    indices: IntArray
    values: FloatArray
    n_columns: int

    @property
    def n_rows(self) -> int:
        return len(self.indptr) - 1

    def dot(self, weights: npt.NDArray[np.floating]) -> FloatArray:
        """``rows @ weights`` for a dense ``(n_columns, k)`` matrix, as float32."""
        gathered = weights[self.indices].astype(np.float32, copy=False)
        gathered *= self.values[:, None]
        # Every row holds the bias feature, so no row is empty and reduceat is exact.
        return np.add.reduceat(gathered, self.indptr[:-1], axis=0).astype(np.float32, copy=False)


def _normalise(text: str) -> str:
    return _SPACES.sub(" ", text.lower()).strip()


def _char_ngrams(texts: Sequence[str], sizes: Sequence[int]) -> tuple[IntArray, IntArray]:
    """(row, hash) of every character n-gram of every text, computed for the whole batch."""
    joined = "\x00".join(f" {text} " for text in texts).encode("utf-8", "replace")
    data = np.frombuffer(joined, dtype=np.uint8)
    separators = data == 0
    zeros_before = np.concatenate(([0], np.cumsum(separators)))
    rows_out: list[IntArray] = []
    hashes_out: list[IntArray] = []
    length = len(data)
    hashed = np.full(length, _FNV_OFFSET, dtype=np.uint32)
    for step in range(max(sizes)):
        count = length - step
        if count <= 0:
            break
        hashed = hashed[:count]
        hashed ^= data[step : step + count]
        hashed *= _FNV_PRIME
        size = step + 1
        if size not in sizes:
            continue
        starts = np.arange(count, dtype=np.int64)
        valid = zeros_before[starts + size] - zeros_before[starts] == 0
        rows_out.append(zeros_before[starts[valid]].astype(np.int64))
        hashes_out.append(hashed[valid].astype(np.int64) + size * 7919)
    if not rows_out:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(rows_out), np.concatenate(hashes_out)


def _word_ngrams(
    words_per_text: Sequence[Sequence[str]], *, bigrams: bool
) -> tuple[IntArray, IntArray]:
    rows: list[int] = []
    hashes: list[int] = []
    crc = zlib.crc32
    for row, words in enumerate(words_per_text):
        for word in words:
            rows.append(row)
            hashes.append(crc(word.encode()))
        if bigrams:
            for first, second in pairwise(words):
                rows.append(row)
                hashes.append(crc(f"{first} {second}".encode(), 0x9E3779B9))
    return np.asarray(rows, dtype=np.int64), np.asarray(hashes, dtype=np.int64)


def _block(
    rows: IntArray, hashes: IntArray, n_rows: int, *, size: int, offset: int, weight: float
) -> tuple[IntArray, IntArray, FloatArray]:
    """Rows, columns and values of one hashed block, each row scaled to unit length."""
    columns = hashes % size + offset
    counts = np.bincount(rows, minlength=n_rows).astype(np.float32)
    scale = np.zeros(n_rows, dtype=np.float32)
    nonzero = counts > 0
    scale[nonzero] = weight / np.sqrt(counts[nonzero])
    return rows, columns, scale[rows]


def featurize(
    texts: Sequence[str], previous: Sequence[str], *, spec: FeatureSpec | None = None
) -> SparseRows:
    """Feature rows for ``texts``, each read after ``previous[i]`` ("" when there is none)."""
    spec = spec or FeatureSpec()
    n_rows = len(texts)
    current = [_normalise(text) for text in texts]
    before = [_normalise(text) for text in previous]
    words = [_WORD.findall(text) for text in current]
    words_before = [_WORD.findall(text) for text in before]

    parts: list[tuple[IntArray, IntArray, FloatArray]] = []
    char_rows, char_hashes = _char_ngrams(current, spec.char_sizes)
    word_rows, word_hashes = _word_ngrams(words, bigrams=True)
    parts.append(
        _block(
            np.concatenate((char_rows, word_rows)),
            np.concatenate((char_hashes, word_hashes)),
            n_rows,
            size=spec.text_size,
            offset=0,
            weight=1.0,
        )
    )
    prev_char_rows, prev_char_hashes = _char_ngrams(before, (4,))
    prev_word_rows, prev_word_hashes = _word_ngrams(words_before, bigrams=False)
    parts.append(
        _block(
            np.concatenate((prev_char_rows, prev_word_rows)),
            np.concatenate((prev_char_hashes, prev_word_hashes)),
            n_rows,
            size=spec.previous_size,
            offset=spec.text_size,
            weight=spec.previous_weight,
        )
    )
    parts.append(_dense(current, before, words, words_before, offset=spec.dense_offset))

    rows = np.concatenate([part[0] for part in parts])
    columns = np.concatenate([part[1] for part in parts])
    values = np.concatenate([part[2] for part in parts])
    order = np.argsort(rows, kind="stable")
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n_rows), out=indptr[1:])
    return SparseRows(
        indptr=indptr,
        indices=columns[order],
        values=values[order].astype(np.float32),
        n_columns=spec.size,
    )


def _dense(
    current: Sequence[str],
    before: Sequence[str],
    words: Sequence[Sequence[str]],
    words_before: Sequence[Sequence[str]],
    *,
    offset: int,
) -> tuple[IntArray, IntArray, FloatArray]:
    n_rows = len(current)
    dense = np.zeros((n_rows, len(DENSE_FEATURES)), dtype=np.float32)
    dense[:, 0] = 1.0
    for row in range(n_rows):
        mine = {word for word in words[row] if len(word) > 2}
        dense[row, 4] = 1.0 if "?" in current[row] else 0.0
        dense[row, 6] = np.log1p(len(words[row])) / 4.0
        dense[row, 7] = 1.0 if len(words[row]) <= 3 else 0.0
        if not before[row]:
            continue
        theirs = {word for word in words_before[row] if len(word) > 2}
        overlap = len(mine & theirs) / max(1, len(mine | theirs))
        dense[row, 1] = 1.0
        dense[row, 2] = overlap
        dense[row, 3] = 1.0 if overlap == 0.0 else 0.0
        dense[row, 5] = 1.0 if "?" in before[row] else 0.0
    rows, columns = np.nonzero(dense)
    return (
        rows.astype(np.int64),
        columns.astype(np.int64) + offset,
        dense[rows, columns],
    )
