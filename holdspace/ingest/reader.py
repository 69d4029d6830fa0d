"""Reading an export into messages: open, check, detect, parse, then ids and aliases.

Every format goes through :func:`stream_messages`, so ids, names and the checks on the result
are the same whatever the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import IO

from holdspace.errors import InvalidSetting, MalformedExport, UnknownFormat
from holdspace.ingest.archive import open_zip_chat
from holdspace.ingest.base import ImportOptions, ParseLog, Source
from holdspace.ingest.detect import detect_source_format, is_zip
from holdspace.ingest.registry import get_parser
from holdspace.ingest.whatsapp_dates import ORDERS
from holdspace.ingest.whatsapp_phrases import strip_marks
from holdspace.model import Conversation, Message
from holdspace.settings import Settings

__all__ = [
    "AliasMap",
    "conversation_id_for",
    "open_source",
    "parse_aliases",
    "read_conversation",
    "stream_messages",
]

_PHONE = re.compile(r"\+?[\d\s().\-]{6,}")
_SLUG = re.compile(r"[^a-z0-9]+")


def _name_key(name: str) -> str:
    clean = " ".join(strip_marks(name).split())
    if _PHONE.fullmatch(clean):
        return ("+" if clean.startswith("+") else "") + re.sub(r"\D", "", clean)
    return clean.casefold()


class AliasMap:
    """Names and phone numbers that stand for one person, compared loosely.

    Phone numbers match whatever their spacing and punctuation; names ignore case and
    direction marks.
    """

    def __init__(self, aliases: Mapping[str, str] | None = None) -> None:
        self.aliases = dict(aliases or {})
        self._keys = {_name_key(variant): person for variant, person in self.aliases.items()}
        self._keys.update({_name_key(person): person for person in self.aliases.values()})

    def resolve(self, name: str) -> str:
        """The person ``name`` stands for (``name`` itself, tidied, when no alias matches)."""
        return self._keys.get(_name_key(name), " ".join(strip_marks(name).split()))


def parse_aliases(specs: Iterable[str]) -> dict[str, str]:
    """``{"variant": "person"}`` from ``PERSON=VARIANT[,VARIANT...]`` strings (``--alias``)."""
    result: dict[str, str] = {}
    for spec in specs:
        person, equals, variants = spec.partition("=")
        names = [v.strip() for v in variants.split(",") if v.strip()]
        if not equals or not person.strip() or not names:
            raise InvalidSetting(
                f"--alias {spec!r} is not PERSON=NAME_OR_NUMBER; "
                'write it like --alias "Sam=+15551234567" (several variants: "Sam=Sammy,+1555...").'
            )
        for name in names:
            result[name] = person.strip()
    return result


def conversation_id_for(path: Path) -> str:
    """A conversation id from a file name: lower case, words joined by dashes."""
    return _SLUG.sub("-", path.stem.lower()).strip("-") or "conversation"


def open_source(path: Path, *, log: ParseLog, settings: Settings | None = None) -> Source:
    """The bytes of the export at ``path`` (the chat file inside it for a zip)."""
    settings = settings or Settings()
    if not path.is_file():
        raise UnknownFormat(
            f"no such file{' (it is a folder)' if path.is_dir() else ''}; "
            "give the path of the exported chat file or zip.",
            source=str(path),
        )
    if is_zip(path):
        return open_zip_chat(path, settings=settings)
    size = path.stat().st_size
    if size > settings.max_import_bytes:
        raise MalformedExport(
            f"is {size:,} bytes, more than the limit of {settings.max_import_bytes:,}; "
            "raise HOLDSPACE_MAX_IMPORT_BYTES if you trust this file.",
            source=path.name,
        )

    def opener() -> AbstractContextManager[IO[bytes]]:
        return path.open("rb")

    return Source(name=path.name, opener=opener, size=size)


class _OneClock:
    """Keeps every time of a conversation on one clock: all with a UTC offset, or all without.

    Some exports mix both (a Telegram export gives local wall-clock times for some messages
    and Unix times for others); later stages compare times, so the first timed message sets
    the kind and the others follow it, with a note.
    """

    NOTE = (
        "some messages carry a UTC offset and some do not; all times were put on the clock of "
        "the first message, so times near a time-zone change may be off by that difference."
    )

    def __init__(self, log: ParseLog) -> None:
        self.log = log
        self.aware: bool | None = None
        self.offset: tzinfo | None = None

    def align(self, time: datetime | None) -> datetime | None:
        """``time`` on this conversation's clock."""
        if time is None:
            return None
        has_offset = time.tzinfo is not None and time.utcoffset() is not None
        if self.aware is None:
            self.aware = has_offset
        if has_offset:
            self.offset = time.tzinfo
            if self.aware:
                return time
            self.log.note(self.NOTE)
            return time.replace(tzinfo=None)
        if not self.aware:
            return time
        self.log.note(self.NOTE)
        return time.replace(tzinfo=self.offset or UTC)


