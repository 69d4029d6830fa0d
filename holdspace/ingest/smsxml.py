"""Android text messages saved by SMS Backup & Restore (``sms-*.xml``), SMS and MMS.

The XML is read as a stream with expat, and any document type declaration is refused, so no
entity can be defined or expanded (no "billion laughs", no external files).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any
from xml.parsers import expat

from holdspace.errors import MalformedExport
from holdspace.ingest.base import ImportOptions, ParseLog, Parser, RawMessage, Source
from holdspace.ingest.jsondoc import from_epoch

__all__ = ["SmsXmlParser"]

_RECEIVED, _SENT = "1", "2"
_FROM_ADDRESS = "137"
_CHUNK = 1 << 16


class _Refused(Exception):
    """A document type declaration was found (raised inside expat's callbacks)."""


class _Collector:
    """expat callbacks that turn ``sms`` and ``mms`` elements into messages."""

    def __init__(self, log: ParseLog, me: str, parser: Any, chat: str | None) -> None:
        self.log = log
        self.chat = _digits_or_name(chat) if chat else None
        self.other_chats = 0
        self.addresses: set[str] = set()
        self.me = me
        self.parser = parser
        self.ready: list[RawMessage] = []
        self.mms: dict[str, str] | None = None
        self.parts: list[dict[str, str]] = []
        self.sender: str | None = None
        self.index = 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "sms":
            self.index += 1
            self._sms(attrs)
        elif tag == "mms":
            self.index += 1
            self.mms, self.parts, self.sender = attrs, [], None
        elif tag == "part" and self.mms is not None:
            self.parts.append(attrs)
        elif tag == "addr" and self.mms is not None and attrs.get("type") == _FROM_ADDRESS:
            self.sender = attrs.get("address")

    def end(self, tag: str) -> None:
        if tag == "mms" and self.mms is not None:
            self._mms(self.mms)
            self.mms = None

    def _wanted(self, attrs: dict[str, str]) -> bool:
        names = {_digits_or_name(attrs.get(key, "")) for key in ("contact_name", "address")}
        self.addresses.add(_digits_or_name(attrs.get("address", "")))
        if self.chat is None or self.chat in names:
            return True
        self.other_chats += 1
        return False

    def _when(self, attrs: dict[str, str], where: str) -> datetime | None:
        try:
            return from_epoch(int(attrs.get("date", "")) / 1000)
        except ValueError:
            self.log.skip(where, "no readable date", attrs.get("date", ""))
            return None

    def _sms(self, attrs: dict[str, str]) -> None:
        where = f"message {self.index} (line {self.parser.CurrentLineNumber})"
        kind = attrs.get("type")
        if not self._wanted(attrs):
            return
        if kind not in (_RECEIVED, _SENT):
            self.log.skip(
                where, f"a draft, queued or failed message (type {kind})", attrs.get("body", "")
            )
            return
        time = self._when(attrs, where)
        if time is None:
            return
        other = attrs.get("contact_name") or attrs.get("address") or ""
        if other in ("", "(Unknown)"):
            other = attrs.get("address") or "Unknown"
        speaker = self.me if kind == _SENT else other
        self.ready.append(RawMessage(speaker, time, attrs.get("body", "")))

    def _mms(self, attrs: dict[str, str]) -> None:
        where = f"message {self.index} (line {self.parser.CurrentLineNumber})"
        box = attrs.get("msg_box")
        if not self._wanted(attrs):
            return
        if box not in (_RECEIVED, _SENT):
            self.log.skip(where, f"a draft, queued or failed message (box {box})")
            return
        time = self._when(attrs, where)
        if time is None:
            return
        texts = [p.get("text", "") for p in self.parts if p.get("ct") == "text/plain"]
        media = [p for p in self.parts if p.get("ct") not in ("text/plain", "application/smil")]
        text = "\n".join(t for t in texts if t)
        if box == _SENT:
            speaker = self.me
        else:
            speaker = self.sender or attrs.get("contact_name") or attrs.get("address") or "Unknown"
        self.ready.append(
            RawMessage(speaker, time, text, "media" if media and not text else "text")
        )


def _digits_or_name(value: str) -> str:
    digits = "".join(char for char in value if char.isdigit())
    return digits[-10:] if len(digits) >= 6 else value.strip().casefold()


def _refuse(*_: Any) -> None:
    raise _Refused


class SmsXmlParser(Parser):
    """SMS Backup & Restore XML: ``<smses>`` with ``<sms>`` and ``<mms>`` elements."""

    name = "sms-xml"
    description = "Android SMS and MMS saved by SMS Backup & Restore (XML)"

    def sniff(self, head: str, *, filename: str) -> bool:
        return "<smses" in head[:4096]

    def parse(self, source: Source, log: ParseLog, options: ImportOptions) -> Iterator[RawMessage]:
        parser = expat.ParserCreate()
        collector = _Collector(log, options.me or "Me", parser, options.chat)
        parser.StartElementHandler = collector.start
        parser.EndElementHandler = collector.end
        parser.StartDoctypeDeclHandler = _refuse
        parser.EntityDeclHandler = _refuse
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        with source.opener() as handle:
            while True:
                chunk = handle.read(_CHUNK)
                try:
                    parser.Parse(chunk, not chunk)
                except _Refused as error:
                    raise MalformedExport(
                        "declares a document type (DTD), which SMS Backup & Restore never "
                        "writes and which could expand entities; export the messages again.",
                        source=source.name,
                        where=f"line {parser.CurrentLineNumber}",
                    ) from error
                except expat.ExpatError as error:
                    raise MalformedExport(
                        f"is not well-formed XML ({expat.errors.messages[error.code]}, "
                        f"column {error.offset}); export the messages again.",
                        source=source.name,
                        where=f"line {error.lineno}",
                    ) from error
                yield from collector.ready
                collector.ready.clear()
                if not chunk:
                    break
        if collector.other_chats:
            log.note(
                f"{collector.other_chats} messages of other conversations were left out "
                f"(--chat {options.chat})."
            )
        elif len(collector.addresses) > 1:
            log.note(
                f"the backup holds {len(collector.addresses)} conversations, all imported; "
                "pass --chat NAME_OR_NUMBER to import one."
            )
