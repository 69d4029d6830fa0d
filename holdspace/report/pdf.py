"""Print the HTML report to PDF with the system's Chromium, driven by Playwright.

No browser is downloaded: holdspace uses a Chromium already installed on the computer.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from holdspace.errors import ComponentUnavailable

__all__ = ["CHROMIUM_ARGS", "find_chromium", "write_pdf"]

#: Flags that keep Chromium offline and quiet.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> Path | None:
    """The Chromium to use: ``HOLDSPACE_CHROMIUM``, ``/usr/bin/chromium``, or one on ``PATH``."""
    override = os.environ.get("HOLDSPACE_CHROMIUM")
    if override:
        return Path(override) if Path(override).is_file() else None
    if Path("/usr/bin/chromium").is_file():
        return Path("/usr/bin/chromium")
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def write_pdf(html: str, path: Path, *, chromium: Path | None = None) -> Path:
    """Print ``html`` to ``path`` as an A4 PDF (the report's print styles apply)."""
    executable = chromium or find_chromium()
    if executable is None:
        raise ComponentUnavailable(
            "no Chromium browser found to print the PDF (looked for HOLDSPACE_CHROMIUM, "
            "/usr/bin/chromium and chromium on PATH); install Chromium (e.g. apt install "
            "chromium) or leave out --pdf and print the HTML report from any browser."
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        raise ComponentUnavailable(
            "the PDF needs the playwright package; install it with "
            "`pip install playwright` (no browser download is needed) or leave out --pdf."
        ) from error
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(executable), args=list(CHROMIUM_ARGS))
        try:
            page = browser.new_page()
            page.set_content(html, wait_until="load")
            page.emulate_media(media="print")
            page.pdf(path=str(path), format="A4", print_background=True, prefer_css_page_size=True)
        finally:
            browser.close()
    return path
