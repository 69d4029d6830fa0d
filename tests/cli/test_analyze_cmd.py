"""``holdspace analyze``: files written, clear errors, private answers kept private."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from holdspace.cli import cli
from holdspace.errors import ComponentUnavailable

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


def test_private_report_files_are_owner_only_and_named_for_their_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOLDSPACE_CHROMIUM", str(tmp_path / "no-chromium"))
    (tmp_path / "holdspace-report-sam.html").write_text("old", encoding="utf-8")
    (tmp_path / "holdspace-report-sam.html").chmod(0o644)
    runner = CliRunner()
    base = ["analyze", SAMPLE, "--me", "Sam", "--coder", "model"]
    private = runner.invoke(cli, [*base, "--private-for", "Sam", "--pdf", "sam.pdf"])
    joint = runner.invoke(cli, base)
    assert joint.exit_code == 0, joint.output
    assert isinstance(private.exception, ComponentUnavailable)
    (tmp_path / "probe").touch()
    modes = {p.name: p.stat().st_mode & 0o777 for p in tmp_path.iterdir()}
    assert modes == {
        "analysis-sam.json": 0o600,
        "analysis.json": modes["probe"],
        "holdspace-report-sam.html": 0o600,
        "holdspace-report.html": modes["probe"],
        "probe": modes["probe"],
    }


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
        pytest.param(
            ["--private-for", "Zed", "--coder", "model"],
            "no private analysis for Zed: not one of the partners (Sam, Jo); "
            "give the name as it is in the chat.",
            id="private-for-stranger",
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


def test_a_private_pdf_is_owner_only_from_the_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []

    def fake_pdf(html: str, path: Path) -> Path:
        path.write_bytes(b"%PDF-1.7")
        seen.append(path.parent.stat().st_mode & 0o777)
        return path

    monkeypatch.setattr("holdspace.report.write_pdf", fake_pdf)
    pdf = tmp_path / "sam.pdf"
    args = ["analyze", SAMPLE, "--me", "Sam", "--coder", "model", "--private-for", "Sam"]
    result = CliRunner().invoke(cli, [*args, "-o", str(tmp_path / "sam.html"), "--pdf", str(pdf)])
    assert result.exit_code == 0, result.output
    assert seen == [0o700]
    assert pdf.stat().st_mode & 0o777 == 0o600
    assert pdf.read_bytes() == b"%PDF-1.7"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "analysis-sam.json",
        "sam.html",
        "sam.pdf",
    ]


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        pytest.param(
            ["Ann: hi", "Bob: hello", "Cat: hey"],
            "this stage analyses a couple, but the conversation has 3 participants "
            "(Ann, Bob, Cat); pass --partners NAME1,NAME2 to choose two (to merge names of one "
            "person, import the chat first with `holdspace import --alias`).",
            id="group",
        ),
        pytest.param(
            ["Ann: hi", "Ann: anyone there?"],
            "only Ann wrote in this conversation, and this stage analyses a couple; "
            "name both partners: pass --partners Ann,PARTNER.",
            id="one-speaker",
        ),
    ],
)
def test_a_chat_that_is_not_a_couple_says_how_to_choose(
    tmp_path: Path, lines: list[str], message: str
) -> None:
    from holdspace.errors import NotACouple

    chat = tmp_path / "chat.txt"
    chat.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(chat), "-o", str(tmp_path / "r.html")])
    assert isinstance(result.exception, NotACouple)
    assert str(result.exception) == message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chat.txt"]


def test_a_one_speaker_chat_with_both_partners_named_gives_a_report(tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text("Ann: hi\nAnn: I miss you\nAnn: anyone there?\n", encoding="utf-8")
    out = tmp_path / "r.html"
    args = ["analyze", str(chat), "--partners", "Ann,Bob", "--coder", "rules", "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    analysis = json.loads((tmp_path / "analysis.json").read_text(encoding="utf-8"))
    assert analysis["plan"]["partners"] == ["Ann", "Bob"]
    assert analysis["conversation"]["participants"] == ["Ann"]
