"""Every option of holdspace, once, with its default and help text.

Settings come from keyword arguments or from ``HOLDSPACE_*`` environment variables; nothing is
built at import time. The CLI and (later) the web app both read a :class:`Settings` object.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from holdspace.errors import InvalidSetting

__all__ = ["Settings", "default_home"]


def default_home() -> Path:
    """Where holdspace keeps a user's private data when ``HOLDSPACE_HOME`` is not set."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "holdspace"


def _option(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class Settings:
    """All options. Each field's ``help`` metadata is its documentation (see docs/settings.md)."""

    home: Path = field(
        default_factory=default_home,
        metadata={"help": "Folder for private data: encrypted check-ins and local databases."},
    )
    region: str = _option(
        "US", "Region whose crisis resources are shown (see `holdspace help crisis`)."
    )
    max_import_bytes: int = _option(
        2_000_000_000, "Largest chat export (or total uncompressed zip content) read, in bytes."
    )
    max_zip_entries: int = _option(10_000, "Most entries a zip export may hold.")
    max_zip_ratio: float = _option(
        200.0, "Largest uncompressed-to-compressed ratio of a zip entry."
    )
    episode_gap_minutes: float = _option(
        240.0, "Silence, in minutes, that separates one exchange (episode) from the next."
    )
    reply_window_hours: float = _option(
        12.0, "A bid not answered within this many hours counts as turned away from."
    )
    coder: str = _option("ensemble", "Default coder: rules, model or ensemble.")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from ``HOLDSPACE_<FIELD>`` variables, then keyword overrides."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for spec in fields(cls):
            name = f"HOLDSPACE_{spec.name.upper()}"
            if name not in env:
                continue
            raw = env[name]
            values[spec.name] = _convert(name, raw, spec.type)
        values.update(overrides)
        return cls(**values)

    @classmethod
    def documentation(cls) -> list[tuple[str, str, str]]:
        """``(environment variable, default, help)`` for every option."""
        rows = []
        for spec in fields(cls):
            default = "~/.local/share/holdspace" if spec.name == "home" else repr(spec.default)
            rows.append((f"HOLDSPACE_{spec.name.upper()}", default, str(spec.metadata["help"])))
        return rows


def _convert(name: str, raw: str, kind: Any) -> Any:
    kind_name = kind if isinstance(kind, str) else getattr(kind, "__name__", str(kind))
    try:
        if kind_name == "int":
            return int(raw)
        if kind_name == "float":
            return float(raw)
    except ValueError as error:
        raise InvalidSetting(
            f"{name}={raw!r} is not a number; set it to a {kind_name} or unset it."
        ) from error
    if kind_name == "Path":
        return Path(raw).expanduser()
    return raw
