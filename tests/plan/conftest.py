"""Hand-built inputs for the plan tests, in the documented JSON shapes."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
_METRICS = json.loads((FIXTURES / "metrics_pursue_withdraw.json").read_text(encoding="utf-8"))


@pytest.fixture
def metrics() -> dict[str, Any]:
    """A clear pursue-withdraw couple: Sam seeks, Alex withdraws (a fresh copy per test)."""
    return copy.deepcopy(_METRICS)


@pytest.fixture
def open_view() -> dict[str, Any]:
    """A safety view with joint work open."""
    return {"joint_paused": False, "message": ""}


@pytest.fixture
def paused_view() -> dict[str, Any]:
    """A safety view with joint work paused."""
    return {"joint_paused": True, "message": "Joint features are paused for now."}
