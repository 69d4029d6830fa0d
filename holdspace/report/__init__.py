"""Report: render an analysis (metrics + plan) as self-contained HTML, and print it to PDF.

The report never recomputes analysis: it reads the analysis dictionary the pipeline writes
(schema ``holdspace.analysis.v1``) and shows it.
"""

from __future__ import annotations

from holdspace.report.html import path_title, render_html
from holdspace.report.pdf import find_chromium, write_pdf

__all__ = ["find_chromium", "path_title", "render_html", "write_pdf"]
