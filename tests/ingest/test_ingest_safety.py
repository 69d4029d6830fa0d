"""Zip checks, encodings, and arbitrary input that must only raise import errors."""

from __future__ import annotations

import contextlib
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_helpers import msg

from holdspace.errors import ImportProblem, UnreadableText, UnsafeArchive
from holdspace.ingest import FORMATS, read_conversation, render
from holdspace.ingest.whatsapp_phrases import classify, is_notice
from holdspace.ingest.writers import WRITERS
from holdspace.settings import Settings

CHAT = "13/03/2025, 21:14 - Sam: hi\n"


def make_zip(path: Path, entries: dict[str, bytes], *, link: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
        if link is not None:
            info = zipfile.ZipInfo(link)
            info.external_attr = 0o120777 << 16
            archive.writestr(info, "/etc/passwd")
    return path


def test_zip_export_reads_the_chat_inside(tmp_path: Path) -> None:
    path = make_zip(
        tmp_path / "c.zip", {"WhatsApp Chat with Jo.txt": CHAT.encode(), "IMG-1.jpg": b"\xff" * 10}
    )
    conversation = read_conversation(path)
    assert conversation.source == "c.zip:WhatsApp Chat with Jo.txt"
    assert [m.text for m in conversation.messages] == ["hi"]


@pytest.mark.parametrize(
    ("entries", "link", "settings", "expected"),
    [
        pytest.param(
            {"../evil.txt": b"x"},
            None,
            Settings(),
            "c.zip: entry '../evil.txt': has a path that leaves the export folder; this zip was not made by a chat app: do not import it.",
            id="traversal",
        ),
        pytest.param(
            {"chat.txt": CHAT.encode()},
            "link.txt",
            Settings(),
            "c.zip: entry 'link.txt': is a symbolic link; chat exports hold none: do not import this zip.",
            id="symlink",
        ),
        pytest.param(
            {"chat.txt": CHAT.encode(), "inner.zip": b"PK"},
            None,
            Settings(),
            "c.zip: entry 'inner.zip': is an archive inside the archive; import the inner chat file on its own instead.",
            id="nested",
        ),
        pytest.param(
            {"chat.txt": b"a" * 100_000},
            None,
            Settings(),
            "c.zip: entry 'chat.txt': expands 870 times, more than the limit of 200; this looks like a zip bomb: raise HOLDSPACE_MAX_ZIP_RATIO only if you trust it.",
            id="ratio",
        ),
        pytest.param(
            {"a.txt": b"1", "b.txt": b"2", "c.txt": b"3"},
            None,
            Settings(max_zip_entries=2),
            "c.zip: holds 3 entries, more than the limit of 2; raise HOLDSPACE_MAX_ZIP_ENTRIES if you trust it.",
            id="entries",
        ),
        pytest.param(
            {"chat.txt": CHAT.encode()},
            None,
            Settings(max_import_bytes=10),
            "c.zip: would expand to 28 bytes, more than the limit of 10; raise HOLDSPACE_MAX_IMPORT_BYTES if you trust it.",
            id="size",
        ),
    ],
)
def test_unsafe_zips_are_refused_before_reading(
    tmp_path: Path, entries: dict[str, bytes], link: str | None, settings: Settings, expected: str
) -> None:
    path = make_zip(tmp_path / "c.zip", entries, link=link)
    with pytest.raises(UnsafeArchive) as caught:
        read_conversation(path, settings=settings)
    assert str(caught.value) == expected


@pytest.mark.parametrize(
    ("data", "note"),
    [
        pytest.param(
            CHAT.encode("utf-16"),
            "the file is UTF-16 (with a byte-order mark); decoded as such",
            id="utf16-bom",
        ),
        pytest.param(
            "13/03/2025, 21:14 - Zoë: café\n".encode("cp1252"),
            "the file is not UTF-8; decoded as Windows-1252 (check accented letters)",
            id="cp1252",
        ),
        pytest.param(b"\xef\xbb\xbf" + CHAT.encode(), None, id="utf8-bom"),
    ],
)
def test_encodings_are_decoded_and_noted(tmp_path: Path, data: bytes, note: str | None) -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes(data)
    conversation = read_conversation(path)
    assert conversation.messages[0].speaker in {"Sam", "Zoë"}
    assert (note in conversation.notes) if note else conversation.notes == []


def test_invalid_bytes_after_a_clean_start_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes(CHAT.encode() * 4000 + b"13/03/2025, 21:15 - Jo: \x81\x8d\n")
    with pytest.raises(UnreadableText) as caught:
        read_conversation(path)
    assert str(caught.value).startswith("chat.txt: near line ")
    assert str(caught.value).endswith(
        ": holds bytes that are not valid utf-8; re-export the chat, or convert the file to "
        "UTF-8 and import it again."
    )


def test_sms_backup_refuses_entity_declarations(tmp_path: Path) -> None:
    path = tmp_path / "sms.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE smses [<!ENTITY a "aaaa">]>\n<smses><sms body="&a;"/></smses>\n',
        encoding="utf-8",
    )
    with pytest.raises(ImportProblem) as caught:
        read_conversation(path)
    assert str(caught.value) == (
        "sms.xml: line 2: declares a document type (DTD), which SMS Backup & Restore never "
        "writes and which could expand entities; export the messages again."
    )


@pytest.mark.parametrize("format", [*FORMATS, None])
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_arbitrary_input_only_raises_import_problems(
    tmp_path: Path, format: str | None, data: bytes
) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    with contextlib.suppress(ImportProblem):
        read_conversation(path, format=format)


_word = st.text(alphabet=st.characters(whitelist_categories=("Ll", "Lu")), min_size=1, max_size=8)
# A text that reads exactly like an export's own placeholder ("null", "<Media omitted>") cannot
# survive a WhatsApp round trip: the format has no way to escape it.
_text = (
    st.lists(_word, min_size=1, max_size=6)
    .map(" ".join)
    .filter(lambda text: classify(text)[0] == "text" and not is_notice(text))
)
_time = st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2090, 1, 1)).map(
    lambda t: t.replace(second=0, microsecond=0)
)
_speaker = st.sampled_from(["Sam", "Jo", "Ana Lee"])


@pytest.mark.parametrize("format", sorted(set(WRITERS) - {"messenger"}))
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(parts=st.lists(st.tuples(_speaker, _time, _text), min_size=1, max_size=8))
def test_render_then_read_round_trips(
    tmp_path: Path, format: str, parts: list[tuple[str, datetime, str]]
) -> None:
    messages = [
        msg(i, s, text, time=t, conversation="rt") for i, (s, t, text) in enumerate(parts, 1)
    ]
    path = tmp_path / (
        "rt.jsonl" if format == "jsonl" else "rt.csv" if format == "csv" else "rt.txt"
    )
    path.write_text(render(messages, format), encoding="utf-8")
    order = "mdy" if "12h" in format else "dmy"
    back = read_conversation(
        path, format=None, date_order=order if "whatsapp" in format else None, conversation_id="rt"
    )
    assert [(m.speaker, m.time, m.text, m.kind) for m in back.messages] == [
        (m.speaker, m.time, m.text, m.kind) for m in messages
    ]
