from __future__ import annotations

import subprocess
import sys

import pytest

import holdspace
from holdspace.coding import get_coder
from holdspace.ingest import read_conversation
from holdspace.measure import measure as measure_function
from holdspace.pipeline import analyze


def test_all_is_sorted_and_every_name_exists() -> None:
    assert list(holdspace.__all__) == sorted(holdspace.__all__)
    for name in holdspace.__all__:
        assert hasattr(holdspace, name), name


def test_the_public_names_are_exactly_the_model_and_the_stage_entry_points() -> None:
    assert holdspace.__all__ == [
        "CodedMessage",
        "Conversation",
        "HoldspaceError",
        "Message",
        "Settings",
        "analyze",
        "get_coder",
        "read_conversation",
    ]
    assert holdspace.analyze is analyze
    assert holdspace.get_coder is get_coder
    assert holdspace.read_conversation is read_conversation


def test_measure_stays_the_stage_package() -> None:
    # ``from holdspace import measure`` must not mean a function at one time and the package at
    # another: once the package is imported Python binds the name to it.
    assert holdspace.measure.measure is measure_function


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="module 'holdspace' has no attribute 'analyse'"):
        _ = holdspace.analyse  # type: ignore[attr-defined]


def test_importing_holdspace_loads_no_stage() -> None:
    code = (
        "import sys, holdspace; "
        "print(sorted(m for m in sys.modules if m.split('.')[:2] in "
        "[['holdspace', s] for s in ('pipeline', 'coding', 'measure', 'ingest', 'plan')]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
