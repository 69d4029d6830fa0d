from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from holdspace.cli import main
from holdspace.cli.console import console, err_console

FIXTURES = Path(__file__).resolve().parent.parent / "ingest" / "fixtures"


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def _entry(args: tuple[str, ...]) -> None:
    main(list(args))


def run(args: list[str]) -> tuple[int, str, str]:
    """Run ``holdspace ARGS`` through :func:`main`, as the installed script does."""
    outcome = CliRunner().invoke(_entry, args)
    return outcome.exit_code, outcome.stdout, outcome.stderr


@pytest.fixture(autouse=True)
def wide_consoles(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep rich from wrapping long lines, so messages compare exactly."""
    monkeypatch.setattr(console, "width", 400)
    monkeypatch.setattr(err_console, "width", 400)


def test_import_prints_a_summary() -> None:
    code, out, _ = run(["import", str(FIXTURES / "wa_android_multiline.txt"), "--me", "Jo Smith"])
    assert code == 0
    assert "participants  +1 555 123 4567, Jo Smith (you)" in out
    assert "period        2025-03-02 21:14 to 2025-03-02 21:21" in out
    assert "messages      3 (text 1, media 1, system 1, deleted 0)" in out
    assert "skipped line 1: text that belongs to no message" in out
    assert "note: the date order is ambiguous" in out


def test_import_writes_jsonl(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    code, _, err = run(["import", str(FIXTURES / "signal_chat.txt"), "-o", str(target)])
    assert code == 0
    assert "wrote 2 messages to" in err
    lines = [json.loads(line) for line in target.read_text("utf-8").splitlines()]
    assert lines[1] == {
        "id": "m2",
        "conversation": "signal-chat",
        "speaker": "Jo",
        "time": "2024-03-01T18:45:00",
        "text": "running late\nsorry",
        "kind": "text",
    }


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(
            "hello there\nnothing to see\n",
            "error: bad.txt: line 1 matches no known export; pass --format csv|discord|"
            "discord-csv|imessage|instagram|jsonl|messenger|signal|signal-json|sms-xml|"
            "telegram|transcript|whatsapp.",
            id="unknown",
        ),
        pytest.param(
            '{"speaker": "Sam", "text": "hi"}\n{"speaker": oops}\n',
            "error: bad.txt: line 2: is not valid JSON; each line must be one message object "
            'such as {"speaker": "Sam", "time": null, "text": "hi"}.',
            id="malformed-jsonl",
        ),
    ],
)
def test_import_bad_file_exits_2_with_the_message(
    tmp_path: Path, content: str, expected: str
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(content, encoding="utf-8")
    code, out, err = run(["import", str(bad)])
    assert code == 2
    assert err == expected + "\n"
    assert "Traceback" not in out + err
