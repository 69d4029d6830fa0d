"""Shared fixtures: where the public sample data lives, and how to skip when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# The default run draws the same examples every time, so a green suite stays green; set
# HYPOTHESIS_PROFILE=explore to search with fresh random examples.
settings.register_profile("holdspace", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "holdspace"))

ROOT = Path(__file__).resolve().parent.parent


def shared_data_dir() -> Path:
    """``../shared/data`` beside the checkout, or ``HOLDSPACE_SHARED_DATA`` when set."""
    override = os.environ.get("HOLDSPACE_SHARED_DATA")
    return Path(override) if override else ROOT.parent / "shared" / "data"


@pytest.fixture
def shared_data() -> Path:
    """The public datasets folder; tests using it skip when it is not beside the checkout."""
    folder = shared_data_dir()
    if not folder.is_dir():
        pytest.skip(f"public sample data not found at {folder} (set HOLDSPACE_SHARED_DATA)")
    return folder
