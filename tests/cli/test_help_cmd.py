"""``holdspace help crisis``: always reachable, offline, from data (S5)."""

from __future__ import annotations

from typing import Any

import pytest

from holdspace.assess.crisis import load_resources, render_text
from holdspace.cli import COMMANDS, main


def test_crisis_resources(capsys: Any, monkeypatch: Any) -> None:
    monkeypatch.delenv("HOLDSPACE_REGION", raising=False)
    main(["help", "crisis"])
    out = capsys.readouterr().out
    assert out == render_text(load_resources("US")) + "\n"
    assert "Call 911" in out and "Call or text 988" in out
    assert "Call 1-800-799-7233 or text START to 88788" in out
    assert "holdspace is not monitored." in out


def test_topics(capsys: Any) -> None:
    main(["help"])
    assert capsys.readouterr().out == (
        "crisis: Who to contact now if you or someone else is in danger.\n"
        "Commands: holdspace --help\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["help", "panic"], "error: no help topic 'panic'; topics: crisis."),
        (
            ["help", "crisis", "--region", "ZZ"],
            "error: no crisis resources for region 'ZZ'; available: US. Set HOLDSPACE_REGION to one "
            "of them, or add a file to holdspace/assess/data/crisis/.",
        ),
    ],
    ids=["unknown-topic", "unknown-region"],
)
def test_help_errors(capsys: Any, args: list[str], message: str) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    assert " ".join(capsys.readouterr().err.split()) == message


def test_commands_are_registered() -> None:
    for name in ("checkin", "results", "score", "help"):
        assert name in COMMANDS
