"""The report in a real browser (headless Chromium): no errors, nothing missing, no overflow."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from report_analyses import make_analysis

from holdspace.report import render_html
from holdspace.report.pdf import CHROMIUM_ARGS

pytestmark = pytest.mark.browser
#: Each figure shows exactly one chart layout, at least 50 px wide.
VISIBLE_CHARTS = """() => {
  const figures = [...document.querySelectorAll('figure')].filter(f => f.querySelector('svg'));
  const shown = figures.map(f => [...f.querySelectorAll('svg')].filter(s => s.getClientRects().length));
  return {
    figures: figures.length,
    shown: shown.filter(list => list.length === 1).length,
    tiny: shown.flat().filter(s => s.getBoundingClientRect().width < 50).length,
  };
}"""
#: The smallest chart text on screen, in CSS pixels (font size times the chart's scale).
SMALLEST_CHART_TEXT = """() => Math.min(...[...document.querySelectorAll('figure svg')]
  .filter(s => s.getClientRects().length)
  .flatMap(s => {
    const scale = s.getBoundingClientRect().width / s.viewBox.baseVal.width;
    return [...s.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')) * scale);
  }))"""
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
    checks = page.evaluate(VISIBLE_CHARTS)
    assert checks == {"figures": checks["figures"], "shown": checks["figures"], "tiny": 0}
    broken = page.evaluate(
        "[...document.images].filter(i => !i.complete || i.naturalWidth === 0).length"
    )
    assert broken == 0
    headings = page.evaluate("document.querySelectorAll('h1').length")
    assert headings == 1
    if width < 500 and audience != "paused":
        assert page.evaluate(SMALLEST_CHART_TEXT) >= 11
    page.close()
