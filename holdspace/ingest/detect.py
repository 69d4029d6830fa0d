"""Which export format a file is, from its name and its first few kilobytes."""

from __future__ import annotations

import zipfile
from pathlib import Path

from holdspace.errors import UnknownFormat
from holdspace.ingest.base import ParseLog, Source
from holdspace.ingest.registry import FORMATS, PARSERS
from holdspace.ingest.text import SAMPLE_BYTES, choose_encoding

__all__ = ["detect_format", "detect_source_format"]


def detect_source_format(source: Source) -> str:
    """The name of the first parser that recognises ``source``."""
    head = source.head(SAMPLE_BYTES)
    if not head.strip():
        raise UnknownFormat(
            "is empty; export the chat again (it should hold the messages as text).",
            source=source.name,
        )
    encoding, _ = choose_encoding(head, source=source.name)
    text = head.decode(encoding, errors="ignore").replace("\r\n", "\n").replace("\r", "\n")
    for parser in PARSERS:
        if parser.sniff(text, filename=source.name):
            return parser.name
    raise UnknownFormat(
        "line 1 matches no known export; pass --format " + "|".join(FORMATS) + ".",
        source=source.name,
    )


def detect_format(path: str | Path) -> str:
    """The export format of the file at ``path`` (a zip is judged by the chat file inside)."""
    from holdspace.ingest.reader import open_source

    source = open_source(Path(path), log=ParseLog(source=Path(path).name))
    return detect_source_format(source)


def is_zip(path: Path) -> bool:
    """Whether ``path`` is a zip archive (judged by its content, not its name)."""
    try:
        return zipfile.is_zipfile(path)
    except OSError:
        return False
