"""The report in a real browser (headless Chromium): no errors, nothing missing, no overflow."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from report_analyses import make_analysis

from holdspace.report import render_html
from holdspace.report.pdf import CHROMIUM_ARGS

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
AUDIENCES = {
    "joint": lambda: make_analysis(),
    "private": lambda: make_analysis(viewer="Sam"),
    "paused": lambda: make_analysis(safety={"joint_paused": True, "message": "Paused for now."}),
}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        instance = driver.chromium.launch(executable_path=chromium, args=list(CHROMIUM_ARGS))
        yield instance
        instance.close()


def _chromium() -> str:
    import shutil

    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    pytest.skip("no Chromium at /usr/bin/chromium or on PATH: browser checks not run")


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
@pytest.mark.parametrize("audience", list(AUDIENCES))
def test_report_displays_cleanly(browser: Any, tmp_path: Path, audience: str, width: int) -> None:
    page_file = tmp_path / "report.html"
    page_file.write_text(render_html(AUDIENCES[audience]()), encoding="utf-8")
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.goto(page_file.as_uri())
    assert errors == [] and failed == []
    overflow = page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert overflow is True
    hidden = page.evaluate(
        "[...document.querySelectorAll('svg')].filter(s => s.getBoundingClientRect().width < 50).length"
    )
    broken = page.evaluate(
        "[...document.images].filter(i => !i.complete || i.naturalWidth === 0).length"
    )
    assert (hidden, broken) == (0, 0)
    headings = page.evaluate("document.querySelectorAll('h1').length")
    assert headings == 1
    shot = tmp_path / f"{audience}-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    if os.environ.get("HOLDSPACE_SAVE_SCREENSHOTS") and audience == "joint":
        target = (
            ROOT / "docs" / "screenshots" / f"report-{'desktop' if width > 500 else 'phone'}.png"
        )
        target.write_bytes(shot.read_bytes())
    page.close()
