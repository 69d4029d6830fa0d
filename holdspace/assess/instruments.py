"""The instrument registry: questionnaires as versioned data files, loaded by small code.

Each instrument lives in ``data/instruments/<id>.yaml`` with its items, response scales,
reverse-keyed items, subscales, scoring and missing-data rule, bands and cut-offs with their
sources, reliable-change constants, citation and licence. Instruments whose wording may not be
redistributed carry no text; :func:`load_instrument` adds the wording from a file the user
supplies (``items_file``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

from holdspace.errors import HoldspaceError, InputError, UnknownInstrument

__all__ = [
    "LICENCE_STATUSES",
    "Band",
    "Cutoff",
    "Instrument",
    "Item",
    "Licence",
    "ReliabilitySpec",
    "Scale",
    "instrument_ids",
    "load_instrument",
]

LicenceStatus = Literal[
    "public-domain", "open-access", "free-clinical-research", "permission-required", "unverified"
]
LICENCE_STATUSES: tuple[str, ...] = (
    "public-domain",
    "open-access",
    "free-clinical-research",
    "permission-required",
    "unverified",
)
MissingRule = Literal["complete", "prorate", "available", "screen", "screen-positive"]
_MISSING_RULES = ("complete", "prorate", "available", "screen", "screen-positive")


@dataclass(frozen=True, slots=True)
class Scale:
    """The allowed answers of an item: whole numbers from ``min`` to ``max``."""

    id: str
    min: int
    max: int
    labels: tuple[str, ...] = ()

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(range(self.min, self.max + 1))

    def describe(self) -> str:
        """The allowed values in words, for error messages."""
        if self.max - self.min == 1 and self.min == 0:
            return "0 or 1 (no or yes)"
        return f"a whole number from {self.min} to {self.max}"


@dataclass(frozen=True, slots=True)
class Item:
    """One question. ``text`` is ``None`` for instruments shipped as scoring only."""

    id: str
    scale: Scale
    text: str | None = None
    reverse: bool = False
    scored: bool = True
    flag: str | None = None
    flag_at_least: int = 1
    acuity: bool = False
    ask_if_items: tuple[str, ...] = ()
    ask_if_value: int = 1
    section: str | None = None
    sensitive: bool = False
    source: str = ""

    def flagged(self, value: int | None) -> bool:
        """Whether this answer raises the item's safety flag."""
        return self.flag is not None and value is not None and value >= self.flag_at_least


@dataclass(frozen=True, slots=True)
class Band:
    """An interpretation band of the total: ``min`` to ``max`` inclusive."""

    min: float
    max: float
    label: str


@dataclass(frozen=True, slots=True)
class Cutoff:
    """A published threshold: met when the total is ``>= at_least`` or ``< below``."""

    name: str
    source: str
    at_least: float | None = None
    below: float | None = None

    def met(self, total: float) -> bool:
        if self.at_least is not None:
            return total >= self.at_least
        return self.below is not None and total < self.below


@dataclass(frozen=True, slots=True)
class Licence:
    """Who allows what: ``status`` is one of :data:`LICENCE_STATUSES`."""

    status: str
    text_bundled: bool
    statement: str
    source: str


@dataclass(frozen=True, slots=True)
class ReliabilitySpec:
    """Constants of the Jacobson-Truax reliable change index for one score."""

    reliability: float
    sd: float
    reliability_source: str
    sd_source: str


