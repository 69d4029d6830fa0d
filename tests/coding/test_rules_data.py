from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from holdspace.coding.codebook import load_codebook
from holdspace.coding.codes import CODES
from holdspace.coding.rules_data import DATA_DIR, load_rules
from holdspace.coding.rules_text import normalise, tokens
from holdspace.errors import InputError, InvalidSetting


def test_v1_covers_every_code_but_the_context_rule() -> None:
    rules = load_rules("v1")
    covered = {rule.code for rule in rules.rules}
    assert covered == set(CODES) - {"subject_change"}
    assert rules.version == "v1"


def test_every_trigger_is_one_token_and_indexed() -> None:
    rules = load_rules("v1")
    for number, rule in enumerate(rules.rules):
        for trigger in rule.triggers:
            assert tokens(trigger) == {trigger}, (rule.id, trigger)
            assert number in rules.index[trigger]


def test_unknown_version() -> None:
    with pytest.raises(InvalidSetting) as caught:
        load_rules("v7")
    assert str(caught.value) == (
        f"no rule set 'v7' at {DATA_DIR / 'rules_v7.yaml'}; use one of: v1."
    )


def _write(tmp_path: Path, rule: dict[str, object]) -> Path:
    raw = yaml.safe_load((DATA_DIR / "rules_v1.yaml").read_text(encoding="utf-8"))
    raw["rules"] = [rule]
    path = tmp_path / "rules_test.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


GOOD = {"id": "x.one", "code": "bid", "weight": 0.8, "triggers": ["miss"], "pattern": "miss"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"code": "sulk"},
            "rules_test.yaml: rule #1 (x.one): code 'sulk' is not a codebook code; "
            f"use one of {CODES}.",
        ),
        (
            {"weight": 1.5},
            "rules_test.yaml: rule #1 (x.one): weight must be a number in (0, 1]; fix the file.",
        ),
        (
            {"triggers": ["miss you"]},
            "rules_test.yaml: rule #1 (x.one): trigger 'miss you' is not one lower-case "
            "token; split it into words.",
        ),
        (
            {"triggers": [True]},
            "rules_test.yaml: rule #1 (x.one): [True] are not text; put them in quotes "
            '("on", "no").',
        ),
        (
            {"triggers": []},
            "rules_test.yaml: rule #1 (x.one): a rule needs at least one trigger word for "
            "the prefilter.",
        ),
        (
            {"pattern": "miss (you"},
            "rules_test.yaml: rule #1 (x.one): the pattern does not compile (missing ), "
            "unterminated subpattern at position 5); fix it.",
        ),
        (
            {"pattern": "{nowhere}"},
            "rules_test.yaml: rule #1 (x.one): no lexicon 'nowhere'; define it under lexicons.",
        ),
        (
            {"negation": "ignore"},
            "rules_test.yaml: rule #1 (x.one): 'ignore' is not one of keep, block; fix the file.",
        ),
        (
            {"colour": "red"},
            "rules_test.yaml: rule #1: unknown keys ['colour']; allowed: but_cancels, code, "
            "context, evidence, hedge, id, negation, note, pattern, quotes, triggers, unless, weight.",
        ),
    ],
    ids=[
        "code",
        "weight",
        "phrase-trigger",
        "boolean-trigger",
        "no-trigger",
        "regex",
        "lexicon",
        "negation",
        "unknown-key",
    ],
)
def test_broken_rules_are_refused(tmp_path: Path, change: dict[str, object], message: str) -> None:
    path = _write(tmp_path, {**GOOD, **change})
    with pytest.raises(InputError) as caught:
        load_rules("test", path=path)
    assert str(caught.value) == message


def test_duplicate_rule_ids_are_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD)
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["rules"] = [GOOD, GOOD]
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_rules("test", path=path)
    assert str(caught.value) == (
        "rules_test.yaml: rule ids ['x.one'] are used twice; make them unique."
    )


def _corpus() -> list[str]:
    """Codebook examples and, where it is checked out, the labelled written set."""
    texts = []
    for code in load_codebook("v1"):
        for example in code.examples + code.hard_negatives:
            texts.append(example.text)
            if example.previous:
                texts.append(example.previous)
    written = Path(__file__).resolve().parents[2] / "training" / "written" / "v1"
    for path in sorted(written.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            texts.append(str(record.get("text", "")))
    return texts


def test_every_rule_match_has_a_trigger_word() -> None:
    # The prefilter is only sound if no pattern can match without one of its trigger words.
    # Rules for pings after one's own message run past the prefilter ("?" has no word).
    rules = load_rules("v1")
    missed = set()
    for text in _corpus():
        norm = normalise(text)
        words = tokens(norm.lower())
        for rule in rules.rules:
            if rule.context == "own_previous":
                continue
            if not words & rule.triggers and rule.pattern.search(norm):
                missed.add((rule.id, text))
    assert missed == set()
