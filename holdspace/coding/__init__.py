"""The code stage: label each message with the codebook's behaviour codes.

Public API: :data:`CODES`, :func:`load_codebook`, :func:`get_coder` and the coders
(``RuleCoder``, :class:`ModelCoder`, :class:`EnsembleCoder`). Coders are imported lazily so
that ``import holdspace.coding`` stays cheap.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from holdspace.coding.base import Coder
from holdspace.coding.codes import CODES, FAMILIES, FAMILY_OF
from holdspace.errors import InvalidSetting
from holdspace.model import CodedMessage, Message

if TYPE_CHECKING:
    from holdspace.coding.codebook import Codebook
    from holdspace.coding.ensemble import EnsembleCoder
    from holdspace.coding.learned import ModelCoder

__all__ = [
    "CODERS",
    "CODES",
    "FAMILIES",
    "FAMILY_OF",
    "Coder",
    "EnsembleCoder",
    "ModelCoder",
    "RuleCoder",
    "code_stream",
    "get_coder",
    "load_codebook",
]

#: names accepted by :func:`get_coder`.
CODERS: tuple[str, ...] = ("rules", "model", "ensemble")

_LAZY = {
    "RuleCoder": "holdspace.coding.rules",
    "ModelCoder": "holdspace.coding.learned",
    "EnsembleCoder": "holdspace.coding.ensemble",
}


def load_codebook(version: str = "v1") -> Codebook:
    """The versioned codebook (see :mod:`holdspace.coding.codebook`)."""
    from holdspace.coding.codebook import load_codebook as load

    return load(version)


def get_coder(name: str = "ensemble", *, accurate: bool | str = False) -> Coder:
    """A ready coder: ``rules``, ``model`` or ``ensemble`` (the default).

    ``accurate=True`` (or ``"selected"``) adds the MiniLM pass on the messages the model or
    ensemble coder is unsure about; ``accurate="all"`` sends every message through it. It needs
    the ``accurate`` extra (see :mod:`holdspace.coding.accurate`).
    """
    if name not in CODERS:
        raise InvalidSetting(f"unknown coder {name!r}; choose one of: {', '.join(CODERS)}.")
    scope = "selected" if accurate is True else accurate or None
    if scope is not None and scope not in ("selected", "all"):
        raise InvalidSetting(f"unknown accurate scope {scope!r}; choose one of: selected, all.")
    if name == "rules":
        if scope is not None:
            raise InvalidSetting(
                "the accurate mode revises the model or ensemble coder, not the rules; "
                "pass --coder ensemble (the default) or --coder model with --accurate."
            )
        rules: Coder = importlib.import_module("holdspace.coding.rules").RuleCoder()
        return rules
    from holdspace.coding.learned import ModelCoder

    fast: ModelCoder | EnsembleCoder = ModelCoder()
    if name == "ensemble":
        from holdspace.coding.ensemble import EnsembleCoder

        fast = EnsembleCoder(model=ModelCoder())
    if scope is None:
        return fast
    from holdspace.coding.accurate import AccurateCoder

    return AccurateCoder(fast=fast, scope=scope)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'holdspace.coding' has no attribute {name!r}")


def code_stream(
    coder: Coder, messages: Iterable[Message], *, chunk: int = 2048, context: int = 8
) -> Iterator[CodedMessage]:
    """Code a long stream in chunks with bounded memory.

    Each chunk is coded together with the last ``context`` messages of the chunk before, so
    that context codes still see the other speaker's previous turns across chunk borders.
    """
    tail: list[Message] = []
    batch: list[Message] = []
    for message in messages:
        batch.append(message)
        if len(batch) >= chunk:
            yield from coder.code([*tail, *batch])[len(tail) :]
            tail, batch = batch[-context:], []
    if batch:
        yield from coder.code([*tail, *batch])[len(tail) :]
