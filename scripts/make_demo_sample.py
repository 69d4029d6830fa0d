"""Regenerate the bundled demo couple: holdspace/data/sample/demo_couple/.

Maya (pursuing) and Jordan (withdrawing) over 16 weeks from 2 September 2024, with a visible
pursue-withdraw cycle that eases after week 10 (preset ``improving``). The export is a WhatsApp
Android text file; the truth file beside it is the answer key. Run from the repository root:

    .venv/bin/python scripts/make_demo_sample.py [--check]

``--check`` regenerates into memory and fails if the committed files differ.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from holdspace.simulate import SimulationParams, simulate, write_couple

SEED = 28
FOLDER = Path(__file__).resolve().parent.parent / "holdspace" / "data" / "sample" / "demo_couple"
EXPORT = "chat.txt"


def build(folder: Path) -> tuple[Path, Path]:
    """Write the demo export and its truth file into ``folder``."""
    params = SimulationParams.preset("improving", weeks=16, change_week=10).with_options(
        conversation_id="demo-couple"
    )
    couple = simulate(params, seed=SEED)
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
