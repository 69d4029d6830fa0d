"""Zip exports: checked before anything is read, then the chat file is read from inside.

Phones put the chat text and its media in one zip. Before reading, every entry is checked:
how many there are, their total uncompressed size, each one's compression ratio, and that no
name escapes the folder, is a link, or is itself an archive. Nothing is extracted to disk.
"""

from __future__ import annotations

import stat
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO

from holdspace.errors import UnsafeArchive
from holdspace.ingest.base import Source
from holdspace.settings import Settings

__all__ = ["CHAT_SUFFIXES", "open_zip_chat"]

CHAT_SUFFIXES = (".txt", ".json", ".jsonl", ".csv", ".xml")
_ARCHIVE_SUFFIXES = (".zip", ".gz", ".tgz", ".tar", ".7z", ".rar", ".bz2", ".xz", ".zst")


def _check(info: zipfile.ZipInfo, *, source: str, settings: Settings) -> None:
    name = info.filename
    where = f"entry {name!r}"
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if name.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
        raise UnsafeArchive(
            "has a path that leaves the export folder; "
            "this zip was not made by a chat app: do not import it.",
            source=source,
            where=where,
        )
    mode = info.external_attr >> 16
    if mode and stat.S_ISLNK(mode):
        raise UnsafeArchive(
            "is a symbolic link; chat exports hold none: do not import this zip.",
            source=source,
            where=where,
        )
    if name.lower().endswith(_ARCHIVE_SUFFIXES):
        raise UnsafeArchive(
            "is an archive inside the archive; import the inner chat file on its own instead.",
            source=source,
            where=where,
        )
    if info.compress_size and info.file_size / info.compress_size > settings.max_zip_ratio:
        ratio = info.file_size / info.compress_size
        raise UnsafeArchive(
            f"expands {ratio:,.0f} times, more than the limit of {settings.max_zip_ratio:,.0f}; "
            "this looks like a zip bomb: raise HOLDSPACE_MAX_ZIP_RATIO only if you trust it.",
            source=source,
            where=where,
        )


def check_archive(archive: zipfile.ZipFile, *, source: str, settings: Settings) -> None:
    """Raise :class:`UnsafeArchive` unless every entry of ``archive`` passes the checks."""
    entries = archive.infolist()
    if len(entries) > settings.max_zip_entries:
        raise UnsafeArchive(
            f"holds {len(entries):,} entries, more than the limit of "
            f"{settings.max_zip_entries:,}; raise HOLDSPACE_MAX_ZIP_ENTRIES if you trust it.",
            source=source,
        )
    total = 0
    for info in entries:
        _check(info, source=source, settings=settings)
        total += info.file_size
    if total > settings.max_import_bytes:
        raise UnsafeArchive(
            f"would expand to {total:,} bytes, more than the limit of "
            f"{settings.max_import_bytes:,}; raise HOLDSPACE_MAX_IMPORT_BYTES if you trust it.",
            source=source,
        )


def _chat_entry(archive: zipfile.ZipFile, *, source: str) -> zipfile.ZipInfo:
    candidates = [
        info
        for info in archive.infolist()
        if not info.is_dir()
        and info.filename.lower().endswith(CHAT_SUFFIXES)
        and not PurePosixPath(info.filename).name.startswith(".")
    ]
    if not candidates:
        raise UnsafeArchive(
            "holds no chat file (.txt, .json, .jsonl, .csv or .xml); "
            "export the chat again, or unzip it and import the chat file.",
            source=source,
        )
    chats = [info for info in candidates if "chat" in PurePosixPath(info.filename).name.lower()]
    if len(chats) == 1:
        return chats[0]
    if len(candidates) == 1:
        return candidates[0]
    names = ", ".join(info.filename for info in candidates[:5])
    raise UnsafeArchive(
        f"holds several possible chat files ({names}); unzip it and import the one you mean.",
        source=source,
    )


def open_zip_chat(path: Path, *, settings: Settings) -> Source:
    """The chat file inside the zip at ``path``, after the safety checks."""
    source = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            check_archive(archive, source=source, settings=settings)
            entry = _chat_entry(archive, source=source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise UnsafeArchive(
            f"is not a readable zip file ({error}); export the chat again.", source=source
        ) from error

    @contextmanager
    def opener() -> Iterator[IO[bytes]]:
        try:
            with zipfile.ZipFile(path) as archive, archive.open(entry) as handle:
                yield handle
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as error:
            raise UnsafeArchive(
                f"could not be read ({error}); export the chat again.",
                source=source,
                where=f"entry {entry.filename!r}",
            ) from error

    return Source(name=f"{source}:{entry.filename}", opener=opener, size=entry.file_size)
