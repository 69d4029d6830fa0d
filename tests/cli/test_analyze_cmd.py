"""``holdspace analyze``: files written, clear errors, private answers kept private."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from holdspace.cli import cli

SAMPLE = str(resources.files("holdspace") / "data" / "sample" / "whatsapp_sam_jo.txt")


def _answers(tmp_path: Path, body: object, name: str = "a.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(body), encoding="utf-8")
    return str(path)


def test_analyze_writes_report_and_analysis(tmp_path: Path) -> None:
    answers = _answers(
        tmp_path, {"partner": "Sam", "instrument": "gad7", "answers": [2, 2, 2, 2, 1, 1, 1]}
    )
    out = tmp_path / "out" / "report.html"
    result = CliRunner().invoke(
        cli,
        [
            "analyze",
            SAMPLE,
            "--me",
            "Sam",
            "--coder",
            "model",
            "--answers",
            answers,
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    analysis = json.loads((tmp_path / "out" / "analysis.json").read_text(encoding="utf-8"))
    assert analysis["schema"] == "holdspace.analysis.v1"
    assert analysis["assessments"] == []
    assert "gad7" not in out.read_text(encoding="utf-8")
    assert f"report: {out}" in result.output


def test_private_report_for_one_partner(tmp_path: Path) -> None:
    answers = _answers(
        tmp_path, {"partner": "Sam", "instrument": "gad7", "answers": [2, 2, 2, 2, 1, 1, 1]}
    )
    out = tmp_path / "sam.html"
    result = CliRunner().invoke(
        cli,
        [
            "analyze",
            SAMPLE,
            "--me",
            "Sam",
            "--coder",
            "model",
            "--answers",
            answers,
            "--private-for",
            "Sam",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    private = json.loads((tmp_path / "analysis-sam.json").read_text(encoding="utf-8"))
    assert [a["instrument"] for a in private["assessments"]] == ["gad7"]
    assert "Your check-ins" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            [],
            "nothing to analyse: pass a chat EXPORT, --checkin NAME or --answers FILE.",
            id="no-input",
        ),
        pytest.param(
            ["--partners", "Sam"],
            "--partners 'Sam' should name two people, as NAME1,NAME2.",
            id="one-partner",
        ),
    ],
)
def test_input_errors_say_what_to_do(args: list[str], message: str) -> None:
    from holdspace.errors import InputError

    extra = [SAMPLE] if args else []
    result = CliRunner().invoke(cli, ["analyze", *extra, *args])
    assert isinstance(result.exception, InputError)
    assert str(result.exception) == message


def test_bad_answers_file(tmp_path: Path) -> None:
    from holdspace.errors import InvalidAnswers

    path = _answers(tmp_path, {"partner": "Sam"})
    result = CliRunner().invoke(cli, ["analyze", "--answers", path])
    assert isinstance(result.exception, InvalidAnswers)
    assert str(result.exception) == (
        f"{path}: missing partner, instrument or answers; give an object "
        '{"partner": NAME, "instrument": ID, "answers": [...] or {...}} '
        "(the answers format of `holdspace score`)."
    )
