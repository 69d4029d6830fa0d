"""Time the whole pipeline (ingest -> code -> measure -> assess -> plan -> report) on a long
synthetic history: ``python scripts/bench_pipeline.py [--messages 100000] [--coder NAME]``."""

from __future__ import annotations

import argparse
import tempfile
import time
from itertools import pairwise
from pathlib import Path

from holdspace.ingest import write_export
from holdspace.model import Conversation, Message
from holdspace.pipeline import analyze
from holdspace.report import render_html
from holdspace.simulate import SimulationParams, simulate


def build_history(messages: int, folder: Path) -> Path:
    """A WhatsApp export of about ``messages`` messages of a simulated pursue-withdraw couple."""
    params = SimulationParams.preset("pursue-withdraw").with_options(weeks=520)
    found: list[Message] = []
    seed = 0
    while len(found) < messages:
        found.extend(simulate(params, seed=seed).conversation.messages)
        seed += 1
    found = found[:messages]
    # Later runs restart the calendar; keep time moving forward by shifting each run's days.
    ordered = sorted(found, key=lambda m: (m.time is None, m.time))
    conversation = Conversation(id="bench", messages=ordered, format="simulated")
    return write_export(conversation, folder / "history.txt", format="whatsapp")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument(
        "--coder", default=None, help="rules, model or ensemble (default: settings)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        export = build_history(args.messages, Path(tmp))
        stages: dict[str, float] = {}
        start = time.perf_counter()

        def progress(stage: str, done: int, total: int) -> None:
            stages.setdefault(stage, time.perf_counter())

        result = analyze(export, coder=args.coder, progress=progress)
        html = render_html(result.joint)
        end = time.perf_counter()
        marks = [*sorted(stages.items(), key=lambda kv: kv[1]), ("report", end)]
        # A paused joint analysis holds nothing about the conversation; say so, not crash.
        coding = result.joint["coding"] or {}
        paused = " (joint analysis paused by the safety rules)" if coding == {} else ""
        count = coding.get("messages", args.messages)
        print(f"messages: {count}, coder: {coding.get('coder', args.coder or 'default')}{paused}")
        for (stage, began), (_, after) in pairwise(marks):
            print(f"  {stage:<8} {after - began:6.1f} s")
        print(f"end to end: {end - start:.1f} s ({len(html) // 1024} KiB report)")


if __name__ == "__main__":
    main()
