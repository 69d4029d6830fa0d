from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from holdspace.coding.codes import CODES

LINES = [
    {
        "id": "m1",
        "conversation": "c1",
        "speaker": "Sam",
        "time": None,
        "text": "I feel so lonely and sad tonight",
    },
    {
        "id": "m2",
        "conversation": "c1",
        "speaker": "Sam",
        "time": None,
        "text": "the bus leaves at 9",
    },
]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "holdspace", *args], capture_output=True, text=True, check=False
    )


@pytest.fixture
def chat(tmp_path: Path) -> Path:
    path = tmp_path / "chat.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in LINES), encoding="utf-8")
    return path


def test_code_writes_coded_jsonl(chat: Path, tmp_path: Path) -> None:
    out = tmp_path / "coded.jsonl"
    result = run("code", str(chat), "-o", str(out), "--coder", "model")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [row["id"] for row in rows] == ["m1", "m2"]
    assert list(rows[0]) == [
        "id",
        "conversation",
        "speaker",
        "time",
        "text",
        "kind",
        "labels",
        "scores",
        "evidence",
        "coder",
    ]
    assert list(rows[0]["scores"]) == list(CODES)
    assert rows[0]["labels"] == ["feeling"]
    assert rows[1]["labels"] == []
    assert rows[0]["coder"] == "holdspace.coder.model.v1"


def test_code_prints_a_summary_without_output(chat: Path) -> None:
    result = run("code", str(chat), "--coder", "model")
    assert result.returncode == 0, result.stderr
    assert "2 messages coded by holdspace.coder.model.v1" in result.stdout
    assert "I feel so lonely and sad tonight" in result.stdout


def test_malformed_line_exits_2_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(LINES[0]) + '\n{"id": broken\n', encoding="utf-8")
    result = run("code", str(path), "--coder", "model")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "bad.jsonl: line 2: is not valid JSON" in " ".join(result.stderr.split())


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = run("code", str(tmp_path / "nope.jsonl"))
    assert result.returncode == 2
    assert "nope.jsonl not found; pass the path of a chat export or a JSONL file." in " ".join(
        result.stderr.split()
    )


def test_accurate_without_its_packages_exits_4_with_the_pip_command(
    chat: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from holdspace.cli import main
    from holdspace.coding import embed

    monkeypatch.setattr(embed, "_PACKAGES", (("holdspace_absent_runtime", "onnxruntime"),))
    with pytest.raises(SystemExit) as caught:
        main(["code", str(chat), "--accurate"])
    assert caught.value.code == 4
    printed = " ".join(capsys.readouterr().err.split())
    assert printed == (
        "error: the accurate mode needs onnxruntime, which is not installed; run "
        "`pip install 'holdspace[accurate]'` or code without --accurate."
    )


def test_eval_writes_a_command_without_machine_folders() -> None:
    from holdspace.cli.eval_cmd import _portable

    assert _portable(
        [
            "--data",
            "/somewhere/shared/data",
            "--limit",
            "2000",
            "--written=/x/y",
            "--coder",
            "rules",
        ]
    ) == ["--limit", "2000", "--coder", "rules"]
