"""The hand-written labelled set: every record valid, no duplicates, floors met per code and split."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from holdspace.coding.codes import CODES

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "training" / "written" / "v1"


def _load_checker() -> ModuleType:
    path = ROOT / "scripts" / "check_written_set.py"
    spec = importlib.util.spec_from_file_location("check_written_set", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_written_set"] = module
    spec.loader.exec_module(module)
    return module


checker = _load_checker()


@pytest.fixture(scope="module")
def report() -> Any:
    return checker.check(FOLDER)


def test_the_set_has_no_problems(report: Any) -> None:
    assert report.problems == []


@pytest.mark.parametrize("code", CODES)
def test_floor_of_positives_per_code(report: Any, code: str) -> None:
    counts = report.positives[code]
    assert sum(counts.values()) >= 150
    assert counts["test"] >= 20


def test_floor_of_neutral_records(report: Any) -> None:
    assert sum(report.neutral.values()) >= 400


def test_ids_are_named_after_their_file(report: Any) -> None:
    for path in FOLDER.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert json.loads(line)["id"].startswith(f"wr-{path.stem}-")


def test_every_split_is_used_in_roughly_70_15_15(report: Any) -> None:
    records = report.records
    share = {s: sum(r["split"] == s for r in records) / len(records) for s in checker.SPLITS}
    assert 0.65 <= share["train"] <= 0.75
    assert 0.12 <= share["dev"] <= 0.18
    assert 0.12 <= share["test"] <= 0.18


def _write(folder: Path, records: list[dict[str, object]]) -> Path:
    folder.mkdir()
    (folder / "x.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8"
    )
    return folder


def _record(rid: str, text: str, **extra: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": rid,
        "text": text,
        "previous": [],
        "labels": [],
        "split": "train",
        "register": "short",
    }
    base.update(extra)
    return base


def test_normalised_duplicates_are_reported(tmp_path: Path) -> None:
    folder = _write(tmp_path / "s", [_record("wr-x-0001", "Fine."), _record("wr-x-0002", "fine")])
    problems = checker.check(folder, floors=False).problems
    assert problems == ["x.jsonl:2: duplicate of x.jsonl:1 (same normalised text and previous)"]


def test_same_text_after_a_different_previous_message_is_allowed(tmp_path: Path) -> None:
    folder = _write(
        tmp_path / "s",
        [
            _record("wr-x-0001", "fine.", previous=["Is pasta ok?"]),
            _record("wr-x-0002", "fine.", previous=["I feel alone."], labels=["withdrawal"]),
        ],
    )
    assert checker.check(folder, floors=False).problems == []


def test_same_text_in_two_splits_is_reported(tmp_path: Path) -> None:
    folder = _write(
        tmp_path / "s",
        [
            _record("wr-x-0001", "ok", previous=["a"]),
            _record("wr-x-0002", "ok", previous=["b"], split="test"),
        ],
    )
    assert checker.check(folder, floors=False).problems == [
        "x.jsonl:2: same text as x.jsonl:1 but in split test, not train"
    ]


def test_unknown_code_split_and_fields_are_reported(tmp_path: Path) -> None:
    folder = _write(
        tmp_path / "s",
        [
            _record("wr-x-0001", "hi", labels=["sulking"]),
            _record("wr-x-0002", "yo", split="holdout"),
            _record("wr-x-0003", "hey", mood="good"),
        ],
    )
    assert checker.check(folder, floors=False).problems == [
        "x.jsonl:1: unknown codes ['sulking']",
        "x.jsonl:2: split must be one of ('train', 'dev', 'test'), got 'holdout'",
        "x.jsonl:3: unknown fields ['mood']",
    ]


def test_repeated_id_is_reported(tmp_path: Path) -> None:
    folder = _write(tmp_path / "s", [_record("wr-x-0001", "hi"), _record("wr-x-0001", "bye")])
    assert checker.check(folder, floors=False).problems == [
        "x.jsonl:2: id wr-x-0001 already used at x.jsonl:1"
    ]


def test_floors_are_reported_for_a_tiny_set(tmp_path: Path) -> None:
    folder = _write(tmp_path / "s", [_record("wr-x-0001", "hi")])
    problems = checker.check(folder).problems
    assert "feeling: 0 positives, at least 150 needed" in problems
    assert "neutral: 1 records, at least 400 needed" in problems


def test_normalise_keeps_emoji_and_drops_punctuation() -> None:
    assert checker.normalise("  OK… Whatever!! ") == "ok whatever"
    assert checker.normalise("❤️") != checker.normalise("❤️❤️")
