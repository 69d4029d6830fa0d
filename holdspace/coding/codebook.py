"""The versioned behaviour codebook, loaded from data and checked on load.

``load_codebook("v1")`` reads ``holdspace/coding/data/codebook_v1.yaml``: for each of the 19
codes of the contract its family, definition, inclusion and exclusion rules, examples and hard
negatives, the capacity it informs, its direction, the role it informs and a valence weight.
The examples are also the rule coder's specification (see ``tests/coding/test_rules_codebook.py``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Final, Literal, cast

import yaml

from holdspace.coding.codes import CODES, FAMILY_OF
from holdspace.errors import InputError, InvalidSetting

# The C loader when PyYAML was built with libyaml: several times faster at start-up.
_LOADER: Final = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

__all__ = [
    "CAPACITIES",
    "Code",
    "Codebook",
    "Example",
    "load_codebook",
]

CAPACITIES: Final[tuple[str, ...]] = (
    "awareness",
    "regulation",
    "accountability",
    "empathetic_communication",
    "intimacy",
)
Direction = Literal["+", "-"]
Role = Literal["seeking", "avoidant", "none"]
Context = Literal["message", "previous"]

DATA_DIR: Final[Path] = Path(__file__).resolve().parent / "data"
MIN_EXAMPLES: Final[int] = 10
MIN_HARD_NEGATIVES: Final[int] = 5
_CODE_KEYS: Final[frozenset[str]] = frozenset(
    {
        "family",
        "capacities",
        "direction",
        "role",
        "valence",
        "context",
        "definition",
        "include",
        "exclude",
        "examples",
        "hard_negatives",
    }
)
_EXAMPLE_KEYS: Final[frozenset[str]] = frozenset({"text", "previous", "why"})


@dataclass(frozen=True, slots=True)
class Example:
    """One example message; ``previous`` is the other speaker's message it answers, if any."""

    text: str
    previous: str | None = None
    why: str | None = None


@dataclass(frozen=True, slots=True)
class Code:
    """One behaviour code as the codebook defines it."""

    id: str
    family: str
    capacities: tuple[str, ...]
    direction: Direction
    role: Role
    valence: float
    context: Context
    definition: str
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    examples: tuple[Example, ...]
    hard_negatives: tuple[Example, ...]

    @property
    def capacity(self) -> str:
        """The main capacity this code informs, or ``"none"`` (risk codes go to safety)."""
        return self.capacities[0] if self.capacities else "none"


@dataclass(frozen=True, slots=True)
class Codebook:
    """A whole codebook version: the codes in contract order."""

    version: str
    title: str
    codes: tuple[Code, ...]

    def code(self, code_id: str) -> Code:
        """The code called ``code_id``; raises :class:`InputError` for an unknown id."""
        for code in self.codes:
            if code.id == code_id:
                return code
        raise InputError(
            f"codebook {self.version} has no code {code_id!r}; "
            f"use one of: {', '.join(c.id for c in self.codes)}."
        )

    @property
    def ids(self) -> tuple[str, ...]:
        """The code ids in codebook order."""
        return tuple(code.id for code in self.codes)

    def family(self, name: str) -> tuple[Code, ...]:
        """The codes of one family, in codebook order."""
        return tuple(code for code in self.codes if code.family == name)

    def valences(self) -> dict[str, float]:
        """``{code: valence weight}`` for the dynamics model."""
        return {code.id: code.valence for code in self.codes}

    def __iter__(self) -> Iterator[Code]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)


def codebook_path(version: str) -> Path:
    """Where the data file of a codebook version lives inside the package."""
    return DATA_DIR / f"codebook_{version}.yaml"


