"""The codebook's own examples are the rule coder's specification.

Every example must get its code (with an exact span of its text as evidence) and no hard
negative may get the code it is a hard negative for. ``FLOORS`` are the per-family agreement
rates measured by ``python scripts/bench_rules.py --codebook``; the per-example tests are
stricter still, so the floors guard the summary that docs/benchmarks.md reports.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from holdspace.coding.codebook import Example, load_codebook
from holdspace.coding.codes import FAMILIES
from holdspace.coding.rules import RuleCoder

CODER = RuleCoder()
CODEBOOK = load_codebook("v1")

EXAMPLES = [(code.id, example) for code in CODEBOOK for example in code.examples]
NEGATIVES = [(code.id, example) for code in CODEBOOK for example in code.hard_negatives]

# Measured on codebook v1 with rules v1 (scripts/bench_rules.py --codebook).
# (share of examples that get their code, share of hard negatives that do not)
FLOORS = {
    "connect": (1.0, 1.0),
    "avoid": (1.0, 1.0),
    "pursue": (1.0, 1.0),
    "hostile": (1.0, 1.0),
    "risk": (1.0, 1.0),
}


def _id(item: tuple[str, Example]) -> str:
    code, example = item
    return f"{code}:{example.text[:40]}"


@pytest.mark.parametrize("item", EXAMPLES, ids=[_id(i) for i in EXAMPLES])
def test_codebook_example_gets_its_code(item: tuple[str, Example]) -> None:
    code, example = item
    scores, evidence = CODER.code_text(example.text, previous=example.previous)
    assert scores[code] >= CODER.threshold
    found = evidence[code]
    assert found.span and example.text[found.start : found.end] == found.span


@pytest.mark.parametrize("item", NEGATIVES, ids=[_id(i) for i in NEGATIVES])
def test_codebook_hard_negative_does_not_get_the_code(item: tuple[str, Example]) -> None:
    code, example = item
    scores, evidence = CODER.code_text(example.text, previous=example.previous)
    assert scores[code] < CODER.threshold, evidence.get(code)


@pytest.mark.parametrize("family", list(FAMILIES))
def test_agreement_per_family_meets_the_measured_floor(family: str) -> None:
    hits = [
        CODER.code_text(e.text, previous=e.previous)[0][code] >= CODER.threshold
        for code, e in EXAMPLES
        if code in FAMILIES[family]
    ]
    rejections = [
        CODER.code_text(e.text, previous=e.previous)[0][code] < CODER.threshold
        for code, e in NEGATIVES
        if code in FAMILIES[family]
    ]
    example_floor, negative_floor = FLOORS[family]
    assert sum(hits) / len(hits) >= example_floor
    assert sum(rejections) / len(rejections) >= negative_floor


def test_prefilter_loses_nothing_on_the_codebook() -> None:
    unfiltered = RuleCoder(prefilter=False)
    for _, example in EXAMPLES + NEGATIVES:
        fast = CODER.code_text(example.text, previous=example.previous)
        slow = unfiltered.code_text(example.text, previous=example.previous)
        assert fast == slow, example.text


def _bench_script() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "scripts" / "bench_rules.py"
    spec = importlib.util.spec_from_file_location("bench_rules", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_prefilter_loses_nothing_on_generated_conversations() -> None:
    messages = _bench_script().generate(1_500)
    fast = CODER.code(messages)
    slow = RuleCoder(prefilter=False).code(messages)
    assert fast == slow
    assert sum(1 for coded in fast if coded.labels) > 500