@dataclass(frozen=True, slots=True)
class Instrument:
    """A questionnaire: what it asks, how it is scored, where it comes from."""

    id: str
    version: int
    name: str
    kind: str
    citation: str
    licence: Licence
    items: tuple[Item, ...]
    method: Literal["sum", "mean"]
    missing: MissingRule
    has_total: bool = True
    max_missing: int = 0
    missing_source: str = ""
    screen: str | None = None
    copyright: str = ""
    stem: str | None = None
    answer_note: str = ""
    sections: Mapping[str, str] = field(default_factory=dict)
    subscales: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    bands: tuple[Band, ...] = ()
    bands_source: str = ""
    cutoffs: tuple[Cutoff, ...] = ()
    reliable_change: Mapping[str, ReliabilitySpec] = field(default_factory=dict)
    order: tuple[str, ...] = ()

    @property
    def item_ids(self) -> tuple[str, ...]:
        """Item ids in the order answers given as a list follow."""
        return self.order or tuple(item.id for item in self.items)

    @property
    def scored_items(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.scored)

    @property
    def has_text(self) -> bool:
        return all(item.text for item in self.items)

    def item(self, item_id: str) -> Item:
        for candidate in self.items:
            if candidate.id == item_id:
                return candidate
        raise UnknownInstrument(
            f"{self.id} has no item {item_id!r}; its items are: {', '.join(self.item_ids)}."
        )

    def with_texts(
        self,
        texts: Mapping[str, str],
        *,
        labels: Mapping[str, Sequence[str]] | None = None,
        order: Sequence[str] = (),
    ) -> Instrument:
        """A copy with the wording the user supplied (see :func:`load_instrument`)."""
        label_map = labels or {}
        items = []
        for item in self.items:
            scale = item.scale
            if scale.id in label_map:
                scale = replace(scale, labels=tuple(str(x) for x in label_map[scale.id]))
            items.append(replace(item, text=texts[item.id], scale=scale))
        return replace(self, items=tuple(items), order=tuple(order))


def _data_dir() -> Any:
    return resources.files("holdspace.assess").joinpath("data", "instruments")


def instrument_ids() -> tuple[str, ...]:
    """Every registered instrument id, sorted."""
    return tuple(
        sorted(
            entry.name.removesuffix(".yaml")
            for entry in _data_dir().iterdir()
            if entry.name.endswith(".yaml")
        )
    )


def load_instrument(instrument_id: str, *, items_file: Path | None = None) -> Instrument:
    """The instrument registered as ``instrument_id``, with the user's wording if given.

    Raises :class:`UnknownInstrument` for an unknown id and :class:`InputError` when
    ``items_file`` does not match the instrument.
    """
    instrument = _load_bundled(instrument_id)
    if items_file is not None:
        return _apply_items_file(instrument, items_file)
    return instrument


@cache
def _load_bundled(instrument_id: str) -> Instrument:
    known = instrument_ids()
    if instrument_id not in known:
        raise UnknownInstrument(
            f"no instrument is registered as {instrument_id!r}; choose one of: {', '.join(known)}."
        )
    resource = _data_dir().joinpath(f"{instrument_id}.yaml")
    raw = yaml.safe_load(resource.read_text(encoding="utf-8"))
    try:
        return _parse(raw)
    except (KeyError, TypeError, ValueError) as error:
        raise HoldspaceError(
            f"instrument data file {instrument_id}.yaml is malformed ({error!r}); "
            "reinstall holdspace."
        ) from error


def _parse(raw: Mapping[str, Any]) -> Instrument:
    scales = {
        name: Scale(
            id=name,
            min=int(spec["min"]),
            max=int(spec["max"]),
            labels=tuple(str(x) for x in spec.get("labels", ())),
        )
        for name, spec in raw["scales"].items()
    }
    items = tuple(_parse_item(spec, scales) for spec in raw["items"])
    scoring = raw["scoring"]
    missing = str(scoring.get("missing", "complete"))
    if missing not in _MISSING_RULES:
        raise ValueError(f"unknown missing rule {missing}")
    licence = raw["licence"]
    if licence["status"] not in LICENCE_STATUSES:
        raise ValueError(f"unknown licence status {licence['status']}")
    bands = raw.get("bands") or {}
    return Instrument(
        id=str(raw["id"]),
        version=int(raw["version"]),
        name=str(raw["name"]),
        kind=str(raw["kind"]),
        citation=str(raw["citation"]).strip(),
        copyright=str(raw.get("copyright") or "").strip(),
        licence=Licence(
            status=str(licence["status"]),
            text_bundled=bool(licence["text_bundled"]),
            statement=str(licence["statement"]).strip(),
            source=str(licence["source"]).strip(),
        ),
        items=items,
        method=scoring["method"],
        missing=missing,  # type: ignore[arg-type]
        has_total=bool(scoring.get("total", True)),
        max_missing=int(scoring.get("max_missing", 0)),
        missing_source=str(scoring.get("missing_source", "")),
        screen=raw.get("screen"),
        stem=raw.get("stem"),
        answer_note=str(raw.get("answer_note", "")).strip(),
        sections={str(k): str(v).strip() for k, v in (raw.get("sections") or {}).items()},
        subscales={
            str(name): tuple(str(x) for x in ids)
            for name, ids in (raw.get("subscales") or {}).items()
        },
        bands=tuple(
            Band(min=float(b["min"]), max=float(b["max"]), label=str(b["label"]))
            for b in bands.get("ranges", ())
        ),
        bands_source=str(bands.get("source", "")),
        cutoffs=tuple(
            Cutoff(
                name=str(c["name"]),
                source=str(c["source"]),
                at_least=c.get("at_least"),
                below=c.get("below"),
            )
            for c in raw.get("cutoffs", ())
        ),
        reliable_change={
            str(name): ReliabilitySpec(
                reliability=float(spec["reliability"]),
                sd=float(spec["sd"]),
                reliability_source=str(spec["reliability_source"]).strip(),
                sd_source=str(spec["sd_source"]).strip(),
            )
            for name, spec in (raw.get("reliable_change") or {}).items()
        },
    )


