"""WhatsApp's own phrases in several languages: media placeholders, deletions, edits, notices.

The phrases are data (``data/whatsapp.yaml``); this module loads them once and classifies the
text of a message with them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from holdspace.model import MessageKind

__all__ = ["MARKS", "Phrases", "classify", "is_notice", "load_phrases", "strip_marks"]

#: Direction and isolate marks that exports put around names, numbers and notices.
MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"


def strip_marks(text: str) -> str:
    """``text`` without direction marks anywhere in it."""
    if not any(mark in text for mark in MARKS):
        return text
    return "".join(char for char in text if char not in MARKS)


def _key(text: str) -> str:
    return strip_marks(text).strip().rstrip(".").strip().casefold()


@dataclass(frozen=True, slots=True)
class Phrases:
    """Every phrase of every language, normalised for matching."""

    media: frozenset[str]
    deleted: frozenset[str]
    attached: tuple[str, ...]
    attached_tag: tuple[str, ...]
    edited: tuple[str, ...]
    system: tuple[str, ...]
    #: The English phrases the writer uses.
    english: dict[str, str]


@functools.cache
def load_phrases() -> Phrases:
    """The phrases of ``data/whatsapp.yaml``."""
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("holdspace.ingest").joinpath("data/whatsapp.yaml").read_text("utf-8")
    )
    languages: dict[str, dict[str, list[str]]] = raw["languages"]

    def every(kind: str) -> list[str]:
        return [phrase for lang in languages.values() for phrase in lang.get(kind, [])]

    english = {kind: values[0] for kind, values in languages["en"].items()}
    return Phrases(
        media=frozenset(_key(p) for p in every("media")),
        deleted=frozenset(_key(p) for p in every("deleted")),
        attached=tuple(p.casefold() for p in every("attached")),
        attached_tag=tuple(p.casefold() for p in every("attached_tag")),
        edited=tuple(every("edited")),
        system=tuple(p.casefold() for p in every("system")),
        english=english,
    )


def classify(text: str) -> tuple[MessageKind, str, bool]:
    """The kind of a message body, the text to keep, and whether it was edited.

    Media keeps only its caption; a deleted message keeps no text.
    """
    phrases = load_phrases()
    edited = False
    stripped = text.rstrip()
    for marker in phrases.edited:
        if stripped.endswith(marker):
            stripped = stripped[: -len(marker)].rstrip(MARKS + " \t")
            edited = True
            break
    first, _, rest = stripped.partition("\n")
    key = _key(first)
    if not rest and key in phrases.deleted:
        return "deleted", "", edited
    if not rest and key in phrases.media:
        return "media", "", edited
    folded = strip_marks(first).strip().casefold()
    if folded.endswith(">") and folded.startswith(phrases.attached_tag):
        return "media", rest.strip(), edited
    if folded.endswith(phrases.attached):
        return "media", rest.strip(), edited
    return "text", strip_marks(stripped) if stripped[:1] in MARKS else stripped, edited


def is_notice(text: str) -> bool:
    """Whether a body is one of WhatsApp's notices (encryption, missed calls, ...)."""
    return strip_marks(text).strip().casefold().startswith(load_phrases().system)
