"""The parser contract every export format follows, and what a parser hands back.

A parser turns one source (a file, or the chat file inside a zip) into :class:`RawMessage`
objects in conversation order. It never assigns ids or resolves aliases: the reader does that
once for every format. Lines or records it cannot use go to :meth:`ParseLog.skip`, never
silently away.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, ClassVar

from holdspace.errors import MalformedExport
from holdspace.ingest.text import decode_all, iter_lines
from holdspace.model import MessageKind, Skipped
from holdspace.settings import Settings

__all__ = ["ImportOptions", "ParseLog", "Parser", "RawMessage", "Source"]


@dataclass(frozen=True, slots=True)
class RawMessage:
    """One message as a parser read it, before ids and aliases are applied."""

    speaker: str | None
    time: datetime | None
    text: str
    kind: MessageKind = "text"
    edited: bool = False
    #: The export's own message id, kept where the format has stable ones (JSONL).
    id: str | None = None


@dataclass(slots=True)
class ParseLog:
    """What a parse noticed: skipped lines or records and notes for the user."""

    source: str
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: The conversation id the export itself names, if any.
    conversation: str | None = None
    #: The name of the format that was read.
    format: str = ""

    def skip(self, where: str, reason: str, excerpt: str = "") -> None:
        """Record a line or record that did not become a message."""
        self.skipped.append(Skipped(where=where, reason=reason, excerpt=excerpt[:80]))

    def note(self, text: str) -> None:
        """Record something the user should know (once)."""
        if text not in self.notes:
            self.notes.append(text)


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """Options that change how an export is read (the reader builds this from keywords)."""

    me: str | None = None
    date_order: str | None = None
    chat: str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)


@dataclass(frozen=True, slots=True)
class Source:
    """Where the bytes of an export come from: a file, or one member of a zip."""

    name: str
    opener: Callable[[], AbstractContextManager[IO[bytes]]]
    size: int

    def lines(self, log: ParseLog) -> Iterator[str]:
        """The decoded lines, streamed (each call starts again from the top)."""
        return iter_lines(self.opener, source=self.name, notes=log.notes)

    def head(self, limit: int = 65_536) -> bytes:
        """The first ``limit`` bytes, for format detection."""
        with self.opener() as handle:
            return handle.read(limit)

    def text(self, log: ParseLog, *, limit: int) -> str:
        """The whole decoded text, for formats that must be read whole (JSON, XML)."""
        if self.size > limit:
            raise MalformedExport(
                f"is {self.size:,} bytes, more than the limit of {limit:,}; "
                "raise HOLDSPACE_MAX_IMPORT_BYTES if you trust this file.",
                source=self.name,
            )
        with self.opener() as handle:
            data = handle.read(limit + 1)
        return decode_all(data, source=self.name, notes=log.notes)


class Parser(ABC):
    """One export format: how to recognise it and how to read it."""

    name: ClassVar[str]
    #: What the format is, for ``docs/formats.md`` and error messages.
    description: ClassVar[str]

    @abstractmethod
    def sniff(self, head: str, *, filename: str) -> bool:
        """Whether the decoded start of a file looks like this format."""

    @abstractmethod
    def parse(self, source: Source, log: ParseLog, options: ImportOptions) -> Iterator[RawMessage]:
        """The messages of ``source`` in conversation order."""
