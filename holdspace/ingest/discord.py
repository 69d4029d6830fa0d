"""Discord channels and direct messages as DiscordChatExporter writes them (JSON or CSV)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from holdspace.errors import MalformedExport
from holdspace.ingest.base import ImportOptions, ParseLog, Parser, RawMessage, Source
from holdspace.ingest.jsondoc import load_json, sniff_json_keys
from holdspace.model import MessageKind

__all__ = ["DiscordCsvParser", "DiscordParser"]

_SYSTEM_TYPES = {
    "RecipientAdd",
    "RecipientRemove",
    "Call",
    "ChannelNameChange",
    "ChannelPinnedMessage",
    "GuildMemberJoin",
    "ThreadCreated",
}


def _author(record: dict[str, Any]) -> str:
    author = record.get("author")
    if isinstance(author, dict):
        for key in ("nickname", "name"):
            if isinstance(author.get(key), str) and author[key]:
                return str(author[key])
    return ""


class DiscordParser(Parser):
    """DiscordChatExporter JSON: ``guild``, ``channel`` and ``messages``."""

    name = "discord"
    description = "Discord channel or DM exported by DiscordChatExporter as JSON"

    def sniff(self, head: str, *, filename: str) -> bool:
        return sniff_json_keys(head, "guild", "channel", "messages")

    def parse(self, source: Source, log: ParseLog, options: ImportOptions) -> Iterator[RawMessage]:
        document = load_json(source, log, options, what="DiscordChatExporter")
        records = document.get("messages") if isinstance(document, dict) else None
        if not isinstance(records, list):
            raise MalformedExport(
                "has no 'messages' list; export the channel again with DiscordChatExporter "
                "in JSON format.",
                source=source.name,
            )
        for index, record in enumerate(records, start=1):
            where = f"message {index}"
            if not isinstance(record, dict):
                log.skip(where, "not a message object", str(record))
                continue
            try:
                time = datetime.fromisoformat(str(record.get("timestamp")))
            except ValueError:
                log.skip(where, "no readable timestamp", str(record.get("timestamp")))
                continue
            content = record.get("content")
            text = content if isinstance(content, str) else ""
            if record.get("type") in _SYSTEM_TYPES:
                yield RawMessage(None, time, text or str(record["type"]), "system")
                continue
            speaker = _author(record)
            if not speaker:
                log.skip(where, "a message without an author", text)
                continue
            kind: MessageKind = "media" if not text and record.get("attachments") else "text"
            edited = bool(record.get("timestampEdited"))
            yield RawMessage(speaker, time, text, kind, edited)


class DiscordCsvParser(Parser):
    """DiscordChatExporter CSV: ``AuthorID,Author,Date,Content,Attachments,Reactions``."""

    name = "discord-csv"
    description = "Discord channel or DM exported by DiscordChatExporter as CSV"

    def sniff(self, head: str, *, filename: str) -> bool:
        first = head.lstrip("\ufeff").split("\n", 1)[0]
        return first.startswith(('"AuthorID","Author","Date"', "AuthorID,Author,Date"))

    def parse(self, source: Source, log: ParseLog, options: ImportOptions) -> Iterator[RawMessage]:
        reader = csv.DictReader(line + "\n" for line in source.lines(log))
        try:
            for row in reader:
                where = f"line {reader.line_num}"
                try:
                    time = datetime.fromisoformat((row.get("Date") or "").strip())
                except ValueError:
                    log.skip(where, "no readable Date", row.get("Date") or "")
                    continue
                speaker = (row.get("Author") or "").strip()
                text = row.get("Content") or ""
                if not speaker:
                    log.skip(where, "a row without an Author", text)
                    continue
                kind: MessageKind = "media" if not text and row.get("Attachments") else "text"
                yield RawMessage(speaker, time, text, kind)
        except csv.Error as error:
            raise MalformedExport(
                f"is not valid CSV ({error}); export the channel again.",
                source=source.name,
                where=f"line {reader.line_num}",
            ) from error
