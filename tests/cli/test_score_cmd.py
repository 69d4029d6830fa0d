"""``holdspace score``: JSON out, exact errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from holdspace.cli import main


def run(capsys: Any, *args: str) -> tuple[int, str, str]:
    code = 0
    try:
        main(list(args))
    except SystemExit as exit_info:
        code = int(exit_info.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, " ".join(captured.err.split())


def write(tmp_path: Path, content: str, name: str = "answers.json") -> str:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("instrument", "answers", "expected"),
    [
        (
            "phq9",
            "[3, 3, 2, 2, 0, 0, 0, 0, 0]",
            {"instrument": "phq9", "version": 1, "total": 10, "subscales": {}, "band": "moderate"},
        ),
        (
            "hark",
            '{"hark_h": 0, "hark_a": 1, "hark_r": 0, "hark_k": 0}',
            {
                "instrument": "hark",
                "version": 1,
                "total": 1,
                "subscales": {},
                "band": "positive",
                "positive": True,
            },
        ),
        (
            "asq",
            "[0, 0, 0, 0]",
            {
                "instrument": "asq",
                "version": 1,
                "total": 0,
                "subscales": {},
                "band": "negative",
                "positive": False,
                "acuity": None,
            },
        ),
        (
            "ecr-s",
            "[4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4]",
            {
                "instrument": "ecr-s",
                "version": 1,
                "total": None,
                "subscales": {"anxiety": 4, "avoidance": 4},
                "band": None,
            },
        ),
    ],
    ids=["phq9-list", "hark-object", "asq-negative", "ecr-s"],
)
def test_score_prints_json(
    tmp_path: Path, capsys: Any, instrument: str, answers: str, expected: Any
) -> None:
    code, out, _ = run(capsys, "score", instrument, write(tmp_path, answers))
    assert code == 0
    assert json.loads(out) == expected


def test_list_answers_follow_the_items_file_order(tmp_path: Path, capsys: Any) -> None:
    items = write(
        tmp_path,
        '{"instrument": "cpq", "items": [{"id": "cpq_partner_demand_discuss", "text": "a"},'
        '{"id": "cpq_partner_demand_nag", "text": "b"},{"id": "cpq_partner_demand_criticize", "text": "c"},'
        '{"id": "cpq_self_demand_discuss", "text": "d"},{"id": "cpq_self_demand_nag", "text": "e"},'
        '{"id": "cpq_self_demand_criticize", "text": "f"}]}',
        "items.json",
    )
    code, out, _ = run(
        capsys, "score", "cpq", write(tmp_path, "[9, 9, 9, 1, 1, 1]"), "--items", items
    )
    assert code == 0
    assert json.loads(out)["subscales"] == {
        "self_demand_partner_withdraw": 3,
        "partner_demand_self_withdraw": 27,
    }


@pytest.mark.parametrize(
    ("instrument", "content", "message"),
    [
        (
            "gad7",
            "[0, 0, 0, 0, 0, 0, 9]",
            "error: {path}: gad7 item gad7_7: 9 is not an allowed answer; use a whole number "
            "from 0 to 3.",
        ),
        (
            "gad7",
            "{not json",
            "error: {path}: not valid JSON (line 1, column 2); give an object "
            "keyed by item id or a list of answers.",
        ),
        (
            "gad-7",
            "[]",
            "error: no instrument is registered as 'gad-7'; choose one of: asq, cpq, "
            "csi16, csi4, ders16, ecr-s, gad7, hark, hs-checkin, phq9.",
        ),
    ],
    ids=["out-of-range", "bad-json", "unknown-instrument"],
)
def test_score_errors(
    tmp_path: Path, capsys: Any, instrument: str, content: str, message: str
) -> None:
    path = write(tmp_path, content)
    code, out, err = run(capsys, "score", instrument, path)
    assert (code, out) == (2, "")
    assert err == message.replace("{path}", path)