def _parse_item(spec: Mapping[str, Any], scales: Mapping[str, Scale]) -> Item:
    condition = spec.get("ask_if_any_at_least") or {}
    return Item(
        id=str(spec["id"]),
        scale=scales[spec["scale"]],
        text=spec.get("text"),
        reverse=bool(spec.get("reverse", False)),
        scored=bool(spec.get("scored", True)),
        flag=spec.get("flag"),
        flag_at_least=int(spec.get("flag_at_least", 1)),
        acuity=bool(spec.get("acuity", False)),
        ask_if_items=tuple(str(x) for x in condition.get("items", ())),
        ask_if_value=int(condition.get("value", 1)),
        section=spec.get("section"),
        sensitive=bool(spec.get("sensitive", False)),
        source=str(spec.get("source", "")),
    )


def _apply_items_file(instrument: Instrument, path: Path) -> Instrument:
    """Read the user's wording: YAML or JSON with ``items`` as a list of {id, text} or a map."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(
            f"{path}: cannot read the items file ({error.strerror}); check the path."
        ) from error
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path}: byte {error.start} is not UTF-8 text; save the items file as UTF-8 "
            "(see docs/instruments.md for its format)."
        ) from error
    except yaml.YAMLError as error:
        raise InputError(
            f"{path}: is not valid YAML or JSON; see docs/instruments.md for the items file format."
        ) from error
    if not isinstance(raw, Mapping) or "items" not in raw:
        raise InputError(
            f"{path}: expected a mapping with an 'items' key; "
            "see docs/instruments.md for the items file format."
        )
    named = raw.get("instrument")
    if named is not None and named != instrument.id:
        raise InputError(f"{path}: holds items for {named!r}, not for {instrument.id!r}.")
    entries = raw["items"]
    if isinstance(entries, Mapping):
        pairs = [(str(k), v) for k, v in entries.items()]
    elif isinstance(entries, list) and all(isinstance(e, Mapping) for e in entries):
        pairs = [(str(e.get("id")), e.get("text")) for e in entries]
    else:
        raise InputError(
            f"{path}: 'items' must be a list of {{id, text}} or a mapping of id to text."
        )
    texts: dict[str, str] = {}
    expected = [item.id for item in instrument.items]
    for item_id, text in pairs:
        if item_id not in expected:
            raise InputError(
                f"{path}: item {item_id!r} is not part of {instrument.id}; "
                f"its items are: {', '.join(expected)}."
            )
        if not isinstance(text, str) or not text.strip():
            raise InputError(f"{path}: item {item_id!r} has no text; give it the wording.")
        texts[item_id] = text.strip()
    absent = [item_id for item_id in expected if item_id not in texts]
    if absent:
        raise InputError(
            f"{path}: no text for {', '.join(absent)}; add every item of {instrument.id}."
        )
    labels = raw.get("labels") or {}
    if not isinstance(labels, Mapping):
        raise InputError(f"{path}: 'labels' must map a scale id to a list of answer labels.")
    return instrument.with_texts(texts, labels=labels, order=[item_id for item_id, _ in pairs])
