"""Measure WhatsApp import speed and peak memory on a generated 300,000-message export.

Usage: .venv/bin/python scripts/bench_import.py [--messages N]
The export is written to a temporary folder and removed afterwards.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from holdspace.ingest import stream_messages
from holdspace.ingest.writers import render_whatsapp
from holdspace.model import Message

LINES = ("can we talk tonight?", "busy now", "I miss you", "fine.", "ok\nsee you later")


def generate(path: Path, count: int) -> None:
    start = datetime(2020, 1, 1, 8, 0)
    with path.open("w", encoding="utf-8") as stream:
        batch = []
        for number in range(count):
            speaker = "Sam" if number % 3 else "Jo"
            when = start + timedelta(minutes=7 * number)
            batch.append(Message(f"m{number}", "b", speaker, when, LINES[number % len(LINES)]))
            if len(batch) == 10_000:
                stream.write(render_whatsapp(batch))
                batch = []
        stream.write(render_whatsapp(batch))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=300_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "chat.txt"
        generate(path, args.messages)
        size = path.stat().st_size
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        began = time.perf_counter()
        count = sum(1 for _ in stream_messages(path))
        elapsed = time.perf_counter() - began
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"messages: {count:,} ({size / 1e6:.1f} MB)")
    print(f"time: {elapsed:.2f} s ({count / elapsed:,.0f} messages/s)")
    print(f"peak resident memory: {peak / 1024:.0f} MiB (before import: {before / 1024:.0f} MiB)")


if __name__ == "__main__":
    main()
