"""Turning the bytes of an export into text: byte-order marks, UTF-16, Windows-1252.

Exports are UTF-8 almost always; Windows tools sometimes write UTF-16 with a byte-order mark,
and old desktop exports Windows-1252. The encoding is chosen from the first block of bytes and
the rest is decoded as a stream, so long files never sit in memory whole.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import IO

from holdspace.errors import UnreadableText

__all__ = ["SAMPLE_BYTES", "choose_encoding", "decode_all", "iter_lines"]

SAMPLE_BYTES = 65_536

BinaryOpener = Callable[[], AbstractContextManager[IO[bytes]]]


def choose_encoding(head: bytes, *, source: str) -> tuple[str, str | None]:
    """The codec for bytes that start with ``head``, and a note when it is not plain UTF-8."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", None
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "the file is UTF-16 (with a byte-order mark); decoded as such"
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4 and head[0] != 0:
        return "utf-16-le", "the file looks like UTF-16 without a byte-order mark; decoded as such"
    if b"\x00" in head:
        raise UnreadableText(
            "holds NUL bytes, so it is binary, not a text export; "
            "check that you chose the chat file itself (a .txt, .json, .csv or .xml).",
            source=source,
        )
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=False)
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8", None
    try:
        head.decode("cp1252")
    except UnicodeDecodeError as error:
        raise UnreadableText(
            f"byte {error.start} is neither UTF-8 nor Windows-1252; "
            "re-export the chat, or convert the file to UTF-8 and import it again.",
            source=source,
        ) from error
    return "cp1252", "the file is not UTF-8; decoded as Windows-1252 (check accented letters)"


def iter_lines(
    opener: BinaryOpener, *, source: str, notes: list[str] | None = None
) -> Iterator[str]:
    """Every line of the file without its line ending, decoded as :func:`choose_encoding` says."""
    with opener() as handle:
        head = handle.read(SAMPLE_BYTES)
    encoding, note = choose_encoding(head, source=source)
    if note and notes is not None:
        notes.append(note)
    number = 0
    with opener() as handle:
        wrapper = io.TextIOWrapper(handle, encoding=encoding, errors="strict", newline=None)
        try:
            for number, line in enumerate(wrapper, start=1):  # noqa: B007
                yield line.rstrip("\n")
        except UnicodeDecodeError as error:
            raise UnreadableText(
                f"holds bytes that are not valid {encoding}; "
                "re-export the chat, or convert the file to UTF-8 and import it again.",
                source=source,
                where=f"near line {number + 1}",
            ) from error
        finally:
            wrapper.detach()


def decode_all(data: bytes, *, source: str, notes: list[str] | None = None) -> str:
    """The whole text of ``data`` (for formats that must be read whole, such as JSON)."""
    encoding, note = choose_encoding(data[:SAMPLE_BYTES], source=source)
    if note and notes is not None:
        notes.append(note)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UnreadableText(
            f"holds bytes that are not valid {encoding}; "
            "re-export the chat, or convert the file to UTF-8 and import it again.",
            source=source,
            where=f"line {line}",
        ) from error
    return text.replace("\r\n", "\n").replace("\r", "\n")
