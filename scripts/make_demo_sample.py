"""Regenerate the bundled demo couple: holdspace/data/sample/demo_couple/.

Maya (pursuing) and Jordan (withdrawing) over 16 weeks from 2 September 2024: a plain
pursue-withdraw cycle for ten weeks, then a real but partial easing (preset ``improving`` with
the numbers below). The export is a WhatsApp Android text file; the truth file beside it is
the answer key. Run from the repository root:

    .venv/bin/python scripts/make_demo_sample.py [--check]

``--check`` regenerates into memory and fails if the committed files differ.

The demo is the product's showcase, so its cycle is a clear case: before the change Jordan
turns toward 20% of Maya's bids (the ``improving`` preset: 30%) and Maya pursues after 90% of
the bids met with distance (80%); after it Jordan turns toward 55% in about 30 minutes (the
preset: 70% in 20) and Maya still pursues after 55% (30%), with 0.9 conflicts a week (0.6).
Over seeds 1 to 12 these numbers give a cycle strength of 0.23 to 0.39 on the planted codes
(mean 0.32); seed 7 is one where the detected change point falls on the planted week.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from holdspace.simulate import SimulationParams, simulate, write_couple
from holdspace.simulate.params import ResponseRates

SEED = 7
FOLDER = Path(__file__).resolve().parent.parent / "holdspace" / "data" / "sample" / "demo_couple"
EXPORT = "chat.txt"


def demo_params() -> SimulationParams:
    """The demo couple: ``improving`` with a plainer cycle before week 10 and a partial change."""
    base = SimulationParams.preset("improving", weeks=16, change_week=10)
    maya, jordan = base.partners
    assert maya.after is not None and jordan.after is not None
    maya = replace(
        maya,
        before=replace(maya.before, pursuit=0.9),
        after=replace(maya.after, pursuit=0.55, bids_per_day=1.0),
    )
    jordan = replace(
        jordan,
        before=replace(
            jordan.before,
            responses=ResponseRates(toward=0.2, away=0.45, against=0.15, problem_solving=0.2),
        ),
        after=replace(
            jordan.after,
            responses=ResponseRates(toward=0.55, away=0.25, against=0.05, problem_solving=0.15),
            latency_minutes=30.0,
            bids_per_day=0.45,
        ),
    )
    return base.with_options(
        partners=(maya, jordan), conversation_id="demo-couple", conflicts_per_week_after=0.9
    )


def build(folder: Path) -> tuple[Path, Path]:
    """Write the demo export and its truth file into ``folder``."""
    couple = simulate(demo_params(), seed=SEED)
    folder.mkdir(parents=True, exist_ok=True)
    return write_couple(couple, folder / EXPORT, format="whatsapp")


def main(argv: list[str]) -> int:
    if "--check" not in argv:
        export, truth = build(FOLDER)
        size = (export.stat().st_size + truth.stat().st_size) // 1024
        print(f"wrote {export} and {truth} ({size} KB)")
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        export, truth = build(Path(scratch))
        for fresh in (export, truth):
            committed = FOLDER / fresh.name
            if committed.read_bytes() != fresh.read_bytes():
                print(f"{committed} is out of date; run scripts/make_demo_sample.py")
                return 1
    print("demo sample is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
