from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from holdspace.coding.codebook import CAPACITIES, codebook_path, load_codebook
from holdspace.coding.codes import CODES, FAMILIES, FAMILY_OF
from holdspace.coding.rules_data import load_rules
from holdspace.errors import InputError, InvalidSetting

ROOT = Path(__file__).resolve().parents[2]


def _render_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "render_codebook", ROOT / "scripts" / "render_codebook.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("render_codebook", module)
    spec.loader.exec_module(module)
    return module


def test_v1_has_the_contract_codes_in_order() -> None:
    codebook = load_codebook("v1")
    assert codebook.version == "v1"
    assert codebook.ids == CODES
    assert [code.family for code in codebook] == [FAMILY_OF[c] for c in CODES]


@pytest.mark.parametrize("code_id", CODES)
def test_every_code_is_complete(code_id: str) -> None:
    code = load_codebook().code(code_id)
    assert len(code.examples) >= 10
    assert len(code.hard_negatives) >= 5
    assert code.include and code.exclude and code.definition
    assert -1.0 <= code.valence <= 1.0
    assert all(c in CAPACITIES for c in code.capacities)
    pairs = [(e.text, e.previous) for e in code.examples + code.hard_negatives]
    assert len(pairs) == len(set(pairs))


@pytest.mark.parametrize(
    ("code_id", "capacity", "direction", "role", "valence"),
    [
        ("feeling", "awareness", "+", "none", 0.3),
        ("bid", "intimacy", "+", "seeking", 0.5),
        ("affection", "intimacy", "+", "none", 0.8),
        ("accountability", "accountability", "+", "none", 0.7),
        ("dismissal", "empathetic_communication", "-", "avoidant", -0.7),
        ("withdrawal", "regulation", "-", "avoidant", -0.6),
        ("protest", "regulation", "-", "seeking", -0.5),
        ("self_doubt", "awareness", "+", "seeking", -0.3),
        ("contempt", "regulation", "-", "none", -1.0),
        ("risk_harm", "none", "-", "none", -1.0),
        ("risk_self", "none", "-", "none", -0.9),
    ],
    ids=lambda value: str(value),
)
def test_code_attributes(
    code_id: str, capacity: str, direction: str, role: str, valence: float
) -> None:
    code = load_codebook().code(code_id)
    assert (code.capacity, code.direction, code.role, code.valence) == (
        capacity,
        direction,
        role,
        valence,
    )


def test_withdrawal_informs_two_capacities() -> None:
    assert load_codebook().code("withdrawal").capacities == ("regulation", "intimacy")


def test_context_codes_carry_previous_examples() -> None:
    codebook = load_codebook()
    judged_in_context = [code.id for code in codebook if code.context == "previous"]
    assert judged_in_context == ["validation", "dismissal", "subject_change", "problem_solving"]
    for code_id in judged_in_context:
        assert any(e.previous for e in codebook.code(code_id).examples), code_id


def test_family_and_valences() -> None:
    codebook = load_codebook()
    assert tuple(c.id for c in codebook.family("pursue")) == FAMILIES["pursue"]
    assert codebook.valences()["contempt"] == -1.0
    assert len(codebook.valences()) == 19


def test_unknown_code_says_which_exist() -> None:
    with pytest.raises(InputError) as caught:
        load_codebook().code("sulking")
    assert str(caught.value) == (
        f"codebook v1 has no code 'sulking'; use one of: {', '.join(CODES)}."
    )


def test_unknown_version() -> None:
    with pytest.raises(InvalidSetting) as caught:
        load_codebook("v9")
    assert str(caught.value) == (f"no codebook 'v9' at {codebook_path('v9')}; use one of: v1.")


def _broken(tmp_path: Path, edit: str, value: object) -> Path:
    raw = yaml.safe_load(codebook_path("v1").read_text(encoding="utf-8"))
    code_id, key = edit.split(".")
    if value is None:
        del raw["codes"][code_id][key]
    else:
        raw["codes"][code_id][key] = value
    path = tmp_path / "codebook_test.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("edit", "value", "message"),
    [
        (
            "feeling.valence",
            1.5,
            "codebook_test.yaml: code 'feeling': valence 1.5 is outside [-1, 1]; fix the file.",
        ),
        (
            "bid.family",
            "avoid",
            "codebook_test.yaml: code 'bid': family is 'avoid' but the contract puts it in "
            "'connect'; fix the file.",
        ),
        (
            "curiosity.capacities",
            ["listening"],
            "codebook_test.yaml: code 'curiosity': unknown capacities ['listening']; use "
            "awareness, regulation, accountability, empathetic_communication, intimacy "
            "(or an empty list for risk codes).",
        ),
        (
            "repair.role",
            "pursuer",
            "codebook_test.yaml: code 'repair': role: 'pursuer' is not one of seeking, "
            "avoidant, none; fix the file.",
        ),
        (
            "blame.examples",
            [{"text": "you made me do this"}],
            "codebook_test.yaml: code 'blame': examples: needs at least 10 entries, found 1; "
            "add more.",
        ),
        (
            "risk_self.capacities",
            ["awareness"],
            "codebook_test.yaml: code 'risk_self': risk codes inform no capacity and every "
            "other code informs at least one; fix capacities.",
        ),
        (
            "contempt.definition",
            None,
            "codebook_test.yaml: code 'contempt': definition: expected non-empty text; "
            "fix the file.",
        ),
        (
            "feeling.colour",
            "blue",
            "codebook_test.yaml: code 'feeling': unknown keys ['colour']; allowed keys are "
            "capacities, context, definition, direction, examples, exclude, family, "
            "hard_negatives, include, role, valence.",
        ),
    ],
    ids=[
        "valence",
        "family",
        "capacity",
        "role",
        "few-examples",
        "risk-capacity",
        "missing",
        "key",
    ],
)
def test_broken_codebook_files_are_refused(
    tmp_path: Path, edit: str, value: object, message: str
) -> None:
    path = _broken(tmp_path, edit, value)
    with pytest.raises(InputError) as caught:
        load_codebook("test", path=path)
    assert str(caught.value) == message


def test_codes_out_of_order_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "codebook_short.yaml"
    path.write_text("version: x\ntitle: t\ncodes:\n  feeling: {}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_codebook("x", path=path)
    assert str(caught.value).startswith(
        "codebook_short.yaml: codes must be the 19 contract codes in contract order; "
        "missing: ['bid', "
    )


def test_docs_codebook_is_generated_from_the_data() -> None:
    script = _render_script()
    expected = script.render(load_codebook("v1"), load_rules("v1"))
    current = (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8")
    assert current == expected, "docs/codebook.md is stale: run python scripts/render_codebook.py"


def test_render_lists_every_example() -> None:
    text = _render_script().render(load_codebook("v1"), load_rules("v1"))
    for code in load_codebook("v1"):
        assert f"## `{code.id}` ({code.family})" in text
        for example in code.examples:
            assert f"“{example.text}”" in text
