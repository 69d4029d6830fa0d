"""The PDF of the report, printed by headless Chromium and read back page by page."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from report_analyses import make_analysis

from holdspace.report import render_html, write_pdf


@pytest.mark.browser
def test_pdf_pages_all_carry_text(tmp_path: Path, chromium: str) -> None:
    from pypdf import PdfReader

    html = render_html(make_analysis(viewer="Sam"))
    pdf = write_pdf(html, tmp_path / "report.pdf", chromium=Path(chromium))
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    texts = [page.extract_text() or "" for page in reader.pages]
    assert 4 <= len(texts) <= 16
    assert all(text.strip() for text in texts)
    # Charts never split over a page: each chart's caption sits whole on one page.
    for caption in ("The loop as measured in your messages.", "Typical (median) time to reply"):
        assert sum(caption in " ".join(text.split()) for text in texts) == 1


def test_pdf_without_chromium_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from holdspace.errors import ComponentUnavailable
    from holdspace.report import pdf

    monkeypatch.setenv("HOLDSPACE_CHROMIUM", str(tmp_path / "missing"))
    with pytest.raises(ComponentUnavailable) as caught:
        pdf.write_pdf("<p>x</p>", tmp_path / "r.pdf")
    assert str(caught.value).startswith("no Chromium browser found to print the PDF")
