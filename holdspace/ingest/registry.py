"""Every export format holdspace reads, in the order detection tries them."""

from __future__ import annotations

from typing import Final

from holdspace.errors import UnknownFormat
from holdspace.ingest.base import Parser
from holdspace.ingest.csvfmt import CsvParser
from holdspace.ingest.discord import DiscordCsvParser, DiscordParser
from holdspace.ingest.imessage import IMessageParser
from holdspace.ingest.jsonl import JsonlParser
from holdspace.ingest.messenger import InstagramParser, MessengerParser
from holdspace.ingest.signal import SignalJsonParser, SignalParser
from holdspace.ingest.smsxml import SmsXmlParser
from holdspace.ingest.telegram import TelegramParser
from holdspace.ingest.transcript import TranscriptParser
from holdspace.ingest.whatsapp import WhatsAppParser

__all__ = ["FORMATS", "PARSERS", "get_parser"]

#: Detection order matters: specific layouts before general ones (plain transcripts last).
PARSERS: Final[tuple[Parser, ...]] = (
    JsonlParser(),
    DiscordParser(),
    TelegramParser(),
    InstagramParser(),
    MessengerParser(),
    SignalJsonParser(),
    SmsXmlParser(),
    SignalParser(),
    WhatsAppParser(),
    IMessageParser(),
    DiscordCsvParser(),
    CsvParser(),
    TranscriptParser(),
)

_BY_NAME: Final[dict[str, Parser]] = {parser.name: parser for parser in PARSERS}

#: The names ``--format`` accepts.
FORMATS: Final[tuple[str, ...]] = tuple(sorted(_BY_NAME))


def get_parser(name: str) -> Parser:
    """The parser called ``name``; raises :class:`UnknownFormat` for any other name."""
    parser = _BY_NAME.get(name)
    if parser is None:
        raise UnknownFormat(
            f"there is no import format called {name!r}; choose one of: {', '.join(FORMATS)}."
        )
    return parser
