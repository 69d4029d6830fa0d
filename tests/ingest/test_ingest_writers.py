from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from ingest_helpers import msg

from holdspace.errors import InvalidSetting
from holdspace.ingest import read_conversation, render, write_export, write_jsonl
from holdspace.model import Conversation

T1 = datetime(2024, 3, 2, 21, 14)
T2 = datetime(2024, 3, 2, 21, 15, 30)


def test_write_jsonl_writes_one_object_a_line() -> None:
    stream = io.StringIO()
    count = write_jsonl(
        [msg(1, "Sam", "hi", time=T1), msg(2, None, "Jo left", kind="system")], stream
    )
    lines = stream.getvalue().splitlines()
    assert count == 2
    assert json.loads(lines[0]) == {
        "id": "m1",
        "conversation": "c1",
        "speaker": "Sam",
        "time": "2024-03-02T21:14:00",
        "text": "hi",
        "kind": "text",
    }
    assert json.loads(lines[1])["speaker"] is None


@pytest.mark.parametrize(
    ("format", "expected"),
    [
        pytest.param("whatsapp", "02/03/2024, 21:14 - Sam: hi\n", id="android"),
        pytest.param("whatsapp-ios", "[02/03/2024, 21:14:00] Sam: hi\n", id="ios"),
        pytest.param(
            "whatsapp-android-12h", "3/2/2024, 9:14\u202fPM - Sam: hi\n", id="android-12h"
        ),
        pytest.param("whatsapp-ios-12h", "[3/2/24, 9:14:00\u202fPM] Sam: hi\n", id="ios-12h"),
    ],
)
def test_render_whatsapp_layouts(format: str, expected: str) -> None:
    assert render([msg(1, "Sam", "hi", time=T1)], format) == expected


def test_render_whatsapp_needs_times() -> None:
    with pytest.raises(InvalidSetting) as caught:
        render([msg(1, "Sam", "hi")], "whatsapp")
    assert str(caught.value) == (
        "message m1 has no time, which a WhatsApp export needs; "
        "render it as transcript, csv or jsonl instead."
    )


def test_render_rejects_unknown_format() -> None:
    with pytest.raises(InvalidSetting, match=r"^cannot write format 'fax'; choose one of: csv, "):
        render([], "fax")


@pytest.mark.parametrize(
    "format", ["whatsapp", "whatsapp-ios", "whatsapp-android-12h", "whatsapp-ios-12h", "jsonl"]
)
def test_write_export_round_trips(format: str, tmp_path: Path) -> None:
    messages = [
        msg(1, "Sam", "can we talk tonight?\nit matters to me", time=T1, conversation="chat"),
        msg(2, "Jo", "", time=T2, kind="media", conversation="chat"),
        msg(3, "Jo", "", time=T2, kind="deleted", conversation="chat"),
        msg(4, "Sam", "fine.", time=T2, edited=True, conversation="chat"),
        msg(5, None, "Jo changed the group name", time=T2, kind="system", conversation="chat"),
        msg(6, "Jo", "look", time=T2, kind="media", conversation="chat"),
    ]
    path = write_export(Conversation("chat", messages), tmp_path / "chat.txt", format=format)
    back = read_conversation(path, date_order="dmy" if "12h" not in format else "mdy")
    expected = (
        messages
        if format == "jsonl"
        else [
            m
            if m.time is None or m.time.second == 0 or "ios" in format
            else type(m)(
                m.id, m.conversation, m.speaker, m.time.replace(second=0), m.text, m.kind, m.edited
            )
            for m in messages
        ]
    )
    assert back.messages == expected
