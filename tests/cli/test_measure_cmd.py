"""``holdspace measure`` on coded JSONL: JSON output, summary, and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from holdspace.cli import cli
from holdspace.cli.measure_cmd import measure_command
from holdspace.model import CodedMessage, Message

ROWS = [
    ("Sam", "2025-03-03T09:00:00+00:00", "I felt invisible tonight", ["feeling"]),
    ("Alex", "2025-03-03T09:05:00+00:00", "that sounds lonely, tell me more", ["validation"]),
    ("Kim", "2025-03-03T09:06:00+00:00", "hi all", []),
]


def write_coded(path: Path, rows: list[tuple[str, str, str, list[str]]]) -> Path:
    lines = []
    for number, (speaker, time, text, labels) in enumerate(rows, start=1):
        message = Message.from_json(
            {
                "id": f"m{number}",
                "conversation": "c1",
                "speaker": speaker,
                "time": time,
                "text": text,
            }
        )
        coded = CodedMessage(
            message=message, labels=tuple(labels), scores={}, evidence={}, coder="hand"
        )
        lines.append(json.dumps(coded.to_json()))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_writes_metrics_json(tmp_path: Path) -> None:
    source = write_coded(tmp_path / "coded.jsonl", ROWS)
    out = tmp_path / "metrics.json"
    result = CliRunner().invoke(
        measure_command, [str(source), "-o", str(out), "--partners", "Sam,Alex"]
    )
    assert result.exit_code == 0, result.output
    metrics = json.loads(out.read_text(encoding="utf-8"))
    assert metrics["schema"] == "holdspace.metrics.v1"
    assert metrics["bids"]["Alex"]["toward"] == 1.0


def test_summary_explains_in_plain_words(tmp_path: Path) -> None:
    source = write_coded(tmp_path / "coded.jsonl", ROWS[:2])
    result = CliRunner().invoke(measure_command, [str(source)])
    assert result.exit_code == 0, result.output
    assert "The pursue-withdraw cycle" in result.output
    assert "Of 1 bids or feelings Sam shared, Alex turned toward 1" in " ".join(
        result.output.split()
    )


def test_registered_in_the_cli() -> None:
    assert cli.get_command(None, "measure") is measure_command  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param([], "this stage analyses a couple, but the conversation has 3", id="three"),
        pytest.param(["--partners", "Sam"], "should name two people, as NAME1,NAME2", id="one"),
    ],
)
def test_errors_say_what_to_do(tmp_path: Path, args: list[str], message: str) -> None:
    source = write_coded(tmp_path / "coded.jsonl", ROWS)
    result = CliRunner().invoke(measure_command, [str(source), *args])
    assert result.exit_code != 0
    assert message in str(result.exception)
