"""Fixtures for the report tests."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from report_analyses import make_analysis


@pytest.fixture
def joint() -> dict[str, Any]:
    return make_analysis()


@pytest.fixture
def chromium() -> str:
    """The Chromium to drive; the browser tests skip, saying why, when there is none."""
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    pytest.skip("no Chromium at /usr/bin/chromium or on PATH: browser checks not run")
