"""The check-in end to end in a real terminal (pexpect), and what partner B can see (S2)."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import pexpect
import pytest

from holdspace.assess.safety import evaluate
from holdspace.assess.scoring import score
from holdspace.assess.store import LOCATOR_FILE, KdfCost, PrivateStore
from holdspace.cli import main

HOLDSPACE = str(Path(sys.executable).parent / "holdspace")
CHEAP = KdfCost(time_cost=1, memory_kib=8, parallelism=1)
DOWN, UP = "\x1b[B", "\x1b[A"
SAFETY_WORDS = (
    "hark",
    "asq",
    "phq",
    "suicide",
    "self-harm",
    "violence",
    "abuse",
    "crisis",
    "safety",
)


def spawn(home: Path, *args: str) -> Any:
    env = {**os.environ, "HOLDSPACE_HOME": str(home), "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm"}
    env.pop("HOLDSPACE_PASSPHRASE", None)
    return pexpect.spawn(
        HOLDSPACE, ["checkin", *args], env=env, encoding="utf-8", timeout=20, dimensions=(50, 200)
    )


def no_titles(transcript: str) -> None:
    """S9: the terminal title is never set (no OSC 0/1/2 sequences)."""
    assert "\x1b]0;" not in transcript and "\x1b]1;" not in transcript
    assert "\x1b]2;" not in transcript


def test_answer_back_skip_quit_and_resume(tmp_path: Path) -> None:
    PrivateStore.create(tmp_path, "Sam", "pw", cost=CHEAP)
    child = spawn(tmp_path, "--as", "Sam", "--instrument", "hark", "--instrument", "asq")
    child.expect("Passphrase for Sam")
    child.sendline("pw")
    child.expect("question 1 of 9")
    child.expect("humiliated or emotionally abused")
    transcript = child.before
    child.send("0")
    child.expect("question 2 of 9")
    child.send(DOWN)
    child.send("\r")
    child.expect("National Domestic Violence Hotline")
    child.expect("holdspace is not monitored")
    child.expect("Press Enter to continue")
    child.send("\r")
    child.expect("question 3 of 9")
    child.send("b")
    child.expect("question 2 of 9")
    child.expect("> 1  Yes")
    child.send(UP)
    child.send("\r")
    child.expect("question 3 of 9")
    child.send("s")
    child.expect("question 4 of 9")
    child.send("q")
    child.expect("Saved. Run the same command to continue where you left off.")
    child.expect(pexpect.EOF)
    transcript += child.before
    child.close()
    assert child.exitstatus == 0

    child = spawn(tmp_path, "--as", "Sam")
    child.expect("Passphrase for Sam")
    child.sendline("pw")
    child.expect("Continuing where you left off.")
    child.expect("question 4 of 9")
    child.send("0")
    child.expect("question 5 of 9")
    child.expect("Are you afraid of your partner now")
    child.send("0")
    child.expect("question 6 of 9")
    child.send("1")
    child.expect("988")
    child.expect("Press Enter to continue")
    child.send("\r")
    child.expect("question 7 of 10")
    for number in (8, 9, 10):
        child.send("0")
        child.expect(f"question {number} of 10")
    child.expect("thoughts of killing yourself right now")
    child.send("0")
    child.expect(r"Saved 2 questionnaire\(s\)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    no_titles(transcript)

    store = PrivateStore.open(tmp_path, "Sam", "pw")
    assert [a["answers"] for a in store.administrations()] == [
        {"hark_h": 0, "hark_a": 0, "hark_r": None, "hark_k": 0, "hark_afraid_now": 0},
        {"asq_1": 1, "asq_2": 0, "asq_3": 0, "asq_4": 0, "asq_5": 0},
    ]
    assert store.in_progress is None


NOT_FOUND = (
    "error: no check-in found for Sam with that passphrase under {home}; check the passphrase "
    "and type it again, or start a first check-in with: holdspace checkin --as Sam (holdspace "
    "cannot recover a forgotten passphrase)."
)
FIRST_TIME = (
    "No check-in found for Sam with that passphrase. If this is your first check-in, type "
    "the same passphrase again to start one; if you have answered before, press Enter and "
    "run the command again with your passphrase."
)


def test_wrong_passphrase_is_refused_without_saying_whether_sam_has_a_file(
    tmp_path: Path,
) -> None:
    PrivateStore.create(tmp_path, "Sam", "right", cost=CHEAP)
    child = spawn(tmp_path, "--as", "Sam")
    child.expect("Passphrase for Sam")
    child.sendline("wrong")
    child.expect("Passphrase again to start")
    transcript = child.before
    child.sendline("")
    child.expect(pexpect.EOF)
    transcript += child.before
    child.close()
    assert child.exitstatus == 3
    words = " ".join(re.sub(r"\x1b\[[0-9;]*m", "", transcript).split())
    assert FIRST_TIME in words
    assert NOT_FOUND.format(home=tmp_path) in words
    assert sorted(p.name for p in (tmp_path / "private").iterdir()) == sorted(
        [LOCATOR_FILE, PrivateStore.open(tmp_path, "Sam", "right").path.name]
    )


@pytest.mark.parametrize("command", ["results", "analyze"])
@pytest.mark.parametrize("case", ["wrong-passphrase", "never-answered"])
def test_results_and_analyze_say_the_same_for_a_wrong_passphrase_and_no_file(
    tmp_path: Path, capsys: Any, monkeypatch: Any, command: str, case: str
) -> None:
    monkeypatch.setenv("HOLDSPACE_HOME", str(tmp_path))
    monkeypatch.setenv("HOLDSPACE_PASSPHRASE", "wrong")
    if case == "wrong-passphrase":
        PrivateStore.create(tmp_path, "Sam", "right", cost=CHEAP)
    args = ["results", "--as", "Sam"] if command == "results" else ["analyze", "--checkin", "Sam"]
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 3
    assert " ".join(capsys.readouterr().err.split()) == NOT_FOUND.format(home=tmp_path)


def test_first_check_in_creates_the_private_file(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--as", "Alex", "--instrument", "gad7")
    child.expect("Passphrase for Alex")
    child.sendline("secret words")
    child.expect("Passphrase again to start")
    child.sendline("secret words")
    child.expect("question 1 of 7")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    store = PrivateStore.open(tmp_path, "Alex", "secret words")
    assert store.in_progress is not None
    names = sorted(p.name for p in (tmp_path / "private").iterdir())
    assert names == sorted([LOCATOR_FILE, store.path.name])
    for name in names:
        assert "alex" not in name.lower()
        assert not any(word in name.lower() for word in SAFETY_WORDS)


def test_restricted_instrument_needs_its_wording(
    tmp_path: Path, capsys: Any, monkeypatch: Any
) -> None:
    monkeypatch.setenv("HOLDSPACE_HOME", str(tmp_path))
    monkeypatch.setenv("HOLDSPACE_PASSPHRASE", "pw")
    PrivateStore.create(tmp_path, "Sam", "pw", cost=CHEAP)
    with pytest.raises(SystemExit) as exit_info:
        main(["checkin", "--as", "Sam", "--instrument", "csi4"])
    assert exit_info.value.code == 2
    assert " ".join(capsys.readouterr().err.split()) == (
        "error: csi4 ships without its wording (licence: free-clinical-research); pass --items "
        "FILE with the text of your copy (see docs/instruments.md)."
    )


A_CASES: dict[str, dict[str, list[Any]] | None] = {
    "negative": {"hark": [0, 0, 0, 0, 0], "asq": [0, 0, 0, 0, None]},
    "positive": {"hark": [1, 1, 0, 0, 1], "asq": [1, 0, 0, 0, 1]},
    "skipped": {"hark": [None, None, None, None, None], "asq": [None, None, None, None, None]},
    "absent": None,
}


def b_outputs(home: Path, case: str, capsys: Any, monkeypatch: Any) -> dict[str, str]:
    """Everything B can produce: B's results (text and JSON), B's private view, the joint view."""
    monkeypatch.setenv("HOLDSPACE_HOME", str(home))
    answers = A_CASES[case]
    screens: dict[str, Any] = {"B": {"hark": score("hark", [0, 0, 0, 0, 0])}}
    if answers is not None:
        a_store = PrivateStore.create(home, "A", "a-pass", cost=CHEAP)
        for instrument, values in answers.items():
            ids = (
                [f"{instrument}_{x}" for x in ("h", "a", "r", "k", "afraid_now")]
                if instrument == "hark"
                else [f"asq_{i}" for i in range(1, 6)]
            )
            a_store.add_administration(instrument, 1, dict(zip(ids, values, strict=True)))
            screens["A"] = {
                instrument: score(instrument, values) for instrument, values in answers.items()
            }
        a_store.save()
    monkeypatch.setenv("HOLDSPACE_PASSPHRASE", "b-pass")
    outputs = {}
    for args in (["results", "--as", "B"], ["results", "--as", "B", "--json"]):
        main(args)
        outputs[" ".join(args)] = capsys.readouterr().out
    status = evaluate(["A", "B"], screens)
    outputs["private B"] = json.dumps(status.private_view("B"), sort_keys=True)
    outputs["joint"] = json.dumps(status.joint_view(), sort_keys=True)
    return outputs


def test_s2_b_outputs_do_not_depend_on_a_answers(
    tmp_path: Path, capsys: Any, monkeypatch: Any
) -> None:
    rendered = {}
    for case in A_CASES:
        home = tmp_path / case
        b_store = PrivateStore.create(home, "B", "b-pass", cost=CHEAP)
        b_store.add_administration("hark", 1, {"hark_h": 0, "hark_a": 0, "hark_r": 0, "hark_k": 0})
        b_store.add_administration("gad7", 1, dict.fromkeys([f"gad7_{i}" for i in range(1, 8)], 1))
        b_store.save()
        rendered[case] = b_outputs(home, case, capsys, monkeypatch)
    for key in ("results --as B", "results --as B --json"):
        assert len({rendered[case][key] for case in A_CASES}) == 1, key
    assert "Generalized Anxiety" in rendered["absent"]["results --as B"]
    # Only the pause itself may differ, and only for the positive case (S3, S4).
    assert (
        len(
            {
                (rendered[c]["private B"], rendered[c]["joint"])
                for c in ("negative", "skipped", "absent")
            }
        )
        == 1
    )
    positive = json.loads(rendered["positive"]["private B"])
    negative = json.loads(rendered["negative"]["private B"])
    assert sorted(k for k in positive if positive[k] != negative[k]) == ["joint_paused", "message"]
