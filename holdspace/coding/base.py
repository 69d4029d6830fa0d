"""The contract every coder follows: messages in, coded messages out.

A coder sees whole conversations in order, so that codes judged against context
(``subject_change``, ``dismissal`` of a feeling) can look at earlier messages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from holdspace.model import CodedMessage, Message

__all__ = ["Coder"]


@runtime_checkable
class Coder(Protocol):
    """Anything that labels messages with the codebook's codes.

    ``name`` is a versioned component id (``holdspace.coder.rules.v1``); it never changes
    meaning, and every coded message records it.
    """

    name: str

    def code(self, messages: Sequence[Message]) -> list[CodedMessage]:
        """One :class:`CodedMessage` per message, in the same order, with all codes scored."""
        ...