def stream_messages(
    path: str | Path,
    *,
    format: str | None = None,
    me: str | None = None,
    aliases: Mapping[str, str] | None = None,
    settings: Settings | None = None,
    conversation_id: str | None = None,
    date_order: str | None = None,
    chat: str | None = None,
    columns: Mapping[str, str] | None = None,
    log: ParseLog | None = None,
) -> Iterator[Message]:
    """The messages of an export one at a time, in order, with ids ``m1``, ``m2``, ...

    Pass a :class:`ParseLog` as ``log`` to learn what was skipped and noted.
    """
    path = Path(path)
    log = log if log is not None else ParseLog(source=path.name)
    if date_order is not None and date_order not in ORDERS:
        raise InvalidSetting(
            f"--date-order {date_order!r} is not one of {', '.join(ORDERS)}; "
            "dmy is day/month/year, mdy month/day/year, ymd year/month/day."
        )
    settings = settings or Settings()
    source = open_source(path, log=log, settings=settings)
    log.source = source.name
    parser = get_parser(format) if format else get_parser(detect_source_format(source))
    log.format = parser.name
    options = ImportOptions(
        me=me, date_order=date_order, chat=chat, columns=dict(columns or {}), settings=settings
    )
    names = AliasMap(aliases)
    clock = _OneClock(log)
    seen_ids: set[str] = set()
    number = 0
    conversation = conversation_id
    for raw in parser.parse(source, log, options):
        number += 1
        if conversation is None:
            conversation = log.conversation or conversation_id_for(path)
        message_id = raw.id if raw.id is not None else f"m{number}"
        if message_id in seen_ids:
            raise MalformedExport(
                f"message id {message_id!r} appears twice; ids must be unique: "
                "fix the file or remove the ids so they are numbered again.",
                source=source.name,
                where=f"message {number}",
            )
        seen_ids.add(message_id)
        yield Message(
            id=message_id,
            conversation=conversation,
            speaker=None if raw.speaker is None else names.resolve(raw.speaker),
            time=clock.align(raw.time),
            text=raw.text,
            kind=raw.kind,
            edited=raw.edited,
        )
    if number == 0:
        raise MalformedExport(
            f"holds no messages that can be read as {parser.name}; "
            "check that this is the exported chat, or pass --format to choose another format.",
            source=source.name,
        )


def read_conversation(
    path: str | Path,
    *,
    format: str | None = None,
    me: str | None = None,
    aliases: Mapping[str, str] | None = None,
    settings: Settings | None = None,
    conversation_id: str | None = None,
    date_order: str | None = None,
    chat: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> Conversation:
    """The whole conversation of an export, with what was skipped and noted."""
    path = Path(path)
    log = ParseLog(source=path.name)
    messages = list(
        stream_messages(
            path,
            format=format,
            me=me,
            aliases=aliases,
            settings=settings,
            conversation_id=conversation_id,
            date_order=date_order,
            chat=chat,
            columns=columns,
            log=log,
        )
    )
    conversation = Conversation(
        id=messages[0].conversation,
        messages=messages,
        source=log.source,
        format=log.format,
        skipped=log.skipped,
        notes=log.notes,
    )
    if me is not None:
        resolved = AliasMap(aliases).resolve(me)
        if resolved not in conversation.participants:
            raise InvalidSetting(
                f"--me {me!r} did not write in {log.source}; the participants are: "
                f"{', '.join(conversation.participants) or 'none'}. Pass one of them."
            )
        conversation.me = resolved
    return conversation
