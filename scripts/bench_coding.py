"""Speed of the coders on generated texting-style messages: msg/s, cold start, peak memory.

Usage: python scripts/bench_coding.py [--messages 20000] [--coder model] [--accurate selected|all]
Messages come from the templates below with a fixed seed; nothing is read from disk. With
--accurate the share of messages the transformer read is reported too.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OPENERS = ["hey", "ok", "so", "honestly", "babe", "wait", "lol", "hmm", ""]
BODIES = [
    "I feel so alone lately",
    "can we talk tonight?",
    "what time is dinner",
    "you never listen to me",
    "I'm sorry I snapped at you",
    "whatever, fine",
    "did you pay the electric bill",
    "that makes sense, I'd be upset too",
    "love you, thanks for today",
    "it's not a big deal, you're overreacting",
    "how are you feeling about the interview?",
    "just try going to bed earlier",
    "I picked up milk and eggs",
    "maybe I'm asking for too much",
]
CLOSERS = ["", "", "!", "?", " :)", "...", " lol"]


def messages(count: int, seed: int = 7) -> list[dict[str, object]]:
    rng = random.Random(seed)
    return [
        {
            "id": f"m{i}",
            "conversation": "c1",
            "speaker": "Sam" if rng.random() < 0.5 else "Alex",
            "time": None,
            "text": f"{rng.choice(OPENERS)} {rng.choice(BODIES)}{rng.choice(CLOSERS)}".strip(),
        }
        for i in range(count)
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--coder", default="model")
    parser.add_argument("--accurate", choices=["selected", "all"], default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "chat.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for record in messages(args.messages):
                handle.write(json.dumps(record) + "\n")
        small = Path(folder) / "one.jsonl"
        small.write_text(json.dumps(messages(1)[0]) + "\n", encoding="utf-8")
        command = [sys.executable, "-m", "holdspace", "code", "--coder", args.coder]
        options = ["--accurate", args.accurate] if args.accurate else []
        start = time.perf_counter()
        subprocess.run(
            [*command, str(small), "-o", str(Path(folder) / "o1.jsonl"), *options], check=True
        )
        cold = time.perf_counter() - start
        start = time.perf_counter()
        run = subprocess.run(
            [*command, str(source), "-o", str(Path(folder) / "o.jsonl"), *options],
            check=True,
            capture_output=True,
            text=True,
        )
        elapsed = time.perf_counter() - start
    sent = re.search(r"read ([\d,]+) of", run.stderr)
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "coder": args.coder,
                "accurate": args.accurate,
                "sent_to_transformer": int(sent.group(1).replace(",", "")) if sent else 0,
                "messages": args.messages,
                "whole_process_msg_per_s": round(args.messages / elapsed),
                "cold_start_s": round(cold, 2),
                "peak_rss_mib": round(peak_mib),
            }
        )
    )


if __name__ == "__main__":
    main()
