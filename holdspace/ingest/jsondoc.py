"""Reading whole-file JSON exports with errors that name the line and column."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from holdspace.errors import MalformedExport
from holdspace.ingest.base import ImportOptions, ParseLog, Source

__all__ = ["from_epoch", "load_json", "sniff_json_keys"]


def load_json(source: Source, log: ParseLog, options: ImportOptions, *, what: str) -> Any:
    """The parsed JSON document of ``source``; ``what`` names the format for error messages."""
    text = source.text(log, limit=options.settings.max_import_bytes)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise MalformedExport(
            # json's own messages may end in "at" ("Unterminated string starting at").
            f"is not valid JSON ({error.msg.lower()}: column {error.colno}); "
            f"a {what} export is one JSON document: export the chat again.",
            source=source.name,
            where=f"line {error.lineno}",
        ) from error
    except RecursionError as error:
        raise MalformedExport(
            f"nests too deeply to be a {what} export; export the chat again.",
            source=source.name,
        ) from error


def sniff_json_keys(head: str, *keys: str) -> bool:
    """Whether ``head`` starts a JSON document that mentions every key in ``keys``."""
    start = head.lstrip("\ufeff \n\t")[:1]
    return start in "{[" and start != "" and all(f'"{key}"' in head for key in keys)


def from_epoch(seconds: float) -> datetime:
    """A UTC timestamp from seconds since 1970 (raises ValueError when out of range)."""
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError) as error:
        raise ValueError(str(error)) from error
