"""The rule coder's patterns, read from ``data/rules_<version>.yaml`` and compiled once.

Each rule names its code, a weight (the confidence it gives), the trigger words the keyword
prefilter looks for, and a regular expression. Lexicons shared by several rules are written
once (``{feeling_words}`` in a pattern, ``@feeling_words`` in triggers). The file also holds
the negation, hedge and reported-speech word lists and the settings of the subject-change rule.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Final, Literal, cast

import yaml

from holdspace.coding.codes import CODES
from holdspace.coding.rules_text import tokens
from holdspace.errors import InputError, InvalidSetting

# The C loader when PyYAML was built with libyaml: several times faster at start-up.
_LOADER: Final = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

__all__ = ["Rule", "RuleSet", "SubjectChange", "load_rules"]

DATA_DIR: Final[Path] = Path(__file__).resolve().parent / "data"
_LEXICON_REF: Final = re.compile(r"\{([a-z_]+)\}")
_RULE_KEYS: Final = frozenset(
    {"id", "code", "weight", "triggers", "pattern", "negation", "quotes", "context", "unless"}
    | {"but_cancels", "hedge", "evidence", "note"}
)
_TOP_KEYS: Final = frozenset(
    {"version", "negation", "hedges", "reported_speech", "subject_change", "lexicons", "rules"}
    | {"emotional_context", "pings"}
)
_CONTEXTS: Final = ("any", "emotional_previous", "own_previous")


@dataclass(frozen=True, slots=True)
class Rule:
    """One transparent pattern: when it matches (and its conditions hold) its code fires."""

    id: str
    code: str
    weight: float
    triggers: frozenset[str]
    pattern: re.Pattern[str]
    negation: Literal["keep", "block"]
    quotes: Literal["keep", "block"]
    context: Literal["any", "emotional_previous", "own_previous"]
    unless: re.Pattern[str] | None
    but_cancels: bool
    hedge: Literal["soften", "ignore"]
    evidence: Literal["match", "clause"]
    note: str


@dataclass(frozen=True, slots=True)
class SubjectChange:
    """Settings of the context rule for ``subject_change``."""

    emotional_codes: frozenset[str]
    engaged_codes: frozenset[str]
    markers: re.Pattern[str]
    marker_weight: float
    plain_weight: float
    min_content_words: int
    stopwords: frozenset[str]
    answers: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class RuleSet:
    """All rules of one version, with the prefilter's index from trigger word to rules."""

    version: str
    rules: tuple[Rule, ...]
    index: Mapping[str, tuple[int, ...]]
    negations: frozenset[str]
    negation_window: int
    hedge_words: frozenset[str]
    hedge_phrases: re.Pattern[str]
    hedge_factor: float
    reported: re.Pattern[str]
    subject_change: SubjectChange
    #: codes of the other speaker's turn that make ``emotional_previous`` rules fire.
    emotional_context: frozenset[str]
    #: the rules that run on every message following the speaker's own (``own_previous``).
    own_previous: tuple[int, ...]
    #: weight of a bare ping of the partner's name sent after one's own unanswered message.
    name_ping_weight: float


@lru_cache(maxsize=4)
def load_rules(version: str = "v1", *, path: Path | None = None) -> RuleSet:
    """Read, check and compile ``data/rules_<version>.yaml`` (or the rule file at ``path``)."""
    if path is None:
        path = DATA_DIR / f"rules_{version}.yaml"
    if not path.is_file():
        known = sorted(p.stem.removeprefix("rules_") for p in DATA_DIR.glob("rules_*.yaml"))
        raise InvalidSetting(f"no rule set {version!r} at {path}; use one of: {', '.join(known)}.")
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    where = path.name
    top = _mapping(raw, where)
    _keys(top, _TOP_KEYS, where)
    lexicons = {
        name: _words(words, f"{where}: lexicon {name}")
        for name, words in _mapping(top["lexicons"], f"{where}: lexicons").items()
    }
    rules = tuple(
        _rule(item, lexicons, f"{where}: rule #{n}") for n, item in enumerate(top["rules"], 1)
    )
    ids = [rule.id for rule in rules]
    duplicates = sorted({rule_id for rule_id in ids if ids.count(rule_id) > 1})
    if duplicates:
        raise InputError(f"{where}: rule ids {duplicates} are used twice; make them unique.")
    index: dict[str, list[int]] = {}
    for number, rule in enumerate(rules):
        for trigger in rule.triggers:
            index.setdefault(trigger, []).append(number)
    negation = _mapping(top["negation"], f"{where}: negation")
    hedges = _mapping(top["hedges"], f"{where}: hedges")
    phrases = _words(hedges["phrases"], f"{where}: hedges")
    return RuleSet(
        version=str(top["version"]),
        rules=rules,
        index={word: tuple(numbers) for word, numbers in index.items()},
        negations=frozenset(_words(negation["words"], f"{where}: negation")),
        negation_window=int(negation["window"]),
        hedge_words=frozenset(_words(hedges["words"], f"{where}: hedges")),
        hedge_phrases=_compile(
            r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", f"{where}: hedges"
        ),
        hedge_factor=float(hedges["factor"]),
        reported=_compile(str(top["reported_speech"]), f"{where}: reported_speech"),
        subject_change=_subject_change(top["subject_change"], lexicons, where),
        own_previous=tuple(n for n, rule in enumerate(rules) if rule.context == "own_previous"),
        emotional_context=frozenset(str(c) for c in top["emotional_context"]),
        name_ping_weight=float(_mapping(top["pings"], f"{where}: pings")["name_weight"]),
    )


