"""A realistic-texting check: how often a coder labels what was not planted.

Two sources written in this project, never trained on, are read here:

- the bundled demo couple (``holdspace/data/sample/demo_couple/chat.txt``), whose truth file
  lists the codes the simulator planted in every message;
- the simulator's phrasebook (``holdspace/simulate/data/phrasebook_v1.yaml``), every phrase
  rendered ``copies`` times with emoji and typos, each coded on its own.

Both come from our own simulator, so the figures are a false-positive check on plausible
texting, not an independent measure of accuracy.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Final

from holdspace.coding.base import Coder
from holdspace.coding.codes import CODES, RISK_CODES
from holdspace.model import Message

__all__ = [
    "RISK_CODES",
    "CodeCount",
    "TextingCheck",
    "count_codes",
    "demo_sample",
    "phrasebook_messages",
    "texting_check",
]

_DEMO: Final[str] = "demo_couple/chat.txt"


@dataclass(frozen=True, slots=True)
class CodeCount:
    """Planted, coded and both, for one code on one source."""

    code: str
    planted: int
    coded: int
    hits: int

    @property
    def precision(self) -> float:
        """Share of coded messages that were planted with the code (1.0 when none coded)."""
        return self.hits / self.coded if self.coded else 1.0

    @property
    def recall(self) -> float:
        """Share of planted messages the coder labelled (1.0 when none planted)."""
        return self.hits / self.planted if self.planted else 1.0


@dataclass(frozen=True, slots=True)
class TextingCheck:
    """The check's result for one coder on one source."""

    source: str
    coder: str
    messages: int
    counts: tuple[CodeCount, ...]
    risk_examples: tuple[str, ...]

    @property
    def risk_labels(self) -> int:
        """Messages with a risk label that was not planted."""
        return sum(c.coded - c.hits for c in self.counts if c.code in RISK_CODES)


def demo_sample() -> tuple[list[Message], list[tuple[str, ...]]]:
    """The demo couple's messages and, for each, the codes the simulator planted."""
    from holdspace.ingest import stream_messages

    folder = resources.files("holdspace").joinpath("data", "sample")
    chat = Path(str(folder.joinpath(_DEMO)))
    truth = json.loads(Path(f"{chat}.truth.json").read_text(encoding="utf-8"))["codes"]
    messages = list(stream_messages(chat))
    return messages, [tuple(truth.get(m.id, ())) for m in messages]


def phrasebook_messages(
    *, copies: int = 3, seed: int = 0
) -> tuple[list[Message], list[tuple[str, ...]]]:
    """Every phrasebook phrase rendered ``copies`` times, each its own one-message chat."""
    import numpy as np

    from holdspace.simulate.phrasebook import Writer, load_phrasebook, render

    book = load_phrasebook("v1")
    rng = np.random.default_rng(seed)
    writer = Writer(partner="Sam", emoji_rate=0.5, typo_rate=0.2)
    messages: list[Message] = []
    planted: list[tuple[str, ...]] = []
    for number, phrase in enumerate(book.phrases()):
        for copy in range(copies):
            key = f"p{number}-{copy}"
            text = render(phrase, book, rng, writer=writer)
            messages.append(Message(key, key, "Alex", None, text))
            planted.append(tuple(phrase.codes))
    return messages, planted


def count_codes(
    labels: Sequence[Sequence[str]], planted: Sequence[Sequence[str]]
) -> tuple[CodeCount, ...]:
    """Per code: how many messages were planted with it, coded with it, and both."""
    out = []
    for code in CODES:
        truth = [code in p for p in planted]
        coded = [code in given for given in labels]
        hits = sum(t and c for t, c in zip(truth, coded, strict=True))
        out.append(CodeCount(code, sum(truth), sum(coded), hits))
    return tuple(out)


def texting_check(
    coder: Coder, source: str, messages: Sequence[Message], planted: Sequence[Sequence[str]]
) -> TextingCheck:
    """Code ``messages`` with ``coder`` and compare its labels with the planted codes."""
    coded = coder.code(messages)
    labels = [item.labels for item in coded]
    examples = tuple(
        item.message.text
        for item, truth in zip(coded, planted, strict=True)
        if any(code in item.labels and code not in truth for code in RISK_CODES)
    )
    return TextingCheck(source, coder.name, len(coded), count_codes(labels, planted), examples)
