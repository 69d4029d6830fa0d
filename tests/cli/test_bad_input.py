"""Bad input to every command that reads or writes a file: one clear error, never a traceback.

Each case runs the real command line through :func:`holdspace.cli.main` (as the installed
script does) on a file made in ``tmp_path``: missing, a folder, empty, random bytes, truncated
JSON, UTF-16, the wrong format, a huge line, a zip bomb, and an output path that cannot be
written. Input errors exit 2 with one message on stderr that names the file (and the line or
entry where there is one) and says what to do. Cases still failing because of a known bug are
marked ``xfail(strict=True)`` with the bug, so they turn red the day it is fixed.
"""

from __future__ import annotations

import codecs
import json
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from holdspace.cli import main
from holdspace.cli.console import console, err_console

FIXTURES = Path(__file__).resolve().parent.parent / "ingest" / "fixtures"
FORMATS = (
    "csv|discord|discord-csv|imessage|instagram|jsonl|messenger|signal|signal-json|sms-xml|"
    "telegram|transcript|whatsapp"
)
ANSWERS_SHAPE = (
    'give an object {"partner": NAME, "instrument": ID, "answers": [...] or {...}} '
    "(the answers format of `holdspace score`)."
)
SCORE_SHAPE = "give an object keyed by item id or a list of answers."


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def _entry(args: tuple[str, ...]) -> None:
    main(list(args))


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str
    traceback: str


def run(args: list[str], env: dict[str, str] | None = None) -> Outcome:
    """Run ``holdspace ARGS``; an exception that escapes ``main`` is kept as its traceback."""
    result = CliRunner().invoke(_entry, args, env=env)
    escaped = ""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        escaped = "".join(traceback.format_exception(result.exception))
    return Outcome(result.exit_code, result.stdout, result.stderr, escaped)


