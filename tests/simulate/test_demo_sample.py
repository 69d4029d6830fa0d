"""The bundled demo couple is current, small, readable as WhatsApp, and matches its truth."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from holdspace.ingest import read_conversation
from holdspace.measure import measure
from holdspace.model import CodedMessage
from holdspace.simulate import Truth

ROOT = Path(__file__).resolve().parents[2]
FOLDER = Path(str(resources.files("holdspace").joinpath("data/sample/demo_couple")))


@pytest.fixture(scope="module")
def truth() -> Truth:
    text = (FOLDER / "chat.txt.truth.json").read_text(encoding="utf-8")
    return Truth.from_json(json.loads(text))


def test_the_demo_sample_is_small_enough_to_bundle() -> None:
    total = sum(path.stat().st_size for path in FOLDER.iterdir())
    assert total < 400 * 1024


def test_the_demo_export_reads_back_with_the_ids_of_its_truth(truth: Truth) -> None:
    conversation = read_conversation(FOLDER / "chat.txt", format="whatsapp")
    assert conversation.skipped == []
    assert conversation.participants == ["Jordan", "Maya"] or conversation.participants == [
        "Maya",
        "Jordan",
    ]
    assert 1500 <= len(conversation.messages) <= 3000
    assert [m.id for m in conversation.messages] == list(truth.codes)
    first, last = conversation.time_range() or (None, None)
    assert first is not None and last is not None
    assert (first.year, first.month, first.day) == (2024, 9, 2)
    assert (last - first).days in range(105, 113)


def test_the_demo_plants_a_cycle_that_eases_after_week_ten(truth: Truth) -> None:
    assert truth.roles == {"Maya": "seeking", "Jordan": "avoidant"}
    assert truth.change_point is not None
    assert truth.change_point.isoformat() == "2024-11-11T00:00:00-05:00"
    bids = Counter(
        bid.speaker for bid in truth.bids if bid.period == "before" and bid.kind == "bid"
    )
    assert bids["Maya"] > 2.5 * bids["Jordan"]
    realised = truth.realised_rates(kind="bid")["Jordan"]
    # a real but partial change: Jordan turns toward more often, not always
    assert realised["before"]["toward"] < 0.3 < 0.5 < realised["after"]["toward"] < 0.8


@pytest.fixture(scope="module")
def planted_metrics(truth: Truth) -> dict[str, Any]:
    """The demo measured with its planted codes (the coder plays no part)."""
    conversation = read_conversation(FOLDER / "chat.txt", format="whatsapp")
    coded = [
        CodedMessage(
            message=message,
            labels=tuple(truth.codes[message.id]),
            scores={},
            evidence={},
            coder="planted",
        )
        for message in conversation.messages
    ]
    return measure(coded).to_json()


def test_the_demo_shows_a_clear_cycle_on_its_planted_codes(planted_metrics: dict[str, Any]) -> None:
    cycle = planted_metrics["cycle"]
    assert (cycle["pursuer"], cycle["withdrawer"]) == ("Maya", "Jordan")
    assert cycle["strength"] == pytest.approx(0.342, abs=0.0005)
    assert cycle["interval"][0] > cycle["threshold"]
    roles = planted_metrics["roles"]
    assert (roles["Maya"]["role"], roles["Maya"]["confidence"]) == ("seeking", 1.0)
    assert (roles["Jordan"]["role"], roles["Jordan"]["confidence"]) == ("avoidant", 1.0)


def test_the_demo_shows_the_easing_over_time(planted_metrics: dict[str, Any]) -> None:
    periods = planted_metrics["roles_by_period"]
    assert periods["split"] == "change point"
    assert periods["at"][:10] == "2024-11-11"
    before, after = (period["roles"]["Jordan"]["role"] for period in periods["periods"])
    assert (before, after) == ("avoidant", "neither")
    jordan_toward = next(
        change
        for change in planted_metrics["trends"]["changes"]
        if change["metric"] == "toward" and change["meaning"].startswith("Jordan")
    )
    assert jordan_toward["more_than_noise"] is True
    monthly = [row["toward_by"]["Jordan"] for row in planted_metrics["trends"]["monthly"]]
    assert [round(value, 2) for value in monthly] == [0.18, 0.26, 0.56, 0.79]


@pytest.mark.slow
def test_the_committed_demo_sample_is_what_the_script_makes() -> None:
    script = ROOT / "scripts" / "make_demo_sample.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
