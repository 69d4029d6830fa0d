"""The measure stage: coded messages in, :class:`Metrics` out (schema ``holdspace.metrics.v1``).

``measure(coded)`` lays the two partners' messages out as arrays once (frame.py) and hands them
to one module per metric family: episodes, bids, timing, cycle, roles (overall and per period),
conflict, capacities, dynamics and trends. Intervals come from stats.py; thresholds from data/measure_v3.yaml.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np

from holdspace.errors import NotACouple
from holdspace.measure.bids import bid_table, bids_json, classify_answers
from holdspace.measure.capacities import capacities_json
from holdspace.measure.config import load_capacities, load_rules, load_valence
from holdspace.measure.conflict import conflict_json
from holdspace.measure.cycle import cycle_json, cycle_table
from holdspace.measure.dynamics import dynamics_json
from holdspace.measure.episodes import episode_marks, episodes_json
from holdspace.measure.frame import Frame, build_frame
from holdspace.measure.result import SCHEMA, Metrics, referenced_ids
from holdspace.measure.role_periods import roles_by_period_json
from holdspace.measure.roles import roles_json
from holdspace.measure.stats import bootstrap_weights
from holdspace.measure.timing import burst_turns, reply_latency, timing_json
from holdspace.measure.trends import trends_json
from holdspace.model import CodedMessage, Conversation
from holdspace.settings import Settings

__all__ = ["SCHEMA", "Metrics", "measure"]


def measure(
    coded: Sequence[CodedMessage],
    *,
    partners: Sequence[str] | None = None,
    settings: Settings | None = None,
) -> Metrics:
    """Measure a couple's coded conversation.

    ``partners`` names the two people. It is needed when the conversation has more or fewer
    than two speakers; a partner named there who wrote nothing is measured as silent, with a
    note. Raises :class:`~holdspace.errors.NotACouple` when the two people cannot be told.
    """
    settings = settings or Settings()
    couple = choose_couple(coded, partners)
    rules = load_rules()
    frame = build_frame(coded, couple, gap_minutes=settings.episode_gap_minutes, rules=rules)
    window = settings.reply_window_hours
    boot = bootstrap_weights(
        frame.n_episodes,
        resamples=rules.count("bootstrap", "resamples"),
        seed=rules.count("bootstrap", "seed"),
    )
    marks = episode_marks(frame)
    bids = bid_table(frame, reply_window_hours=window)
    bursts = burst_turns(frame)
    latency = reply_latency(frame, reply_window_hours=window)
    cycle = cycle_table(frame, bursts, reply_window_hours=window)
    all_turns = np.arange(len(frame.turns), dtype=np.int64)
    answered, _, _ = classify_answers(frame, all_turns, reply_window_hours=window)
    sections: dict[str, Any] = {
        "episodes": episodes_json(frame, marks),
        "bids": bids_json(frame, bids),
        "timing": timing_json(frame, marks, bids, latency, bursts),
        "cycle": cycle_json(frame, cycle, boot),
        "roles": roles_json(frame, bids, cycle, boot),
        "roles_by_period": roles_by_period_json(frame, bids, cycle),
        "conflict": conflict_json(frame, marks, boot, reply_window_hours=window),
        "capacities": capacities_json(frame, marks, answered),
        "dynamics": dynamics_json(frame, marks, boot),
        "trends": trends_json(frame, marks, bids, cycle, latency),
    }
    wanted = {ident for section in sections.values() for ident in referenced_ids(section)}
    return Metrics(
        partners=couple,
        period=_period(frame),
        evidence=_evidence(frame, wanted),
        notes=_notes(frame, sections, _speakers(coded)),
        versions={
            "rules": rules.version,
            "capacities": load_capacities()[0],
            "valence": load_valence()[0],
            "coders": ", ".join(sorted({item.coder for item in frame.coded if item.coder})),
        },
        **sections,
    )


def choose_couple(coded: Sequence[CodedMessage], partners: Sequence[str] | None) -> tuple[str, str]:
    """The two partners to measure: ``partners`` when given, else the only two speakers."""
    people = _speakers(coded)
    if not partners:
        if len(people) == 1:
            raise NotACouple(
                f"only {people[0]} wrote in these messages, and this stage analyses a couple; "
                f"to measure {people[0]} with a partner who wrote nothing, name both: "
                f'pass --partners {people[0]},PARTNER (partners=("{people[0]}", "PARTNER") '
                "in Python)."
            )
        return Conversation(id="", messages=[item.message for item in coded]).couple(None)
    chosen = [str(name) for name in partners]
    if len(chosen) != 2 or len(set(chosen)) != 2 or not all(name.strip() for name in chosen):
        raise NotACouple(
            f"choose exactly two different people (got {', '.join(chosen) or 'none'}): "
            "pass --partners NAME1,NAME2."
        )
    if not set(chosen) & set(people):
        raise NotACouple(
            f"neither {chosen[0]} nor {chosen[1]} wrote in these messages; the people who wrote "
            f"are: {', '.join(people) or 'none'}. Pass --partners with their names."
        )
    return chosen[0], chosen[1]


def _speakers(coded: Sequence[CodedMessage]) -> list[str]:
    return Conversation(id="", messages=[item.message for item in coded]).participants


def _period(frame: Frame) -> dict[str, Any]:
    period: dict[str, Any] = {
        "messages": len(frame),
        "timed": frame.timed,
        "start": None,
        "end": None,
        "days": None,
    }
    if frame.timed and len(frame):
        start, end = float(frame.time[0]), float(frame.time[-1])
        period["start"] = datetime.fromtimestamp(start, UTC).isoformat()
        period["end"] = datetime.fromtimestamp(end, UTC).isoformat()
        period["days"] = round((end - start) / 86400.0, 2)
    return period


def _evidence(frame: Frame, wanted: set[str]) -> dict[str, dict[str, Any]]:
    evidence: dict[str, dict[str, Any]] = {}
    for item in frame.coded:
        message = item.message
        if message.id in wanted:
            evidence[message.id] = {
                "speaker": message.speaker,
                "time": message.time.isoformat() if message.time else None,
                "text": message.text,
                "labels": list(item.labels),
            }
    return evidence


def _notes(frame: Frame, sections: dict[str, Any], people: list[str]) -> list[str]:
    notes = [f"left out {count} {what} message(s)" for what, count in frame.dropped.items()]
    for who, name in enumerate(frame.partners):
        if not (frame.speaker == who).any():
            notes.append(
                f"{name} wrote nothing in these messages (people who wrote: "
                f"{', '.join(people) or 'none'}), so every figure about how {name} answered, "
                "replied or reached out is empty or zero"
            )
    if not frame.timed:
        notes.append(
            "the messages have no times: reply times, unanswered bids by the clock, bursts by "
            "pauses and trends over weeks cannot be measured; exchanges are blocks of "
            f"{frame.rules.count('episodes', 'transcript_block_messages')} messages"
        )
    bids_total = sum(int(sections["bids"][name]["n"]) for name in frame.partners)
    if bids_total == 0:
        notes.append(
            "no bids or feelings were found (only logistics or small talk), so bid, cycle and "
            "role figures have nothing to count"
        )
    if sections["conflict"]["episodes"] == 0:
        notes.append("no conflict episodes: the positive-to-negative ratio and dynamics are empty")
    if (
        frame.timed
        and frame.n_episodes
        and len(frame)
        and frame.time[-1] - frame.time[0] < 7 * 86400
    ):
        notes.append("the history covers less than a week: trends over time are not meaningful")
    return notes
