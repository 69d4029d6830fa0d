"""Every hand-written fixture, read back message by message."""

from __future__ import annotations

from typing import Any

import pytest
from ingest_helpers import FIXTURES

from holdspace.ingest import read_conversation

Row = tuple[Any, ...]


def rows(name: str, **options: Any) -> tuple[str, list[Row], list[tuple[str, str]], list[str]]:
    conversation = read_conversation(FIXTURES / name, **options)
    out: list[Row] = []
    for m in conversation.messages:
        row: Row = (m.speaker, m.time.isoformat() if m.time else None, m.text, m.kind)
        out.append((*row, "edited") if m.edited else row)
    skipped = [(s.where, s.reason) for s in conversation.skipped]
    return conversation.format, out, skipped, conversation.notes


AMBIGUOUS = (
    "the date order is ambiguous (no day above 12); read as day/month/year: "
    "pass --date-order mdy or dmy if that is wrong."
)

CASES = [
    pytest.param(
        "wa_ios_12h.txt",
        {},
        "whatsapp",
        [
            (
                None,
                "2024-12-24T21:14:03",
                "Messages and calls are end-to-end encrypted. No one outside of this chat can read them.",
                "system",
            ),
            ("Sam", "2024-12-24T21:15:10", "are you coming home soon?", "text"),
            ("Jo", "2024-12-24T21:40:00", "", "media"),
            ("Jo", "2024-12-24T21:41:00", "", "media"),
            ("Jo", "2024-12-24T21:42:00", "almost there\nsorry", "text", "edited"),
            ("Sam", "2024-12-25T00:05:00", "", "deleted"),
        ],
        [],
        [],
        id="whatsapp-ios-12h-marks",
    ),
    pytest.param(
        "wa_es_ampm.txt",
        {},
        "whatsapp",
        [
            ("Ana", "2024-01-13T11:25:00", "¿Hablamos esta noche?", "text"),
            ("Luis", "2024-01-13T20:49:00", "", "media"),
            ("Luis", "2024-01-13T20:50:00", "", "deleted"),
            ("Ana", "2024-01-13T00:05:00", "vale", "text", "edited"),
            (None, "2024-01-14T09:00:00", 'Luis cambió el asunto a "Casa"', "system"),
        ],
        [],
        [],
        id="whatsapp-spanish-a-m-p-m",
    ),
    pytest.param(
        "wa_de_dots.txt",
        {},
        "whatsapp",
        [
            (
                None,
                "2019-12-24T21:14:00",
                "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt.",
                "system",
            ),
            ("Lena", "2019-12-24T21:15:00", "Können wir reden?", "text"),
            ("Max", "2019-12-24T21:30:00", "", "media"),
            ("Max", "2019-12-24T21:31:00", "", "deleted"),
        ],
        [],
        [],
        id="whatsapp-german-dots",
    ),
    pytest.param(
        "wa_fr.txt",
        {},
        "whatsapp",
        [
            ("Claire", "2019-12-24T21:14:00", "Tu rentres quand ?", "text"),
            ("Hugo", "2019-12-24T21:20:00", "", "media"),
            ("Hugo", "2019-12-24T21:21:00", "", "deleted"),
        ],
        [],
        [],
        id="whatsapp-french-a",
    ),
    pytest.param(
        "wa_pt_dashes.txt",
        {},
        "whatsapp",
        [
            ("Rita", "2023-05-02T07:10:00", "Bom dia", "text"),
            ("Caio", "2023-05-02T07:30:00", "", "media"),
            ("Caio", "2023-05-02T07:31:00", "", "deleted"),
        ],
        [],
        [],
        id="whatsapp-portuguese-ymd-dashes",
    ),
    pytest.param(
        "wa_android_multiline.txt",
        {"aliases": {"+15551234567": "Sam"}},
        "whatsapp",
        [
            ("Sam", "2025-03-02T21:14:00", "Can we talk?\n\nIt matters to me.", "text"),
            ("Jo Smith", "2025-03-02T21:20:00", "the view tonight", "media"),
            (None, "2025-03-02T21:21:00", "Sam added Jo Smith", "system"),
        ],
        [("line 1", "text that belongs to no message")],
        [AMBIGUOUS],
        id="whatsapp-multiline-alias-phone",
    ),
    pytest.param(
        "wa_ambiguous.txt",
        {"date_order": "mdy"},
        "whatsapp",
        [
            ("Sam", "2024-01-02T10:00:00", "hello", "text"),
            ("Jo", "2024-02-02T10:05:00", "hi", "text"),
        ],
        [],
        [],
        id="whatsapp-date-order-forced",
    ),
    pytest.param(
        "telegram_single.json",
        {},
        "telegram",
        [
            (None, "2024-01-05T10:00:00", "Jo phone call", "system"),
            ("Sam", "2024-01-05T10:01:00", "Miss you", "text"),
            ("Jo", "2024-01-05T10:02:00", "", "media"),
            ("Jo", "2024-01-05T10:03:00", "later", "text", "edited"),
        ],
        [("message 5", "no readable date")],
        [],
        id="telegram-entities",
    ),
    pytest.param(
        "telegram_account.json",
        {"chat": "Work"},
        "telegram",
        [("Boss", "2024-01-05T10:00:00+00:00", "report?", "text")],
        [],
        [],
        id="telegram-account-chat",
    ),
    pytest.param(
        "messenger_inbox.json",
        {},
        "messenger",
        [
            ("Zélie", "2024-01-05T10:00:00+00:00", "On se parle ?", "text"),
            ("Zélie", "2024-01-05T10:00:30+00:00", "", "media"),
            ("Tom", "2024-01-05T10:01:00+00:00", "", "deleted"),
            ("Tom", "2024-01-05T10:02:00+00:00", "ça va 😊", "text"),
        ],
        [("message 5", "no timestamp_ms")],
        [],
        id="messenger-mojibake-newest-first",
    ),
    pytest.param(
        "discord_dm.json",
        {},
        "discord",
        [
            ("Sam", "2024-02-01T20:00:00+01:00", "you up?", "text"),
            ("jo", "2024-02-01T20:05:00+01:00", "yes", "text", "edited"),
            (None, "2024-02-01T20:07:00+01:00", "Call", "system"),
        ],
        [],
        [],
        id="discord-json",
    ),
    pytest.param(
        "discord_dm.csv",
        {},
        "discord-csv",
        [
            ("Sam", "2024-02-01T20:00:00+01:00", "you up?\nit's late", "text"),
            ("jo", "2024-02-01T20:05:00+01:00", "", "media"),
        ],
        [],
        [],
        id="discord-csv",
    ),
    pytest.param(
        "signal_chat.txt",
        {},
        "signal",
        [
            ("Sam", "2024-03-01T18:00:00", "dinner?", "text"),
            ("Jo", "2024-03-01T18:45:00", "running late\nsorry", "text"),
        ],
        [],
        [],
        id="signal-text",
    ),
    pytest.param(
        "signal_chat.json",
        {},
        "signal-json",
        [
            ("Sam", "2024-03-01T18:00:00", "dinner?", "text"),
            ("Jo", "2024-03-01T19:05:00", "", "media"),
        ],
        [("message 3", "a message without a sender")],
        [
            "some messages carry a UTC offset and some do not; all times were put on the clock "
            "of the first message, so times near a time-zone change may be off by that "
            "difference."
        ],
        id="signal-json",
    ),
    pytest.param(
        "imessage_chat.txt",
        {"me": "Sam", "aliases": {"+15551234567": "Jo"}},
        "imessage",
        [
            ("Jo", "2024-03-01T18:00:12", "Are you free tonight?", "text"),
            ("Sam", "2024-03-01T18:30:00", "Not really\nmaybe tomorrow", "text"),
            ("Jo", "2024-03-01T18:31:05", "", "media"),
        ],
        [],
        [],
        id="imessage-me-alias",
    ),
    pytest.param(
        "sms_backup.xml",
        {"me": "Sam", "aliases": {"+15551234567": "Jo"}},
        "sms-xml",
        [
            ("Jo", "2024-03-01T18:00:00+00:00", "Home soon?", "text"),
            ("Sam", "2024-03-01T18:01:00+00:00", "20 minutes", "text"),
            ("Jo", "2024-03-01T18:02:00+00:00", "", "media"),
        ],
        [("message 3 (line 5)", "a draft, queued or failed message (type 3)")],
        [],
        id="sms-backup-sms-and-mms",
    ),
    pytest.param(
        "generic.csv",
        {},
        "csv",
        [
            ("Sam", "2024-03-01T18:00:00", "hello, you", "text"),
            ("Jo", None, "hi", "text"),
            (None, "2024-03-01T18:02:00", "orphan", "system"),
        ],
        [("line 5", "time 'yesterday' is not ISO 8601")],
        [],
        id="csv-semicolons",
    ),
    pytest.param(
        "therapy_transcript.txt",
        {},
        "transcript",
        [
            ("Therapist", None, "What happened after dinner?", "text"),
            ("Client A", None, "I went quiet.\nI didn't know what to say.", "text"),
            ("Client B", None, "And I kept asking.", "text"),
            (None, None, "recording paused", "system"),
        ],
        [("line 1", "text before the first speaker")],
        ["times into the session (such as [00:12:03]) were read but not kept."],
        id="transcript-therapy",
    ),
    pytest.param(
        "chat.jsonl",
        {},
        "jsonl",
        [
            ("Sam", "2024-03-01T18:00:00+01:00", "hi", "text"),
            (None, None, "Jo joined", "system"),
        ],
        [],
        [],
        id="jsonl",
    ),
]


@pytest.mark.parametrize(("name", "options", "format", "messages", "skipped", "notes"), CASES)
def test_fixture_reads_exactly(
    name: str,
    options: dict[str, Any],
    format: str,
    messages: list[Row],
    skipped: list[tuple[str, str]],
    notes: list[str],
) -> None:
    assert rows(name, **options) == (format, messages, skipped, notes)


def test_jsonl_keeps_its_ids_and_conversation() -> None:
    conversation = read_conversation(FIXTURES / "chat.jsonl")
    assert [m.id for m in conversation.messages] == ["a1", "a2"]
    assert conversation.id == "c9"


def test_ids_are_numbered_and_conversation_comes_from_the_file_name() -> None:
    conversation = read_conversation(FIXTURES / "wa_fr.txt")
    assert [m.id for m in conversation.messages] == ["m1", "m2", "m3"]
    assert conversation.id == "wa-fr"