@pytest.fixture(autouse=True)
def wide_consoles(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep rich from wrapping long lines, so messages compare exactly."""
    monkeypatch.setattr(console, "width", 1000)
    monkeypatch.setattr(err_console, "width", 1000)


# -- the bad files -----------------------------------------------------------------------------

WHATSAPP = "[01/02/2024, 10:00:00] Sam: are you home?\n[01/02/2024, 10:05:00] Jo: nearly\n"


def _missing(folder: Path) -> Path:
    return folder / "missing.txt"


def _directory(folder: Path) -> Path:
    path = folder / "folder"
    path.mkdir()
    return path


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def _truncated_telegram(folder: Path) -> Path:
    """A Telegram export cut off in its third line, as an interrupted download leaves it."""
    path = folder / "result.json"
    path.write_text(
        '{"name": "Jo", "type": "personal_chat", "id": 42, "messages": [\n'
        ' {"id": 1, "type": "message", "date": "2024-01-05T10:01:00", "from": "Sam", '
        '"text": "hi"},\n {"id": 2, "type": "mess',
        encoding="utf-8",
    )
    return path


def _zip_bomb(folder: Path) -> Path:
    """A 2 MB chat of zeros that compresses about a thousand times (the limit is 200)."""
    path = folder / "chat.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("WhatsApp Chat.txt", b"0" * 2_000_000)
    return path


RANDOM = bytes(range(256)) * 16
UTF16_JSONL = ('{"speaker": "Sam", "time": null, "text": "hi"}\n').encode("utf-16")
HUGE_JSONL = (
    json.dumps({"speaker": "Sam", "time": None, "text": "x" * 200_000})
    + "\n"
    + json.dumps({"speaker": "Jo", "time": None, "text": "ok"})
    + "\n"
).encode()

MAKERS: dict[str, Callable[[Path], Path]] = {
    "missing": _missing,
    "directory": _directory,
    "empty": _write("empty.txt", b""),
    "random-bytes": _write("random.jsonl", RANDOM),
    "truncated-json": _truncated_telegram,
    "utf16": _write("chat.jsonl", UTF16_JSONL),
    "wrong-format": _write("table.csv", b"a,b,c\n1,2,3\n"),
    "huge-line": _write("long.jsonl", HUGE_JSONL),
    "zip-bomb": _zip_bomb,
}

# -- what each command should say -------------------------------------------------------------
# {path} is the path as passed, {name} the file name; None for a case that succeeds.

NOT_FOUND = "error: {path}: no such file; give the path of the exported chat file or zip."
EXPORT_EXPECTED: dict[str, str | None] = {
    "missing": NOT_FOUND,
    "directory": "error: {path}: no such file (it is a folder); give the path of the exported "
    "chat file or zip.",
    "empty": "error: {name}: is empty; export the chat again (it should hold the messages as "
    "text).",
    "random-bytes": "error: {name}: holds NUL bytes, so it is binary, not a text export; check "
    "that you chose the chat file itself (a .txt, .json, .csv or .xml).",
    "truncated-json": "error: {name}: line 3: is not valid JSON (unterminated string starting "
    "at: column 20); a Telegram export is one JSON document: export the chat again.",
    "utf16": None,
    "wrong-format": f"error: {{name}}: line 1 matches no known export; pass --format {FORMATS}.",
    "huge-line": None,
    "zip-bomb": "error: {name}: entry 'WhatsApp Chat.txt': expands 1,",
}
CLICK_FOLDER = "Error: Invalid value for '{param}': File '{path}' is a directory."


def _expected_for(command: str, case: str) -> str | None:
    if case == "directory" and command in ("code", "measure"):
        return CLICK_FOLDER.replace("{param}", "SOURCE")
    if command == "code" and case == "missing":
        return "error: {path} not found; pass the path of a chat export or a JSONL file."
    if command == "measure" and case == "missing":
        return "error: {path} not found; pass coded JSONL, interchange JSONL or a chat export."
    if command == "measure" and case == "utf16":
        # decoded like `holdspace import` does; its one writer is then not a couple
        return (
            "error: only Sam wrote in these messages, and this stage analyses a couple; to "
            "measure Sam with a partner who wrote nothing, name both: pass --partners "
            'Sam,PARTNER (partners=("Sam", "PARTNER") in Python).'
        )
    return EXPORT_EXPECTED[case]


def _export_params() -> list[object]:
    params: list[object] = []
    for command in ("import", "code", "measure"):
        for case in MAKERS:
            params.append(pytest.param(command, case, id=f"{command}-{case}"))
    return params


def check(outcome: Outcome, expected: str | None, path: Path) -> None:
    """Exit 2 with the expected message (or exit 0 for a file that is fine) and no traceback."""
    assert outcome.traceback == ""
    assert "Traceback" not in outcome.stdout + outcome.stderr
    if expected is None:
        assert outcome.code == 0, outcome.stderr
        return
    message = expected.replace("{path}", str(path)).replace("{name}", path.name)
    assert outcome.code == 2, outcome.stderr
    assert message in outcome.stderr
    errors = [line for line in outcome.stderr.splitlines() if line.startswith(("error:", "Error:"))]
    assert len(errors) == 1, outcome.stderr


@pytest.mark.parametrize(("command", "case"), _export_params())
def test_export_readers(tmp_path: Path, command: str, case: str) -> None:
    path = MAKERS[case](tmp_path)
    args = [command, str(path)]
    if command == "measure":
        args += ["-o", str(tmp_path / "metrics.json")]
    if command == "code":
        args += ["--coder", "rules", "-o", str(tmp_path / "coded.jsonl")]
    check(run(args, env={"HOLDSPACE_CODER": "rules"}), _expected_for(command, case), path)


def test_zip_bomb_is_refused_before_reading(tmp_path: Path) -> None:
    path = _zip_bomb(tmp_path)
    outcome = run(["import", str(path)])
    assert outcome.code == 2
    assert outcome.stderr.startswith("error: chat.zip: entry 'WhatsApp Chat.txt': expands 1,")
    assert outcome.stderr.rstrip().endswith(
        "more than the limit of 200; this looks like a zip bomb: raise HOLDSPACE_MAX_ZIP_RATIO "
        "only if you trust it."
    )


# -- answers files (score, analyze --answers) --------------------------------------------------

SCORE_EXPECTED: dict[str, str | None] = {
    "missing": "error: {path}: cannot read it (No such file or directory); check the path.",
    "directory": CLICK_FOLDER.replace("{param}", "ANSWERS.json"),
    "empty": f"error: {{path}}: not valid JSON (line 1, column 1); {SCORE_SHAPE}",
    "random-bytes": "error: {path}: byte 128 is not UTF-8 text; save the answers as UTF-8 JSON: "
    "an object keyed by item id or a list of answers.",
    "truncated-json": "error: {path}: not valid JSON (line 1, column 15); " + SCORE_SHAPE,
    "utf16": "error: {path}: byte 0 is not UTF-8 text; save the answers as UTF-8 JSON: an "
    "object keyed by item id or a list of answers.",
    "wrong-format": "error: {path}: phq9: no item 'name'; its items are: phq9_1, phq9_2, "
    "phq9_3, phq9_4, phq9_5, phq9_6, phq9_7, phq9_8, phq9_9, phq9_difficulty.",
    "huge-line": f"error: {{path}}: not valid JSON (line 1, column 1); {SCORE_SHAPE}",
}
ANALYZE_EXPECTED: dict[str, str | None] = {
    "missing": "Error: Invalid value for '--answers': File '{path}' does not exist.",
    "directory": CLICK_FOLDER.replace("{param}", "--answers"),
    "empty": f"error: {{path}}: not valid JSON (line 1); {ANSWERS_SHAPE}",
    "random-bytes": "error: {path}: byte 128 is not UTF-8 text; save the answers file as UTF-8 "
    "JSON.",
    "truncated-json": f"error: {{path}}: not valid JSON (line 1); {ANSWERS_SHAPE}",
    "utf16": "error: {path}: byte 0 is not UTF-8 text; save the answers file as UTF-8 JSON.",
    "wrong-format": f"error: {{path}}: missing partner, instrument or answers; {ANSWERS_SHAPE}",
    "huge-line": f"error: {{path}}: not valid JSON (line 1); {ANSWERS_SHAPE}",
}
ANSWER_FILES: dict[str, Callable[[Path], Path]] = {
    "missing": lambda folder: folder / "answers.json",
    "directory": _directory,
    "empty": _write("answers.json", b""),
    "random-bytes": _write("answers.json", RANDOM),
    "truncated-json": _write("answers.json", b'{"phq9_1": 0, '),
    "utf16": _write("answers.json", codecs.BOM_UTF16_LE + "[0, 0]".encode("utf-16-le")),
    "wrong-format": _write("answers.json", b'{"name": "x"}'),
    "huge-line": _write("answers.json", b"x" * 200_000 + b"\n"),
}


def _answers_params() -> list[object]:
    params: list[object] = []
    for command in ("score", "analyze"):
        for case in ANSWER_FILES:
            params.append(pytest.param(command, case, id=f"{command}-{case}"))
    return params


@pytest.mark.parametrize(("command", "case"), _answers_params())
def test_answer_files(tmp_path: Path, command: str, case: str) -> None:
    path = ANSWER_FILES[case](tmp_path)
    if command == "score":
        args = ["score", "phq9", str(path)]
        expected = SCORE_EXPECTED[case]
    else:
        args = ["analyze", "--answers", str(path), "-o", str(tmp_path / "report.html")]
        expected = ANALYZE_EXPECTED[case]
    check(run(args), expected, path)


ITEMS_EXPECTED: dict[str, str] = {
    "missing": "error: {path}: cannot read the items file (No such file or directory); check "
    "the path.",
    "empty": "error: {path}: expected a mapping with an 'items' key; see docs/instruments.md "
    "for the items file format.",
    "random-bytes": "error: {path}: byte 128 is not UTF-8 text; save the items file as UTF-8 "
    "(see docs/instruments.md for its format).",
    "truncated-json": "error: {path}: is not valid YAML or JSON; see docs/instruments.md for "
    "the items file format.",
    "utf16": "error: {path}: byte 0 is not UTF-8 text; save the items file as UTF-8 "
    "(see docs/instruments.md for its format).",
}


@pytest.mark.parametrize("case", list(ITEMS_EXPECTED))
def test_score_items_file(tmp_path: Path, case: str) -> None:
    answers = _write("answers.json", b"[0, 0, 0, 0, 0, 0, 0, 0, 0]")(tmp_path)
    folder = tmp_path / "items"
    folder.mkdir()
    items = ANSWER_FILES[case](folder)
    check(run(["score", "phq9", str(answers), "--items", str(items)]), ITEMS_EXPECTED[case], items)


# -- output paths ------------------------------------------------------------------------------

OUTPUT_TRACEBACK = (
    "holdspace/cli/{module} creates the -o folder with Path.mkdir(parents=True) and writes "
    "without catching OSError: an -o path below a regular file raises {error} with a "
    "traceback (exit 1); it should be an InputError naming the path and asking for a folder "
    "that exists and can be written (exit 2)"
)
UNWRITABLE = (
    "error: {path}: cannot write there (Not a directory); choose a file in a folder that "
    "exists and that you can write to."
)


def _output_args(command: str, tmp_path: Path, output: Path) -> list[str]:
    chat = str(FIXTURES / "signal_chat.txt")
    if command == "analyze":
        answers = _write(
            "answers.json",
            b'{"partner": "Sam", "instrument": "phq9", "answers": [0, 0, 0, 0, 0, 0, 0, 0, 0]}',
        )(tmp_path)
        return ["analyze", "--answers", str(answers), "-o", str(output)]
    if command == "simulate":
        return ["simulate", "--weeks", "1", "-o", str(output)]
    if command == "code":
        return ["code", chat, "--coder", "rules", "-o", str(output)]
    return [command, chat, "-o", str(output)]


def _output_params() -> list[object]:
    broken: dict[str, tuple[str, str]] = {}
    params: list[object] = []
    for command in ("import", "simulate", "code", "measure", "analyze"):
        marks: list[pytest.MarkDecorator] = []
        if command in broken:
            module, error = broken[command]
            reason = OUTPUT_TRACEBACK.format(module=module, error=error)
            marks.append(pytest.mark.xfail(strict=True, reason=reason))
        params.append(pytest.param(command, marks=marks, id=command))
    return params


@pytest.mark.parametrize("command", _output_params())
def test_unwritable_output(tmp_path: Path, command: str) -> None:
    blocker = _write("not-a-folder", b"")(tmp_path)
    output = blocker / "out.file"
    outcome = run(_output_args(command, tmp_path, output), env={"HOLDSPACE_CODER": "rules"})
    check(outcome, UNWRITABLE, output)


@pytest.mark.parametrize("command", ["import", "code", "measure", "simulate", "analyze"])
def test_output_that_is_a_folder(tmp_path: Path, command: str) -> None:
    folder = _directory(tmp_path)
    outcome = run(_output_args(command, tmp_path, folder), env={"HOLDSPACE_CODER": "rules"})
    if command == "import":
        expected = (
            "error: {path}: cannot write there (Is a directory); choose a file in a folder "
            "that exists and that you can write to."
        )
    else:
        expected = CLICK_FOLDER.replace("{param}", "'-o' / '--output").replace("''", "'")
    check(outcome, expected, folder)


# -- a bad home (checkin, results) -------------------------------------------------------------

HOME_IS_A_FILE = (
    "error: HOLDSPACE_HOME={path} is a file, not a folder; set HOLDSPACE_HOME to a folder "
    "(it is made when missing) or unset it."
)


@pytest.mark.parametrize("command", ["checkin", "results"])
def test_home_that_is_a_file(tmp_path: Path, command: str) -> None:
    home = _write("home", b"")(tmp_path)
    env = {"HOLDSPACE_HOME": str(home), "HOLDSPACE_PASSPHRASE": "correct horse"}
    check(run([command, "--as", "Sam"], env=env), HOME_IS_A_FILE, home)


def test_checkin_home_that_cannot_be_made(tmp_path: Path) -> None:
    home = _write("file", b"")(tmp_path) / "home"
    env = {"HOLDSPACE_HOME": str(home), "HOLDSPACE_PASSPHRASE": "correct horse"}
    outcome = run(["checkin", "--as", "Sam"], env=env)
    check(
        outcome,
        f"error: cannot save private check-ins in {home / 'private'} (Not a directory); "
        "set HOLDSPACE_HOME to a folder you can write to.",
        home,
    )
