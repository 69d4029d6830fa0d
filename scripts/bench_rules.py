"""Measure the rule coder: throughput on generated texting messages, cold start, and agreement
with the codebook's own examples.

    python scripts/bench_rules.py               # speed (20,000 messages, median of 3 runs)
    python scripts/bench_rules.py --codebook    # agreement per family with codebook v1

The messages are made here from the script's own templates with a fixed seed: mostly
logistics and small talk, with feelings, bids, conflict, typos, slang and emoji mixed in, two
speakers taking turns in conversations of 40 messages; almost half the texts join two\nthoughts.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta

from holdspace.coding.codebook import load_codebook
from holdspace.coding.codes import CODES, FAMILIES
from holdspace.coding.rules import RuleCoder
from holdspace.model import Message

SEED = 20250302
PEOPLE = ("Sam", "Alex")
FILL = {
    "time": ["6", "7", "7:30", "8", "9ish", "noon", "after work", "tmrw morning"],
    "thing": [
        "milk",
        "the dog",
        "the car",
        "rent",
        "the kids",
        "dinner",
        "the laundry",
        "your mom",
        "the dentist",
        "the plumber",
        "groceries",
        "the package",
    ],
    "place": ["the store", "work", "the gym", "mom's", "the station", "school", "target"],
    "feel": [
        "sad",
        "lonely",
        "stressed",
        "hurt",
        "anxious",
        "overwhelmed",
        "happy",
        "tired of this",
    ],
    "emoji": ["", "", "", " 😂", " 🙄", " ❤️", " 🥺", " 😭", " 👍", " lol", " haha", " !!"],
}
TEMPLATES = [
    # logistics and small talk (most of a real history)
    "can you grab {thing} on the way home{emoji}",
    "leaving {place} now, home by {time}",
    "did you call {thing}?",
    "ok see you at {time}{emoji}",
    "running late, traffic is insane{emoji}",
    "what do you want for dinner",
    "i'm at {place}, need anything?",
    "dont forget {thing} tmrw",
    "lol did you see that video i sent{emoji}",
    "yeah sounds good",
    "omw",
    "the wifi is down again ugh",
    "can u pick up {thing} after {place}? I'm stuck till {time}",
    "my boss wants the report by friday so i'll be late all week probably, sorry",
    "haha yes{emoji}",
    "is {thing} sorted or should i do it",
    "just got to {place}",
    "k",
    "thx{emoji}",
    "we're out of coffee again",
    "so apparently the landlord is coming on thursday to look at the heater, can you be home",
    "just saw the funniest thing at {place}, a guy with like six dogs on one leash{emoji}",
    "remind me to book the flights for the wedding before prices go up again",
    "the kids need to be picked up at {time} and I have a call until then, can you do it",
    # connection
    "I miss you{emoji}",
    "can we talk tonight? I'm feeling kind of {feel}",
    "I felt really {feel} after dinner with your parents",
    "love you, drive safe{emoji}",
    "thank you for doing {thing}, seriously",
    "how are you feeling about tomorrow?",
    "that makes sense, I'd be {feel} too",
    "sorry I snapped at you earlier, that wasn't fair",
    "can we start over? I don't want to fight",
    # disconnect and conflict
    "you're overreacting{emoji}",
    "it's not a big deal",
    "I don't want to talk about it",
    "whatever",
    "you never listen to me",
    "why are you ignoring me??",
    "that's not what I said, scroll up",
    "you should just tell your boss no",
    "it's not my fault {thing} got forgotten",
    "you made me late again",
    "maybe I'm asking for too much",
    "wow, what a genius{emoji}",
    "anyway did {thing} get done",
]
TYPOS = {"you": "u", "your": "ur", "are": "r", "tonight": "tonite", "because": "bc"}


def generate(count: int, *, seed: int = SEED) -> list[Message]:
    """``count`` messages in conversations of 40, two speakers taking turns."""
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, 8, 0)
    out = []
    for n in range(count):
        text = rng.choice(TEMPLATES)
        if rng.random() < 0.45:  # many texts carry two thoughts
            text = f"{text}. {rng.choice(TEMPLATES)}"
        for key, options in FILL.items():
            while "{" + key + "}" in text:
                text = text.replace("{" + key + "}", rng.choice(options), 1)
        if rng.random() < 0.15:
            text = " ".join(TYPOS.get(word, word) for word in text.split())
        if rng.random() < 0.3:
            text = text.lower()
        speaker = PEOPLE[0] if rng.random() < 0.5 else PEOPLE[1]
        when = start + timedelta(minutes=3 * n)
        out.append(Message(f"m{n}", f"c{n // 40}", speaker, when, text))
    return out


def throughput(coder: RuleCoder, messages: list[Message], *, runs: int = 3) -> float:
    """Median messages per second of ``coder.code`` over ``runs`` runs after a warm-up."""
    coder.code(messages[:500])
    rates = []
    for _ in range(runs):
        began = time.perf_counter()
        coder.code(messages)
        rates.append(len(messages) / (time.perf_counter() - began))
    return statistics.median(rates)


COLD = """
import time
began = time.perf_counter()
from holdspace.coding.rules import RuleCoder
from holdspace.model import Message
RuleCoder().code([Message("m1", "c1", "Sam", None, "I miss you, can we talk tonight?")])
print(time.perf_counter() - began)
"""


def cold_start(*, runs: int = 3) -> float:
    """Median seconds, in a fresh interpreter, to import, load the rules and code one message."""
    times = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", COLD], check=True, capture_output=True, text=True
        )
        times.append(float(done.stdout.strip()))
    return statistics.median(times)


def speed(count: int) -> None:
    load = os.getloadavg()[0]
    messages = generate(count)
    words = sorted(len(m.text.split()) for m in messages)
    coder = RuleCoder()
    rate = throughput(coder, messages)
    unfiltered = throughput(RuleCoder(prefilter=False), messages, runs=1)
    coded = coder.code(messages)
    labelled = sum(1 for c in coded if c.labels) / len(coded)
    rules = coder.rules_
    selected = statistics.mean(
        len({n for w in _tokens(m.text) for n in rules.index.get(w, ())}) for m in messages
    )
    print(f"machine load average (1 min) before the runs: {load:.1f}")
    print(f"messages: {count:,} (median {statistics.median(words):.0f} words), seed {SEED}")
    print(f"rules: {len(rules.rules)}; rules run per message after the prefilter: {selected:.1f}")
    print(f"RuleCoder.code, prefilter on:  {rate:,.0f} msg/s (median of 3, one core)")
    print(f"RuleCoder.code, prefilter off: {unfiltered:,.0f} msg/s (one run)")
    print(f"messages with at least one label: {labelled:.1%}")
    print(f"cold start (import + load rules + 1 message): {cold_start():.3f} s")


def _tokens(text: str) -> set[str]:
    from holdspace.coding.rules_text import normalise, tokens

    return tokens(normalise(text).lower())


def agreement() -> None:
    coder = RuleCoder()
    codebook = load_codebook("v1")
    print("| family | examples with their code | hard negatives without it |")
    print("|---|---:|---:|")
    for family, codes in FAMILIES.items():
        hits = total = kept = negatives = 0
        for code in codebook.family(family):
            for example in code.examples:
                scores, _ = coder.code_text(example.text, previous=example.previous)
                hits += scores[code.id] >= coder.threshold
                total += 1
            for example in code.hard_negatives:
                scores, _ = coder.code_text(example.text, previous=example.previous)
                kept += scores[code.id] < coder.threshold
                negatives += 1
        assert set(codes) == {c.id for c in codebook.family(family)}
        print(
            f"| {family} | {hits}/{total} ({hits / total:.1%}) | "
            f"{kept}/{negatives} ({kept / negatives:.1%}) |"
        )
    assert len(CODES) == len(codebook)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codebook", action="store_true", help="agreement with the codebook")
    parser.add_argument("--count", type=int, default=20_000, help="messages to generate")
    args = parser.parse_args(argv)
    if args.codebook:
        agreement()
    else:
        speed(args.count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