def _rule(raw: Any, lexicons: Mapping[str, tuple[str, ...]], here: str) -> Rule:
    body = _mapping(raw, here)
    _keys(body, _RULE_KEYS, here)
    rule_id = str(body.get("id", ""))
    here = f"{here} ({rule_id})"
    code = body.get("code")
    if code not in CODES:
        raise InputError(f"{here}: code {code!r} is not a codebook code; use one of {CODES}.")
    weight = body.get("weight")
    if not isinstance(weight, int | float) or not 0.0 < float(weight) <= 1.0:
        raise InputError(f"{here}: weight must be a number in (0, 1]; fix the file.")
    triggers: set[str] = set()
    for trigger in _words(body.get("triggers") or [], here):
        if trigger.startswith("@"):
            words = _lexicon(trigger[1:], lexicons, here)
            triggers.update(sorted(tokens(word.lower()))[0] for word in words)
        elif tokens(trigger) != {trigger}:
            raise InputError(
                f"{here}: trigger {trigger!r} is not one lower-case token; split it into words."
            )
        else:
            triggers.add(trigger)
    if not triggers:
        raise InputError(f"{here}: a rule needs at least one trigger word for the prefilter.")
    pattern = _LEXICON_REF.sub(
        lambda m: "(?:" + "|".join(_alternative(w) for w in _lexicon(m[1], lexicons, here)) + ")",
        str(body.get("pattern", "")),
    )
    unless = body.get("unless")
    return Rule(
        id=rule_id,
        code=cast(str, code),
        weight=float(weight),
        triggers=frozenset(triggers),
        pattern=_compile(pattern, here),
        negation=cast(Any, _choice(body.get("negation", "block"), ("keep", "block"), here)),
        quotes=cast(Any, _choice(body.get("quotes", "block"), ("keep", "block"), here)),
        context=cast(Any, _choice(body.get("context", "any"), _CONTEXTS, here)),
        unless=None if unless is None else _compile(str(unless), here),
        but_cancels=bool(body.get("but_cancels", False)),
        hedge=cast(Any, _choice(body.get("hedge", "soften"), ("soften", "ignore"), here)),
        evidence=cast(Any, _choice(body.get("evidence", "match"), ("match", "clause"), here)),
        note=str(body.get("note", "")),
    )


def _subject_change(raw: Any, lexicons: Mapping[str, tuple[str, ...]], where: str) -> SubjectChange:
    body = _mapping(raw, f"{where}: subject_change")
    markers = _words(body["markers"], f"{where}: subject_change markers")
    return SubjectChange(
        emotional_codes=frozenset(str(c) for c in body["emotional_codes"]),
        engaged_codes=frozenset(str(c) for c in body["engaged_codes"]),
        markers=_compile(
            r"\b(?:" + "|".join(_alternative(m) for m in markers) + r")\b",
            f"{where}: subject_change",
        ),
        marker_weight=float(body["marker_weight"]),
        plain_weight=float(body["plain_weight"]),
        min_content_words=int(body["min_content_words"]),
        stopwords=frozenset(_lexicon("stopwords", lexicons, f"{where}: subject_change")),
        answers=_compile(
            r"^\W*(?:"
            + "|".join(_alternative(a) for a in _words(body["answers"], f"{where}: answers"))
            + r")\b",
            f"{where}: subject_change answers",
        ),
    )


def _words(raw: Any, here: str) -> tuple[str, ...]:
    """A list of words; YAML reads bare yes/no/on/off/true as booleans, so insist on text."""
    if not isinstance(raw, list):
        raise InputError(f"{here}: expected a list of words; fix the file.")
    odd = [item for item in raw if not isinstance(item, str)]
    if odd:
        raise InputError(f'{here}: {odd} are not text; put them in quotes ("on", "no").')
    return tuple(raw)


def _alternative(word: str) -> str:
    """A lexicon entry as a regex: literal text, any run of spaces between words."""
    return r"\s+".join(re.escape(part) for part in word.split())


def _lexicon(name: str, lexicons: Mapping[str, tuple[str, ...]], here: str) -> tuple[str, ...]:
    if name not in lexicons:
        raise InputError(f"{here}: no lexicon {name!r}; define it under lexicons.")
    return lexicons[name]


def _compile(pattern: str, here: str) -> re.Pattern[str]:
    if not pattern:
        raise InputError(f"{here}: the pattern is empty; write a regular expression.")
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise InputError(f"{here}: the pattern does not compile ({error}); fix it.") from error


def _mapping(raw: Any, here: str) -> Mapping[str, Any]:
    if not isinstance(raw, dict):
        raise InputError(f"{here}: expected a mapping, found {type(raw).__name__}; fix the file.")
    return cast(Mapping[str, Any], raw)


def _keys(body: Mapping[str, Any], allowed: frozenset[str], here: str) -> None:
    extra = sorted(set(body) - allowed)
    if extra:
        raise InputError(f"{here}: unknown keys {extra}; allowed: {', '.join(sorted(allowed))}.")


def _choice(raw: Any, allowed: tuple[str, ...], here: str) -> str:
    if raw not in allowed:
        raise InputError(f"{here}: {raw!r} is not one of {', '.join(allowed)}; fix the file.")
    return cast(str, raw)
