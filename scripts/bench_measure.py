"""Measure-stage benchmark: recovery of planted truth on simulated couples, and speed.

    .venv/bin/python scripts/bench_measure.py recovery --seeds 50
    .venv/bin/python scripts/bench_measure.py speed --messages 300000

Recovery codes each simulated message with the codes the simulator planted (so the coder's
accuracy plays no part) and compares what ``measure`` finds with the planted truth: the answer
rates of each partner over all bids and shared feelings (mean absolute error against the
realised planted answers), the rates over explicit bids alone (against the realised answers and
the planted parameters), role accuracy, and the cycle strength per preset.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from dataclasses import replace
from datetime import timedelta

from holdspace.measure import measure
from holdspace.measure.bids import bid_table
from holdspace.measure.config import load_rules
from holdspace.measure.frame import build_frame
from holdspace.model import CodedMessage
from holdspace.settings import Settings
from holdspace.simulate import SimulationParams, simulate

CLASSES = ("toward", "away", "against", "problem_solving")
PRESETS = ("pursue-withdraw", "secure", "mutual-pursuit", "mutual-withdrawal")


def planted_coded(preset: str, seed: int, *, weeks: int = 16) -> tuple[list[CodedMessage], object]:
    """A simulated couple's messages labelled with the planted codes, and its truth."""
    couple = simulate(SimulationParams.preset(preset, weeks=weeks), seed=seed)
    codes = couple.truth.codes
    coded = [
        CodedMessage(
            message=message,
            labels=tuple(codes.get(message.id, ())),
            scores={},
            evidence={},
            coder="planted",
        )
        for message in couple.conversation.messages
    ]
    return coded, couple.truth


def recovery(seeds: int) -> None:
    errors_realised: dict[str, list[float]] = defaultdict(list)
    errors_planted: dict[str, list[float]] = defaultdict(list)
    roles_right = roles_total = 0
    strengths: dict[str, list[float]] = defaultdict(list)
    pursuer_right: dict[str, int] = defaultdict(int)
    by_preset: dict[tuple[str, str], list[float]] = defaultdict(list)
    errors_bids: dict[str, list[float]] = defaultdict(list)
    agree: dict[str, int] = defaultdict(int)
    planted_bids: dict[str, int] = defaultdict(int)
    for preset in PRESETS:
        for seed in range(1, seeds + 1):
            coded, truth = planted_coded(preset, seed)
            metrics = measure(coded).to_json()
            for kind, (hits, total) in _bid_agreement(coded, truth, metrics["partners"]).items():
                agree[kind] += hits
                planted_bids[kind] += total
            realised = truth.realised_rates()  # type: ignore[attr-defined]
            realised_bids = truth.realised_rates(kind="bid")  # type: ignore[attr-defined]
            strengths[preset].append(metrics["cycle"]["strength"])
            if preset == "pursue-withdraw":
                seeking = [n for n, r in truth.roles.items() if r == "seeking"]  # type: ignore[attr-defined]
                pursuer_right[preset] += [metrics["cycle"]["pursuer"]] == seeking
            else:
                pursuer_right[preset] += metrics["cycle"]["pursuer"] is None
            for name in metrics["partners"]:
                got = metrics["bids"][name]
                planted = truth.rates[name]["before"]  # type: ignore[attr-defined]
                only_bids = got["by_kind"]["bid"]
                for cls in CLASSES:
                    if got[cls] is not None:
                        error = abs(got[cls] - realised[name]["before"][cls])
                        errors_realised[cls].append(error)
                        by_preset[(preset, cls)].append(error)
                    if only_bids[cls] is not None:
                        errors_bids[cls].append(
                            abs(only_bids[cls] - realised_bids[name]["before"][cls])
                        )
                        errors_planted[cls].append(abs(only_bids[cls] - planted[cls]))
                roles_total += 1
                roles_right += metrics["roles"][name]["role"] == truth.roles[name]  # type: ignore[attr-defined]
    print(f"seeds per preset: {seeds}; presets: {', '.join(PRESETS)}")
    for cls in CLASSES:
        print(
            f"{cls:16s} MAE, bids and feelings vs realised planted answers "
            f"{statistics.mean(errors_realised[cls]):.3f}; explicit bids alone vs realised "
            f"{statistics.mean(errors_bids[cls]):.3f}, vs planted rate "
            f"{statistics.mean(errors_planted[cls]):.3f}"
        )
    for preset in PRESETS:
        print(
            f"  {preset:18s} toward MAE {statistics.mean(by_preset[(preset, 'toward')]):.3f}"
            f"  away MAE {statistics.mean(by_preset[(preset, 'away')]):.3f}"
        )
    for kind in sorted(planted_bids):
        print(
            f"planted {kind}s whose answer class was recovered: {agree[kind]}/"
            f"{planted_bids[kind]} = {agree[kind] / planted_bids[kind]:.4f}"
        )
    print(f"role accuracy {roles_right}/{roles_total} = {roles_right / roles_total:.3f}")
    for preset in PRESETS:
        values = strengths[preset]
        print(
            f"cycle strength {preset:18s} mean {statistics.mean(values):.3f} "
            f"min {min(values):.3f} max {max(values):.3f}  "
            f"pursuer right/none as planted {pursuer_right[preset]}/{seeds}"
        )


def _bid_agreement(
    coded: list[CodedMessage], truth: object, partners: list[str]
) -> dict[str, tuple[int, int]]:
    """Per kind, how many planted bids and feelings ``measure`` classified as planted."""
    frame = build_frame(
        coded,
        (partners[0], partners[1]),
        gap_minutes=Settings().episode_gap_minutes,
        rules=load_rules(),
    )
    table = bid_table(frame, reply_window_hours=Settings().reply_window_hours)
    row_of = {item.message.id: row for row, item in enumerate(frame.coded)}
    turn_to_bid = {int(turn): index for index, turn in enumerate(table.turn)}
    counts: dict[str, tuple[int, int]] = {}
    for bid in truth.bids:  # type: ignore[attr-defined]
        index = turn_to_bid.get(int(frame.turn[row_of[bid.id]])) if bid.id in row_of else None
        hit = index is not None and CLASSES[table.category[index]] == bid.response
        hits, total = counts.get(bid.kind, (0, 0))
        counts[bid.kind] = (hits + hit, total + 1)
    return counts


def speed(messages: int, repeats: int) -> None:
    coded, _ = planted_coded("pursue-withdraw", 1, weeks=104)
    span = coded[-1].message.time - coded[0].message.time + timedelta(days=1)  # type: ignore[operator]
    history: list[CodedMessage] = []
    copy = 0
    while len(history) < messages:
        shift = span * copy
        for item in coded:
            message = replace(
                item.message,
                id=f"{item.message.id}-{copy}",
                time=item.message.time + shift if item.message.time else None,
            )
            history.append(replace(item, message=message))
            if len(history) == messages:
                break
        copy += 1
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        measure(history)
        timings.append(time.perf_counter() - start)
    print(
        f"measure() on {len(history)} coded messages: best {min(timings):.2f} s, "
        f"median {statistics.median(timings):.2f} s over {repeats} runs"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    rec = sub.add_parser("recovery")
    rec.add_argument("--seeds", type=int, default=50)
    spd = sub.add_parser("speed")
    spd.add_argument("--messages", type=int, default=300_000)
    spd.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if args.what == "recovery":
        recovery(args.seeds)
    else:
        speed(args.messages, args.repeats)


if __name__ == "__main__":
    main()