@lru_cache(maxsize=8)
def load_codebook(version: str = "v1", *, path: Path | None = None) -> Codebook:
    """Read and validate a codebook version (or a codebook file at ``path``)."""
    source = path if path is not None else codebook_path(version)
    if not source.is_file():
        known = sorted(p.stem.removeprefix("codebook_") for p in DATA_DIR.glob("codebook_*.yaml"))
        raise InvalidSetting(
            f"no codebook {version!r} at {source}; use one of: {', '.join(known)}."
        )
    try:
        raw = yaml.load(source.read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.YAMLError as error:
        raise InputError(f"{source.name}: not valid YAML ({error}); fix the file.") from error
    return _parse(raw, source.name)


def _parse(raw: Any, where: str) -> Codebook:
    top = _mapping(raw, where)
    _keys(top, {"version", "title", "codes"}, where)
    version = _text(top.get("version"), f"{where}: version")
    title = _text(top.get("title"), f"{where}: title")
    codes_raw = _mapping(top.get("codes"), f"{where}: codes")
    found = tuple(codes_raw)
    if found != CODES:
        missing = [c for c in CODES if c not in codes_raw]
        extra = [c for c in found if c not in CODES]
        raise InputError(
            f"{where}: codes must be the 19 contract codes in contract order; "
            f"missing: {missing or 'none'}, unknown: {extra or 'none'}; fix the file."
        )
    codes = tuple(_parse_code(code_id, codes_raw[code_id], where) for code_id in CODES)
    return Codebook(version=version, title=title, codes=codes)


def _parse_code(code_id: str, raw: Any, where: str) -> Code:
    here = f"{where}: code {code_id!r}"
    body = _mapping(raw, here)
    _keys(body, _CODE_KEYS, here)
    family = _text(body.get("family"), f"{here}: family")
    if family != FAMILY_OF[code_id]:
        raise InputError(
            f"{here}: family is {family!r} but the contract puts it in "
            f"{FAMILY_OF[code_id]!r}; fix the file."
        )
    capacities = _texts(body.get("capacities"), f"{here}: capacities", allow_empty=True)
    unknown = [c for c in capacities if c not in CAPACITIES]
    if unknown:
        raise InputError(
            f"{here}: unknown capacities {unknown}; use {', '.join(CAPACITIES)} "
            "(or an empty list for risk codes)."
        )
    if (family == "risk") != (not capacities):
        raise InputError(
            f"{here}: risk codes inform no capacity and every other code informs at least "
            "one; fix capacities."
        )
    direction = _choice(body.get("direction"), ("+", "-"), f"{here}: direction")
    role = _choice(body.get("role"), ("seeking", "avoidant", "none"), f"{here}: role")
    context = _choice(body.get("context"), ("message", "previous"), f"{here}: context")
    valence = body.get("valence")
    if isinstance(valence, bool) or not isinstance(valence, int | float):
        raise InputError(f"{here}: valence must be a number in [-1, 1]; fix the file.")
    if not -1.0 <= float(valence) <= 1.0:
        raise InputError(f"{here}: valence {valence} is outside [-1, 1]; fix the file.")
    examples = _examples(body.get("examples"), f"{here}: examples", MIN_EXAMPLES)
    negatives = _examples(body.get("hard_negatives"), f"{here}: hard_negatives", MIN_HARD_NEGATIVES)
    return Code(
        id=code_id,
        family=family,
        capacities=capacities,
        direction=cast(Direction, direction),
        role=cast(Role, role),
        valence=float(valence),
        context=cast(Context, context),
        definition=_text(body.get("definition"), f"{here}: definition"),
        include=_texts(body.get("include"), f"{here}: include"),
        exclude=_texts(body.get("exclude"), f"{here}: exclude"),
        examples=examples,
        hard_negatives=negatives,
    )


def _examples(raw: Any, here: str, minimum: int) -> tuple[Example, ...]:
    if not isinstance(raw, list) or len(raw) < minimum:
        count = len(raw) if isinstance(raw, list) else 0
        raise InputError(f"{here}: needs at least {minimum} entries, found {count}; add more.")
    out = []
    for index, item in enumerate(raw, start=1):
        spot = f"{here} #{index}"
        if isinstance(item, str):
            item = {"text": item}
        entry = _mapping(item, spot)
        _keys(entry, _EXAMPLE_KEYS, spot)
        previous = entry.get("previous")
        why = entry.get("why")
        out.append(
            Example(
                text=_text(entry.get("text"), f"{spot}: text"),
                previous=None if previous is None else _text(previous, f"{spot}: previous"),
                why=None if why is None else _text(why, f"{spot}: why"),
            )
        )
    return tuple(out)


def _mapping(raw: Any, here: str) -> Mapping[str, Any]:
    if not isinstance(raw, dict):
        raise InputError(f"{here}: expected a mapping, found {type(raw).__name__}; fix the file.")
    return cast(Mapping[str, Any], raw)


def _keys(body: Mapping[str, Any], allowed: frozenset[str] | set[str], here: str) -> None:
    extra = sorted(set(body) - set(allowed))
    if extra:
        raise InputError(
            f"{here}: unknown keys {extra}; allowed keys are {', '.join(sorted(allowed))}."
        )


def _text(raw: Any, here: str) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise InputError(f"{here}: expected non-empty text; fix the file.")
    return raw.strip()


def _texts(raw: Any, here: str, *, allow_empty: bool = False) -> tuple[str, ...]:
    if not isinstance(raw, list) or (not raw and not allow_empty):
        raise InputError(f"{here}: expected a list of texts; fix the file.")
    return tuple(_text(item, here) for item in raw)


def _choice(raw: Any, allowed: tuple[str, ...], here: str) -> str:
    if raw not in allowed:
        raise InputError(f"{here}: {raw!r} is not one of {', '.join(allowed)}; fix the file.")
    return cast(str, raw)
