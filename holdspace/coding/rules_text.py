"""Small text helpers of the rule coder: tokens, quoted spans, negation, hedging, topic words.

All of them work on the *normalised* text (curly apostrophes and quotes made straight, which
keeps every character at its offset), so that a span found here is a span of the original.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Final

__all__ = [
    "content_words",
    "is_negated",
    "normalise",
    "quoted_spans",
    "token_count",
    "tokens",
]

# One-to-one replacements only: offsets in the normalised text equal offsets in the original.
_STRAIGHTEN: Final = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"'})
# Lower-case ASCII words, and every other non-ASCII character (emoji) as a token of its own.
_TOKEN: Final = re.compile(r"[a-z0-9]+|[^\x00-\x7f]")
_WORD: Final = re.compile(r"[a-z']+")
_CLAUSE_BREAK: Final = re.compile(r"[.!?;,\n]|\bbut\b")
_QUOTE: Final = re.compile(r"\"[^\"\n]*\"|(?<![a-z0-9])'[^\n]+?'(?![a-z0-9])", re.IGNORECASE)
_SENTENCE_END: Final = re.compile(r"[.!?\n]")
_SUFFIX: Final = re.compile(r"(?:ing|ed|es|s|ly|ness|ful)$")


def normalise(text: str) -> str:
    """The text with curly quotes straightened; same length, same offsets."""
    return text.translate(_STRAIGHTEN)


def tokens(lowered: str) -> set[str]:
    """The prefilter's tokens of an already lower-cased text."""
    return set(_TOKEN.findall(lowered))


def token_count(text: str) -> int:
    """How many prefilter tokens (words, emoji) a text has, repeats counted."""
    return len(_TOKEN.findall(text.lower()))


def quoted_spans(text: str, reported: re.Pattern[str]) -> list[tuple[int, int]]:
    """``(start, end)`` of every quotation and reported-speech stretch in ``text``.

    A quotation is text between straight double quotes, or between single quotes that are not
    apostrophes. Reported speech runs from a reporting phrase ("she said", "my mom was like")
    to the end of its sentence.
    """
    spans: list[tuple[int, int]] = []
    if '"' in text or "'" in text:
        spans.extend(match.span() for match in _QUOTE.finditer(text))
    for match in reported.finditer(text):
        end_match = _SENTENCE_END.search(text, match.end())
        spans.append((match.end(), end_match.start() if end_match else len(text)))
    return spans


def inside(position: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``position`` lies inside one of ``spans``."""
    return any(start <= position < end for start, end in spans)


def is_negated(lowered: str, start: int, negations: Collection[str], window: int) -> bool:
    """Whether a negation word stands in the ``window`` words before ``start`` in its clause."""
    before = lowered[max(0, start - 80) : start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    words = _WORD.findall(before)[-window:]
    return any(word in negations or word.endswith("n't") for word in words)


def content_words(lowered: str, stopwords: Collection[str]) -> set[str]:
    """Topic words of a text: non-stopwords of three letters or more, crudely stemmed.

    A common suffix and a final "e" are cut and the rest kept to five letters, so that
    "moving" meets "move" and "birthdays" meets "birthday" without a stemmer.
    """
    out = set()
    for word in _WORD.findall(lowered):
        word = word.strip("'")
        if len(word) < 3 or word in stopwords:
            continue
        stem = _SUFFIX.sub("", word) if len(word) > 4 else word
        out.add(stem.rstrip("e")[:5] or word)
    return out
