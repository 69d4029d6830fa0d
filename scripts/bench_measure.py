"""Measure-stage benchmark: recovery of planted truth on simulated couples, and speed.

    .venv/bin/python scripts/bench_measure.py recovery --seeds 50
    .venv/bin/python scripts/bench_measure.py speed --messages 300000
    .venv/bin/python scripts/bench_measure.py sweep --seeds 200

Sweep draws couples the way tests/measure/test_properties.py does (drawn answer rates, reply
times, who pursues; the same ranges) for each history length, and reports how often each
property holds: rates within tolerance, the planted cycle and roles recovered, no cycle in
symmetric couples. Rows are also split by the fewest bids one partner answered, which is
where the role rule runs out of evidence. These figures set the stated tolerances in
docs/metrics.md.

Recovery codes each simulated message with the codes the simulator planted (so the coder's
accuracy plays no part) and compares what ``measure`` finds with the planted truth: the answer
rates of each partner over all bids and shared feelings (mean absolute error against the
realised planted answers), the rates over explicit bids alone (against the realised answers and
the planted parameters), role accuracy, and the cycle strength per preset.
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

from holdspace.measure import measure
from holdspace.measure.bids import bid_table
from holdspace.measure.config import load_rules
from holdspace.measure.frame import build_frame
from holdspace.model import CodedMessage
from holdspace.settings import Settings
from holdspace.simulate import ResponseRates, SimulatedCouple, SimulationParams, simulate

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


SWEEP_WEEKS = (6, 8, 10, 12, 16)
SYMMETRIC = ("secure", "mutual-pursuit", "mutual-withdrawal")
RATE_TOLERANCE = 0.03
MIN_ANSWERS = 20
#: the withdrawer's planted share of pulling away (away and advice) from which the property test
#: expects the cycle and roles; below it the withdrawer argues back as often as they withdraw
MIN_WITHDRAWAL = 0.55
#: bins of the fewest bids one partner answered (``bids[NAME].n``), lower edges
BID_BINS = (0, 20, 30, 40, 60)


def drawn_rates(toward: float, away: float, against: float, advice: float) -> ResponseRates:
    """Answer shares from drawn weights, normalised as in the property tests."""
    total = toward + away + against + advice
    shares = [round(value / total, 4) for value in (toward, away, against)]
    return ResponseRates(
        toward=shares[0], away=shares[1], against=shares[2], problem_solving=1 - sum(shares)
    )


def asymmetric_couple(draw: random.Random, weeks: int, seed: int) -> SimulatedCouple:
    """A pursue-withdraw couple with drawn rates, as in the property tests; names[0] pursues."""
    names = ("Maya", "Jordan") if draw.random() < 0.5 else ("Jordan", "Maya")
    base = SimulationParams.preset("pursue-withdraw", names=names, weeks=weeks)
    pursuer, withdrawer = base.partners
    toward, away = draw.uniform(0.05, 0.4), draw.uniform(0.3, 0.85)
    against, advice = draw.uniform(0.05, 0.85), draw.uniform(0.05, 0.85)
    responses = drawn_rates(toward, away + advice, against, advice)
    withdrawer = replace(
        withdrawer,
        before=replace(
            withdrawer.before, responses=responses, latency_minutes=draw.uniform(2.0, 120.0)
        ),
    )
    pursuer = replace(
        pursuer, before=replace(pursuer.before, latency_minutes=draw.uniform(2.0, 20.0))
    )
    return simulate(base.with_options(partners=(pursuer, withdrawer)), seed=seed)


def symmetric_couple(draw: random.Random, weeks: int, seed: int) -> SimulatedCouple:
    """Twins of a symmetric preset with the same drawn rates and reply times."""
    base = SimulationParams.preset(draw.choice(SYMMETRIC), weeks=weeks)
    weights = [draw.uniform(0.05, 0.85) for _ in range(4)]
    behaviour = replace(
        base.partners[0].before,
        responses=drawn_rates(*weights),
        latency_minutes=draw.uniform(2.0, 120.0),
    )
    twins = tuple(replace(partner, before=behaviour) for partner in base.partners)
    return simulate(base.with_options(partners=twins), seed=seed)


def _coded(couple: SimulatedCouple) -> list[CodedMessage]:
    codes = couple.truth.codes
    return [
        CodedMessage(
            message=m, labels=tuple(codes.get(m.id, ())), scores={}, evidence={}, coder="planted"
        )
        for m in couple.conversation.messages
    ]


def _rates_hold(couple: SimulatedCouple, metrics: dict[str, object]) -> bool:
    realised = couple.truth.realised_rates()
    bids = metrics["bids"]
    assert isinstance(bids, dict)
    for name in couple.params.names:
        planted = realised[name]["before"]
        if planted["n"] < MIN_ANSWERS:
            continue
        tolerance = max(RATE_TOLERANCE, 2.0 / planted["n"])
        for cls in ("toward", "away", "against"):
            if abs(bids[name][cls] - planted[cls]) > tolerance + 1e-9:
                return False
    return True


def sweep_row(kind: str, weeks: int, seed: int) -> dict[str, object]:
    """One drawn couple measured: what the properties check, and the evidence behind it."""
    draw = random.Random(f"{kind}-{weeks}-{seed}")
    if kind == "asymmetric":
        couple = asymmetric_couple(draw, weeks, seed)
    else:
        couple = symmetric_couple(draw, weeks, seed)
    metrics = measure(_coded(couple)).to_json()
    names = couple.params.names
    cycle = metrics["cycle"]
    planted = couple.params.partners[1].before.responses
    return {
        "withdrawal": planted.away + planted.problem_solving,
        "kind": kind,
        "weeks": weeks,
        "seed": seed,
        "rates_hold": _rates_hold(couple, metrics),
        "fewest_bids": min(int(metrics["bids"][name]["n"]) for name in names),
        "strength": cycle["strength"],
        "interval": cycle["interval"],
        "present": cycle["present"],
        "pursuer_right": cycle["pursuer"] == names[0],
        "roles": [metrics["roles"][name]["role"] for name in names],
    }


def _count(
    rows: list[dict[str, object]], name: str, test: Callable[[dict[str, object]], bool]
) -> str:
    return f"{name} {sum(test(r) for r in rows)}/{len(rows)}"


def _found(row: dict[str, object]) -> bool:
    return bool(row["present"]) and bool(row["pursuer_right"])


def _roles(row: dict[str, object]) -> bool:
    return row["roles"] == ["seeking", "avoidant"]


def _summary(rows: list[dict[str, object]]) -> str:
    if rows[0]["kind"] == "symmetric":
        return _count(rows, "no cycle", lambda r: not r["present"])
    mostly = [r for r in rows if float(r["withdrawal"]) >= MIN_WITHDRAWAL]  # type: ignore[arg-type]
    parts = [
        _count(rows, "cycle", _found),
        _count(rows, "roles", _roles),
        _count(
            rows,
            "cycle with a wrong pursuer",
            lambda r: bool(r["present"]) and not r["pursuer_right"],
        ),
    ]
    if mostly:
        parts += [
            _count(mostly, f"withdrawal >= {MIN_WITHDRAWAL}: cycle", _found),
            _count(mostly, "roles", _roles),
        ]
    return ", ".join(parts)


def sweep(seeds: int) -> None:
    rows = [
        sweep_row(kind, weeks, seed)
        for kind in ("asymmetric", "symmetric")
        for weeks in SWEEP_WEEKS
        for seed in range(1, seeds + 1)
    ]
    print(f"seeds per setting: {seeds}; rules {load_rules().version}")
    print("by history length (drawn couples where the property holds):")
    for kind in ("asymmetric", "symmetric"):
        for weeks in SWEEP_WEEKS:
            group = [r for r in rows if r["kind"] == kind and r["weeks"] == weeks]
            bids = sorted(int(r["fewest_bids"]) for r in group)  # type: ignore[call-overload]
            print(
                f"  {kind:10s} {weeks:2d} weeks: "
                f"{_count(group, 'rates', lambda r: bool(r['rates_hold']))}, {_summary(group)}; "
                f"fewest bids one partner answered: median {statistics.median(bids):.0f}, "
                f"min {bids[0]}"
            )
    print("by the fewest bids one partner answered (all history lengths):")
    edges = (*BID_BINS, 10**9)
    for kind in ("asymmetric", "symmetric"):
        for low, high in itertools.pairwise(edges):
            group = [
                r
                for r in rows
                if r["kind"] == kind and low <= int(r["fewest_bids"]) < high  # type: ignore[call-overload]
            ]
            if group:
                span = f"{low}+" if high == 10**9 else f"{low}-{high - 1}"
                print(f"  {kind:10s} {span:>6s} bids: {_summary(group)}")


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
    swp = sub.add_parser("sweep")
    swp.add_argument("--seeds", type=int, default=200)
    args = parser.parse_args()
    if args.what == "recovery":
        recovery(args.seeds)
    elif args.what == "sweep":
        sweep(args.seeds)
    else:
        speed(args.messages, args.repeats)


if __name__ == "__main__":
    main()
