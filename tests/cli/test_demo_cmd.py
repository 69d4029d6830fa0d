"""``holdspace demo``: the whole pipeline on the bundled couple, its files and its summary."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from holdspace.assess.store import KdfCost, PrivateStore
from holdspace.cli import cli
from holdspace.cli.demo_cmd import summary_lines

FILES = [
    "analysis-jordan.json",
    "analysis-maya.json",
    "analysis.json",
    "report-jordan.html",
    "report-maya.html",
    "report.html",
]


def _run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *extra: str) -> tuple[Any, Path]:
    monkeypatch.setenv("HOLDSPACE_CHROMIUM", str(tmp_path / "no-chromium"))
    out = tmp_path / "demo"
    result = CliRunner().invoke(cli, ["demo", "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return result, out


def test_demo_writes_every_report_and_analysis(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result, out = _run(tmp_path, monkeypatch)
    assert sorted(p.name for p in out.iterdir()) == FILES
    joint = json.loads((out / "analysis.json").read_text(encoding="utf-8"))
    assert joint["schema"] == "holdspace.analysis.v1"
    assert isinstance(joint["plan"]["paths"], list)
    assert isinstance(joint["safety"]["joint_paused"], bool)
    for line in summary_lines(joint):
        assert line.replace("[bold]", "").replace("[/]", "") in result.output
    assert f"report: {out / 'report.html'}" in result.output
    assert f"private report for Maya: {out / 'report-maya.html'}" in result.output


def test_only_the_private_files_are_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, out = _run(tmp_path, monkeypatch, "--coder", "model")
    (tmp_path / "probe").touch()
    usual = (tmp_path / "probe").stat().st_mode & 0o777
    modes = {p.name: p.stat().st_mode & 0o777 for p in out.iterdir()}
    assert modes == {
        "analysis-jordan.json": 0o600,
        "analysis-maya.json": 0o600,
        "analysis.json": usual,
        "report-jordan.html": 0o600,
        "report-maya.html": 0o600,
        "report.html": usual,
    }


def test_private_reports_hold_own_answers_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, out = _run(tmp_path, monkeypatch, "--coder", "model")
    maya = json.loads((out / "analysis-maya.json").read_text(encoding="utf-8"))
    own = sorted({a["instrument"] for a in maya["assessments"] if a["partner"] == "Maya"})
    other = sorted({a["instrument"] for a in maya["assessments"] if a["partner"] == "Jordan"})
    assert own == ["asq", "csi4", "gad7", "hark", "hs-checkin"]
    assert other == ["csi4", "hs-checkin"]
    changes = [a["change"]["reliable"] for a in maya["assessments"] if a.get("change")]
    assert changes == [True, True, True]
    joint = json.loads((out / "analysis.json").read_text(encoding="utf-8"))
    assert {a["instrument"] for a in joint["assessments"]} == {"csi4", "gad7", "hs-checkin"}


def test_demo_without_chromium_says_how_to_get_the_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result, out = _run(tmp_path, monkeypatch, "--coder", "model", "--pdf")
    assert not (out / "report.pdf").exists()
    assert "pdf: not written; no Chromium browser found to print the PDF" in result.output


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
DATA = Path(__file__).resolve().parents[2] / "holdspace" / "data"


def _unsafe_names(folder: Path) -> list[str]:
    """Every path under ``folder`` whose name holds a safety word (S9)."""
    return sorted(
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if any(word in path.name.lower() for word in SAFETY_WORDS)
    )


def test_no_safety_words_in_bundled_or_written_file_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _unsafe_names(DATA) == []
    assert sorted(p.name for p in (DATA / "sample" / "checkins").iterdir()) == [
        *(f"jordan-{n:02d}.json" for n in range(1, 7)),
        *(f"maya-{n:02d}.json" for n in range(1, 8)),
    ]
    _, out = _run(tmp_path, monkeypatch, "--coder", "model")
    home = tmp_path / "home"
    monkeypatch.setenv("HOLDSPACE_HOME", str(home))
    monkeypatch.setenv("HOLDSPACE_PASSPHRASE", "pw")
    store = PrivateStore.create(home, "Maya", "pw", cost=KdfCost(1, 8, 1))
    store.add_administration("hark", 1, {"hark_h": 1})
    store.save()
    assert CliRunner().invoke(cli, ["results", "--as", "Maya"]).exit_code == 0
    assert len(list((home / "private").iterdir())) == 2
    assert (_unsafe_names(out), _unsafe_names(home)) == ([], [])


LOOP = {
    "safety": {"joint_paused": False},
    "metrics": {"cycle": {"pursuer": "Maya", "withdrawer": "Jordan", "strength": 0.34}},
    "plan": {
        "paths": [
            {"id": "individual-avoidant", "partner": "Jordan"},
            {"id": "couples", "partner": None},
        ]
    },
}


@pytest.mark.parametrize(
    ("analysis", "expected"),
    [
        pytest.param(
            LOOP,
            [
                "[bold]Maya[/] reaches out; [bold]Jordan[/] steps back.",
                "Loop strength 0.34 on a scale from 0 to 1 (clear).",
                "Suggested: Individual support for Jordan; Couples therapy.",
            ],
            id="loop",
        ),
        pytest.param(
            {"safety": {}, "metrics": {"cycle": {"strength": 0.0}}, "plan": {"paths": []}},
            [
                "No clear reaching-out and stepping-back loop was found (strength 0.00).",
                "No path of help is suggested from these figures alone.",
            ],
            id="no-loop",
        ),
        pytest.param(
            {"safety": {"joint_paused": True, "message": "Paused for now."}, "plan": None},
            ["Paused for now."],
            id="paused",
        ),
    ],
)
def test_summary_lines(analysis: dict[str, Any], expected: list[str]) -> None:
    assert summary_lines(analysis) == expected


SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
#: Each page at one width, and the screenshots it refreshes: the first screen and one section,
#: each one viewport high (1280x900 or 390x844), not the whole page.
PAGES = [
    pytest.param("report.html", 1280, "demo-joint-desktop", "#loop", id="joint-desktop"),
    pytest.param("report.html", 390, "demo-joint-phone", "#bids", id="joint-phone"),
    pytest.param("report-maya.html", 1280, "demo-private-maya", "#checkins", id="private-desktop"),
    pytest.param("report-jordan.html", 390, "demo-private-jordan", "#week", id="private-phone"),
]


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(cli, ["demo", "-o", str(out), "--no-pdf"])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.browser
@pytest.mark.parametrize(("page_name", "width", "shot", "section"), PAGES)
def test_demo_reports_display_cleanly(
    demo_folder: Path, page_name: str, width: int, shot: str, section: str
) -> None:
    import os
    import shutil

    chromium = next(
        (c for c in ("/usr/bin/chromium", shutil.which("chromium")) if c and Path(c).is_file()),
        None,
    )
    if chromium is None:
        pytest.skip("no Chromium at /usr/bin/chromium or on PATH: browser checks not run")
    from playwright.sync_api import sync_playwright

    from holdspace.report.pdf import CHROMIUM_ARGS

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=list(CHROMIUM_ARGS))
        height = 900 if width > 500 else 844
        page = browser.new_page(viewport={"width": width, "height": height})
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((demo_folder / page_name).as_uri())
        checks = page.evaluate(
            """() => ({
              overflow: document.documentElement.scrollWidth > innerWidth,
              broken: [...document.images].filter(i => !i.complete || !i.naturalWidth).length,
              tiny: [...document.querySelectorAll('figure svg')]
                .filter(s => s.getClientRects().length)
                .filter(s => s.getBoundingClientRect().width < 50).length,
              empty: [...document.querySelectorAll('figure svg')]
                .filter(s => !s.querySelector('path, rect, circle')).length,
              backticks: document.body.innerText.includes('`'),
            })"""
        )
        assert (errors, checks) == (
            [],
            {"overflow": False, "broken": 0, "tiny": 0, "empty": 0, "backticks": False},
        )
        if os.environ.get("HOLDSPACE_SAVE_SCREENSHOTS"):
            page.screenshot(path=str(SHOTS / f"{shot}.png"))
            page.evaluate(f"document.querySelector('{section}').scrollIntoView()")
            page.screenshot(path=str(SHOTS / f"{shot}-{section[1:]}.png"))
        browser.close()


@pytest.mark.browser
def test_demo_pdf_stays_short_and_every_page_has_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import shutil

    chromium = next(
        (c for c in ("/usr/bin/chromium", shutil.which("chromium")) if c and Path(c).is_file()),
        None,
    )
    if chromium is None:
        pytest.skip("no Chromium at /usr/bin/chromium or on PATH: browser checks not run")
    from pypdf import PdfReader

    monkeypatch.setenv("HOLDSPACE_CHROMIUM", chromium)
    out = tmp_path / "demo"
    result = CliRunner().invoke(cli, ["demo", "-o", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    assert f"pdf: {out / 'report.pdf'}" in result.output
    reader = PdfReader(io.BytesIO((out / "report.pdf").read_bytes()))
    texts = [page.extract_text() or "" for page in reader.pages]
    # The demo's joint report printed at 20 pages when this bound was set.
    assert 4 <= len(texts) <= 23
    assert [n for n, text in enumerate(texts, start=1) if not text.strip()] == []
