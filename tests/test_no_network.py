"""holdspace sends nothing anywhere (SAFETY.md: no outbound network traffic at all).

A representative run (import, demo, code, measure) happens with every way of opening a
connection replaced by one that records the attempt and fails; no module imports a network
client; and the report and plan load nothing from a third-party origin (no CDN, no web font).
"""

from __future__ import annotations

import ast
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from holdspace.cli import main

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "holdspace"
FIXTURES = ROOT / "tests" / "ingest" / "fixtures"

#: Modules that open connections. ``urllib.parse`` (string handling only) stays allowed.
NETWORK_MODULES = (
    "aiohttp",
    "ftplib",
    "http.client",
    "http.server",
    "httpx",
    "requests",
    "smtplib",
    "socket",
    "socketserver",
    "urllib.request",
    "urllib3",
    "websocket",
    "websockets",
)

#: URLs allowed in report and plan files, and why. Each is an identifier or text shown to the
#: user, never a resource a page loads: the SVG namespace names the XML vocabulary of the
#: charts and is never fetched. (Crisis-line web sites, should a region list one, live in
#: holdspace/assess/data/crisis as plain text for people to read, not as links pages load.)
ALLOWED_URLS = ("http://www.w3.org/2000/svg",)
URL = re.compile(r"https?://[^\s\"'<>)]+")


class Blocked(AssertionError):
    """Raised in place of any network connection."""


@pytest.fixture
def attempts(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every connection attempt, recorded and refused."""
    seen: list[str] = []

    def refuse(what: str) -> Any:
        def blocked(*args: Any, **kwargs: Any) -> Any:
            seen.append(f"{what}{args[1:] if what.startswith('socket.') else args}")
            raise Blocked(f"network use during a holdspace run: {what}")

        return blocked

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    yield seen


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def _entry(args: tuple[str, ...]) -> None:
    main(list(args))


def run(args: list[str]) -> None:
    result = CliRunner().invoke(_entry, args, env={"HOLDSPACE_CODER": "rules"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0, result.stderr


def test_the_blocker_catches_a_connection(attempts: list[str]) -> None:
    with pytest.raises(Blocked):
        socket.create_connection(("example.org", 443), timeout=1)
    assert attempts == ["create_connection(('example.org', 443),)"]


def test_pipeline_opens_no_connection(
    attempts: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    chat = tmp_path / "chat.jsonl"
    run(["import", str(FIXTURES / "wa_android_multiline.txt"), "-o", str(chat)])
    run(["demo", "--no-pdf", "--coder", "rules", "-o", str(tmp_path / "demo")])
    coded = tmp_path / "coded.jsonl"
    run(["code", str(chat), "--coder", "ensemble", "-o", str(coded)])
    simulated = tmp_path / "couple.txt"
    run(["simulate", "--weeks", "2", "-o", str(simulated)])
    run(["code", str(simulated), "--coder", "rules", "-o", str(coded)])
    run(["measure", str(coded), "-o", str(tmp_path / "metrics.json")])
    assert (tmp_path / "demo" / "report.html").is_file()
    assert (tmp_path / "metrics.json").is_file()
    assert attempts == []


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("path", _modules(), ids=lambda path: str(path.relative_to(ROOT)))
def test_no_module_imports_a_network_client(path: Path) -> None:
    found = sorted(
        name
        for name in _imports(path)
        for banned in NETWORK_MODULES
        if name == banned or name.startswith(banned + ".")
    )
    assert found == [], f"{path.relative_to(ROOT)} imports {', '.join(found)}"


def test_the_import_scan_sees_network_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import urllib.parse\nimport http.client\nfrom urllib import request\n", encoding="utf-8"
    )
    assert _imports(sample) == {"urllib.parse", "http.client", "urllib", "urllib.request"}


def _text_files(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix not in {".pyc", ".png", ".npz", ".npy", ".pdf"}:
            yield path


@pytest.mark.parametrize("stage", ["report", "plan"])
def test_report_and_plan_load_nothing_from_other_origins(stage: str) -> None:
    found = []
    for path in _text_files(PACKAGE / stage):
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [
            f"{path.relative_to(ROOT)}: {url}"
            for url in URL.findall(text)
            if url not in ALLOWED_URLS
        ]
    assert found == []
