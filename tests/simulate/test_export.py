"""A simulated couple written as an export reads back as the same messages, with its truth."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from holdspace.cli import cli
from holdspace.ingest import read_conversation
from holdspace.model import Message
from holdspace.simulate import SimulationParams, Truth, simulate, write_couple

COUPLE = simulate(SimulationParams.preset("improving", weeks=4, change_week=2), seed=5)


def _local(time: datetime | None) -> datetime | None:
    return None if time is None else time.replace(tzinfo=None)


def _key(message: Message, *, keep_offset: bool) -> tuple[object, ...]:
    time = message.time if keep_offset else _local(message.time)
    return message.speaker, time, message.text


@pytest.mark.parametrize(
    ("format_", "keep_offset"),
    [
        pytest.param("whatsapp", False, id="whatsapp"),
        pytest.param("jsonl", True, id="jsonl"),
        pytest.param("telegram", False, id="telegram"),
        pytest.param("csv", True, id="csv"),
    ],
)
def test_the_written_export_parses_back_to_the_same_messages(
    tmp_path: Path, format_: str, keep_offset: bool
) -> None:
    export, _ = write_couple(COUPLE, tmp_path / "chat", format=format_)
    back = read_conversation(export, format=format_)
    assert back.skipped == []
    assert [_key(m, keep_offset=keep_offset) for m in back.messages] == [
        _key(m, keep_offset=keep_offset) for m in COUPLE.conversation.messages
    ]


def test_jsonl_keeps_the_message_ids_the_truth_refers_to(tmp_path: Path) -> None:
    export, _ = write_couple(COUPLE, tmp_path / "chat.jsonl", format="jsonl")
    back = read_conversation(export, format="jsonl")
    assert back.messages == COUPLE.conversation.messages
    assert [m.id for m in back.messages] == list(COUPLE.truth.codes)


def test_the_truth_file_reads_back_to_the_same_truth(tmp_path: Path) -> None:
    _, truth_path = write_couple(COUPLE, tmp_path / "chat.txt", format="whatsapp")
    assert truth_path == tmp_path / "chat.txt.truth.json"
    obj = json.loads(truth_path.read_text(encoding="utf-8"))
    assert obj["schema"] == "holdspace.simulate.truth.v1"
    assert obj["seed"] == 5
    assert obj["roles"] == {"Maya": "seeking", "Jordan": "avoidant"}
    assert obj["change_point"] == "2024-09-16T00:00:00-04:00"
    assert obj["rates"]["Jordan"]["before"]["toward"] == 0.3
    assert obj["rates"]["Jordan"]["after"]["toward"] == 0.7
    assert obj["dynamics"]["Maya"] == {
        "inertia": 0.5,
        "set_point": -0.3,
        "influence": 0.4,
        "constant": -0.15,
        "noise": 0.5,
    }
    assert Truth.from_json(obj) == COUPLE.truth


def test_the_simulate_command_writes_export_and_truth(tmp_path: Path) -> None:
    target = tmp_path / "demo.txt"
    result = CliRunner().invoke(
        cli,
        ["simulate", "--preset", "secure", "--weeks", "3", "--seed", "4", "-o", str(target)],
    )
    assert result.exit_code == 0, result.output
    expected = simulate(SimulationParams.preset("secure", weeks=3), seed=4)
    count = len(expected.conversation.messages)
    assert result.output == (
        f"wrote {count} messages (secure, seed 4; Maya neither, Jordan neither) to {target}\n"
        f"truth: {target}.truth.json\n"
    )
    back = read_conversation(target, format="whatsapp")
    assert [m.text for m in back.messages] == [m.text for m in expected.conversation.messages]
    truth = json.loads((tmp_path / "demo.txt.truth.json").read_text(encoding="utf-8"))
    assert truth["seed"] == 4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["--names", "Maya"],
            "--names 'Maya' names 1 people; give two: NAME1,NAME2.",
            id="one-name",
        ),
        pytest.param(
            ["--preset", "clingy"],
            "unknown preset 'clingy'; choose one of improving, mutual-pursuit, "
            "mutual-withdrawal, pursue-withdraw, secure.",
            id="unknown-preset",
        ),
        pytest.param(
            ["--weeks", "0"],
            "weeks is 0; give a whole number from 1 to 520.",
            id="no-weeks",
        ),
    ],
)
def test_the_simulate_command_reports_bad_options(
    tmp_path: Path, args: list[str], message: str
) -> None:
    result = CliRunner().invoke(cli, ["simulate", "-o", str(tmp_path / "x.txt"), *args])
    assert result.exit_code != 0
    assert str(result.exception) == message
