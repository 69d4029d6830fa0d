"""docs/cli.md is the help of every command, regenerated here; a stale page fails the suite."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from holdspace.cli import COMMANDS

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def renderer() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "render_cli_docs", ROOT / "scripts" / "render_cli_docs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_page_is_up_to_date(renderer: ModuleType) -> None:
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == renderer.render(), (
        "docs/cli.md is out of date; run: .venv/bin/python scripts/render_cli_docs.py"
    )


def test_check_mode_names_the_command_to_run(
    renderer: ModuleType,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    stale = tmp_path / "docs" / "cli.md"
    stale.parent.mkdir()
    stale.write_text("# Command line\n", encoding="utf-8")
    monkeypatch.setattr(renderer, "ROOT", tmp_path)
    monkeypatch.setattr(renderer, "TARGET", stale)
    assert renderer.main(["--check"]) == 1
    assert capsys.readouterr().err == (
        "docs/cli.md is out of date; run: .venv/bin/python scripts/render_cli_docs.py\n"
    )
    assert renderer.main([]) == 0
    assert renderer.main(["--check"]) == 0


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_a_section(name: str) -> None:
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"\n## holdspace {name}\n\n```text\nUsage: holdspace {name} [OPTIONS]" in page


def test_top_level_help_lists_every_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "holdspace", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={"COLUMNS": "200", "PATH": ""},
    )
    listed = result.stdout.split("Commands:\n", 1)[1].splitlines()
    assert [line.split()[0] for line in listed if line.strip()] == sorted(COMMANDS)
