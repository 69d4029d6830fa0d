"""The simulator's phrasebook: labelled message templates, and how a template becomes a text.

The phrases themselves are data (``data/phrasebook_v1.yaml``). Each belongs to a group (a code
such as ``bid``, or a neutral group such as ``logistics``) and carries the codes it plants.
Rendering fills slots, picks inline alternatives and, by the writer's habits, adds emoji and
small typos that do not change what the message means.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from holdspace.coding.codes import CODES
from holdspace.errors import InputError

__all__ = [
    "NEEDED_GROUPS",
    "Group",
    "Phrase",
    "Phrasebook",
    "Writer",
    "load_phrasebook",
    "render",
]

#: Groups the generator draws from; a phrasebook must define every one.
NEEDED_GROUPS: tuple[str, ...] = (
    *CODES,
    "ack",
    "bid_accept",
    "feeling_positive",
    "logistics",
    "logistics_reply",
    "ping",
    "repair_accept",
    "small_talk",
    "small_talk_reply",
)
_CONTEXT_SLOTS = ("partner",)
_SLOT = re.compile(r"\{(\w+)\}")
_CHOICE = re.compile(r"\[([^\[\]]*)\]")


@dataclass(frozen=True, slots=True)
class Phrase:
    """One template and the codes a message made from it carries."""

    template: str
    codes: tuple[str, ...]
    group: str
    tone: str


@dataclass(frozen=True, slots=True)
class Group:
    """Phrases that serve one purpose, with the emoji tone their writers use."""

    name: str
    tone: str
    phrases: tuple[Phrase, ...]


@dataclass(frozen=True, slots=True)
class Phrasebook:
    """A versioned set of groups, slot values and emoji."""

    version: str
    slots: Mapping[str, tuple[str, ...]]
    emoji: Mapping[str, tuple[str, ...]]
    groups: Mapping[str, Group]

    def group(self, name: str) -> Group:
        """The group ``name``; the generator only asks for :data:`NEEDED_GROUPS`."""
        return self.groups[name]

    def phrases(self) -> list[Phrase]:
        """Every phrase of every group."""
        return [phrase for group in self.groups.values() for phrase in group.phrases]


@dataclass(frozen=True, slots=True, kw_only=True)
class Writer:
    """How one person texts: whom they write to and how often emoji and typos slip in."""

    partner: str
    emoji_rate: float
    typo_rate: float


def load_phrasebook(source: str | Path = "v1") -> Phrasebook:
    """Load a phrasebook by version (``"v1"``, bundled) or from a YAML file."""
    if isinstance(source, Path):
        return _parse(_read_yaml(source.read_text(encoding="utf-8"), str(source)), str(source))
    return _bundled(source)


@functools.cache
def _bundled(version: str) -> Phrasebook:
    name = f"phrasebook_{version}.yaml"
    resource = resources.files("holdspace.simulate").joinpath("data", name)
    if not resource.is_file():
        raise InputError(
            f"no bundled phrasebook {version!r} (looked for holdspace/simulate/data/{name}); "
            "use 'v1' or pass the path of a phrasebook YAML file."
        )
    return _parse(_read_yaml(resource.read_text(encoding="utf-8"), name), name)


def _read_yaml(text: str, where: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise InputError(f"{where} is not valid YAML ({error}); fix the file.") from error
    if not isinstance(data, dict):
        raise InputError(f"{where} holds no mapping at the top; see docs/simulator.md.")
    return data


def _parse(data: Mapping[str, Any], where: str) -> Phrasebook:
    slots = {str(k): tuple(str(v) for v in values) for k, values in data.get("slots", {}).items()}
    emoji = {str(k): tuple(str(v) for v in values) for k, values in data.get("emoji", {}).items()}
    groups: dict[str, Group] = {}
    for name, spec in dict(data.get("groups", {})).items():
        default_codes = tuple(spec.get("codes", ()))
        tone = str(spec.get("tone", "neutral"))
        if tone not in emoji:
            raise InputError(f"{where}: group {name!r} has tone {tone!r}, which has no emoji list.")
        phrases = []
        for raw in spec.get("phrases", ()):
            entry = {"text": raw} if isinstance(raw, str) else dict(raw)
            phrase = Phrase(
                template=str(entry["text"]),
                codes=tuple(entry.get("codes", default_codes)),
                group=str(name),
                tone=str(entry.get("tone", tone)),
            )
            _check_phrase(phrase, slots, where)
            if phrase.tone not in emoji:
                raise InputError(
                    f"{where}: phrase {phrase.template!r} has tone {phrase.tone!r}, "
                    "which has no emoji list."
                )
            phrases.append(phrase)
        if not phrases:
            raise InputError(f"{where}: group {name!r} has no phrases; add some or remove it.")
        groups[str(name)] = Group(name=str(name), tone=tone, phrases=tuple(phrases))
    missing = [name for name in NEEDED_GROUPS if name not in groups]
    if missing:
        raise InputError(
            f"{where} lacks the groups {', '.join(missing)}; the simulator needs every one."
        )
    return Phrasebook(version=str(data.get("version", "")), slots=slots, emoji=emoji, groups=groups)


def _check_phrase(phrase: Phrase, slots: Mapping[str, tuple[str, ...]], where: str) -> None:
    unknown = [code for code in phrase.codes if code not in CODES]
    if unknown:
        raise InputError(
            f"{where}: phrase {phrase.template!r} in group {phrase.group!r} has unknown "
            f"codes {', '.join(unknown)}; use codes of the codebook."
        )
    for slot in _SLOT.findall(phrase.template):
        if slot not in slots and slot not in _CONTEXT_SLOTS:
            raise InputError(
                f"{where}: phrase {phrase.template!r} uses slot {{{slot}}}, which has no values; "
                "add it under 'slots'."
            )
    if _CHOICE.sub("", phrase.template).count("[") or _CHOICE.sub("", phrase.template).count("]"):
        raise InputError(
            f"{where}: phrase {phrase.template!r} has an unbalanced or nested [choice]."
        )


def _pick(rng: np.random.Generator, options: tuple[str, ...] | list[str]) -> str:
    return options[int(rng.integers(len(options)))]


def render(phrase: Phrase, book: Phrasebook, rng: np.random.Generator, *, writer: Writer) -> str:
    """The text of one message made from ``phrase`` by ``writer``."""
    text = _CHOICE.sub(lambda match: _pick(rng, match.group(1).split("|")), phrase.template)

    def fill(match: re.Match[str]) -> str:
        slot = match.group(1)
        return writer.partner if slot == "partner" else _pick(rng, book.slots[slot])

    text = " ".join(_SLOT.sub(fill, text).split())
    if rng.random() < writer.typo_rate:
        text = _typo(text, rng)
    emoji = book.emoji[phrase.tone]
    if rng.random() < writer.emoji_rate and not any(e in text for e in emoji):
        text = f"{text} {_pick(rng, emoji)}"
    return text


def _typo(text: str, rng: np.random.Generator) -> str:
    """One slip of the thumb that leaves the meaning intact."""
    kind = int(rng.integers(5))
    if kind == 0:
        return text[:1].lower() + text[1:]
    if kind == 1:
        return text.replace("'", "")
    if kind == 2:
        return re.sub(r"\byou\b", "u", text)
    if kind == 3:
        return text.rstrip(".?!") or text
    words = text.split(" ")
    long_words = [i for i, word in enumerate(words) if len(word) >= 5 and word.isalpha()]
    if not long_words:
        return text
    i = long_words[int(rng.integers(len(long_words)))]
    j = int(rng.integers(1, len(words[i]) - 2))
    word = words[i]
    words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    return " ".join(words)
