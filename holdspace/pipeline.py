"""The pipeline: ingest -> code -> measure -> plan, with check-ins and safety feeding the plan.

This is the only module that walks the stages in order. The CLI and the web app call
:func:`analyze`; :func:`build_analysis` is the pure last step that assembles one audience's
analysis dictionary (schema ``holdspace.analysis.v1``) from plain JSON parts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from holdspace.coding.codes import RISK_CODES
from holdspace.errors import InputError
from holdspace.plan import make_plan
from holdspace.settings import Settings
from holdspace.stages import PIPELINE, check_order

if TYPE_CHECKING:
    from holdspace.assess.scoring import ScoreResult
    from holdspace.model import CodedMessage, Conversation

__all__ = [
    "ANALYSIS_SCHEMA",
    "STAGES",
    "Analysis",
    "CheckIn",
    "Progress",
    "analyze",
    "build_analysis",
]

ANALYSIS_SCHEMA = "holdspace.analysis.v1"
#: The stages :func:`analyze` reports progress for, in order (declared in :mod:`holdspace.stages`).
STAGES = tuple(stage.name for stage in PIPELINE)
#: The stages that need a chat export; without one only assess and plan run.
_CHAT_STAGES = frozenset({"ingest", "code", "measure"})
#: ``progress(stage, done, total)``; called as each stage advances.
Progress = Callable[[str, int, int], None]
_CHUNK = 4096
#: Questionnaires that carry safety questions: never in a joint view, even when shared (S1).
_NEVER_SHARED = frozenset({"hark", "asq", "phq9"})


@dataclass(frozen=True, slots=True)
class CheckIn:
    """One scored questionnaire of one partner, and when it was completed."""

    partner: str
    result: ScoreResult
    time: str | None = None


@dataclass(frozen=True, slots=True)
class Analysis:
    """The joint analysis and any private ones asked for, as JSON-ready dictionaries."""

    joint: dict[str, Any]
    private: dict[str, dict[str, Any]] = field(default_factory=dict)


def _noop(stage: str, done: int, total: int) -> None:
    return None


def analyze(
    export: Path | None,
    *,
    checkins: Sequence[CheckIn] = (),
    partners: Sequence[str] | None = None,
    share: Iterable[str] = (),
    private_for: Sequence[str] = (),
    me: str | None = None,
    coder: str | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> Analysis:
    """Analyse a chat export (or none) with the partners' check-ins.

    ``share`` names partners who chose to show their (non-safety) check-in results in the
    joint report; ``private_for`` names partners whose private analyses to build.
    """
    check_order([s for s in PIPELINE if export is not None or s.name not in _CHAT_STAGES])
    settings = settings or Settings.from_env()
    report = progress or _noop
    components: dict[str, str] = {}
    metrics: dict[str, Any] | None = None
    conversation: dict[str, Any] | None = None
    coding: dict[str, Any] | None = None
    signals: dict[str, dict[str, int]] = {}
    names = list(partners or [])
    if export is not None:
        convo = _ingest(export, me=me, settings=settings, report=report)
        if not names:
            names = list(convo.couple())
        coded = _code(convo, coder or settings.coder, report=report)
        report("measure", 0, 1)
        from holdspace.measure import measure

        metrics = measure(coded, partners=names, settings=settings).to_json()
        report("measure", 1, 1)
        conversation = _conversation_summary(convo)
        coding = _coding_summary(coded)
        signals = _risk_signals(coded, names)
        versions = metrics.get("versions") or {}
        components = {
            "ingest": f"holdspace.ingest.{convo.format}",
            "coder": coding["coder"],
            "measure": str(versions.get("rules", "")),
            "capacities": str(versions.get("capacities", "")),
            "valence": str(versions.get("valence", "")),
        }
    # Who the couple is must be a public fact (the chat or --partners): a name learnt only from
    # a check-in would tell the other partner that someone answered (S2).
    known = bool(names)
    for checkin in checkins:
        if known and checkin.partner not in names:
            raise InputError(
                f"a check-in is for {checkin.partner}, who is not one of the partners "
                f"({', '.join(names)}); give the name as it is in the chat, or pass --partners."
            )
        if checkin.partner not in names:
            names.append(checkin.partner)
    strangers = [name for name in private_for if name not in names]
    if strangers:
        raise InputError(
            f"no private analysis for {', '.join(strangers)}: not one of the partners "
            f"({', '.join(names) or 'none'}); give the name as it is in the chat."
        )
    report("assess", 0, 1)
    status, assessments = _assess(names, checkins, signals)
    report("assess", 1, 1)
    from holdspace.assess.crisis import load_resources

    crisis = load_resources(settings.region)
    resources = {
        "heading": crisis.heading,
        "not_monitored": crisis.not_monitored,
        "resources": [
            {"name": r.name, "contact": r.contact, "note": r.when} for r in crisis.resources
        ],
    }
    shared = set(share)
    for item in assessments:
        item["shared"] = item["partner"] in shared and item["instrument"] not in _NEVER_SHARED
    common: dict[str, Any] = {
        "metrics": metrics,
        "conversation": conversation,
        "coding": coding,
        "assessments": assessments,
        "resources": resources,
        "components": components,
    }
    answered = {c.partner for c in checkins}
    report("plan", 0, 1)
    joint = build_analysis(
        safety_view=status.joint_view(),
        viewer=None,
        **_audience(names, known=known, shared=shared, answered=answered, viewer=None),
        **common,
    )
    private = {
        name: build_analysis(
            safety_view=status.private_view(name),
            viewer=name,
            **_audience(names, known=known, shared=shared, answered=answered, viewer=name),
            **common,
        )
        for name in private_for
    }
    report("plan", 1, 1)
    return Analysis(joint=joint, private=private)


def _audience(
    names: Sequence[str],
    *,
    known: bool,
    shared: set[str],
    answered: set[str],
    viewer: str | None,
) -> dict[str, Any]:
    """The partners and who takes part, as one audience may know them.

    Whether a partner answered a check-in is private (S2): an audience learns it only from
    that partner's choice to share, or, for the viewer, from their own answers. With no chat
    and no ``--partners``, the partners are likewise only those the audience may know of.
    """
    mine = {viewer} & answered if viewer is not None else set()
    visible = [name for name in names if name in shared or name in mine]
    return {"partners": names if known else visible, "taking_part": visible or None}


def build_analysis(
    *,
    metrics: Mapping[str, Any] | None,
    conversation: Mapping[str, Any] | None,
    coding: Mapping[str, Any] | None,
    assessments: Sequence[Mapping[str, Any]],
    safety_view: Mapping[str, Any],
    viewer: str | None,
    partners: Sequence[str],
    taking_part: Sequence[str] | None,
    resources: Mapping[str, Any],
    components: Mapping[str, str] | None = None,
    generated: str | None = None,
) -> dict[str, Any]:
    """One audience's analysis dictionary (pure; no stage is run).

    The joint analysis (``viewer=None``) holds only shared, non-safety check-in results and the
    joint safety view; when joint work is paused it holds nothing about the couple at all.
    ``components`` maps each stage's record key to the versioned name of what produced that
    part (:mod:`holdspace.stages`); the plan's rules are added here.
    """
    visible = [
        dict(a)
        for a in assessments
        if (viewer is None and a.get("shared") is True)
        or (viewer is not None and (a.get("partner") == viewer or a.get("shared") is True))
    ]
    paused = bool(safety_view.get("joint_paused"))
    safety = {
        "joint_paused": paused,
        "message": safety_view.get("message"),
        **resources,
    }
    if viewer is not None:
        safety["private"] = dict(safety_view)
    base = {
        "schema": ANALYSIS_SCHEMA,
        "audience": viewer or "joint",
        "generated": generated or datetime.now(UTC).isoformat(timespec="seconds"),
    }
    if viewer is None and paused:
        empty: dict[str, Any] = {
            "rules": None,
            "viewer": None,
            "partners": [],
            "joint_paused": True,
            "crisis_first": False,
            "paths": [],
            "considered": [],
            "practice": [],
            "unknowns": [],
            "notes": [],
        }
        return {
            **base,
            "conversation": None,
            "coding": None,
            "metrics": None,
            "assessments": [],
            "plan": empty,
            "safety": safety,
            "components": {},
        }
    plan = make_plan(
        metrics,
        visible,
        safety_view,
        viewer=viewer,
        partners=list(partners) or None,
        taking_part=taking_part,
    )
    return {
        **base,
        "conversation": dict(conversation) if conversation else None,
        "coding": dict(coding) if coding else None,
        "metrics": dict(metrics) if metrics else None,
        "assessments": visible,
        "plan": plan.to_json(),
        "safety": safety,
        "components": {**(components or {}), "plan": plan.rules},
    }


def _ingest(export: Path, *, me: str | None, settings: Settings, report: Progress) -> Conversation:
    from holdspace.ingest import read_conversation

    report("ingest", 0, 1)
    conversation = read_conversation(export, me=me, settings=settings)
    report("ingest", 1, 1)
    return conversation


def _code(conversation: Conversation, name: str, *, report: Progress) -> list[CodedMessage]:
    from holdspace.coding import code_stream, get_coder

    messages = conversation.messages
    total = len(messages)
    report("code", 0, total)
    coded: list[CodedMessage] = []
    for item in code_stream(get_coder(name), messages, chunk=_CHUNK):
        coded.append(item)
        if len(coded) % _CHUNK == 0:
            report("code", len(coded), total)
    report("code", total, total)
    return coded


def _conversation_summary(conversation: Conversation) -> dict[str, Any]:
    span = conversation.time_range()
    return {
        "id": conversation.id,
        "source": Path(conversation.source).name if conversation.source else "",
        "format": conversation.format,
        "messages": len(conversation.messages),
        "participants": conversation.participants,
        "first": span[0].isoformat() if span else None,
        "last": span[1].isoformat() if span else None,
        "skipped": len(conversation.skipped),
        "notes": list(conversation.notes),
    }


def _coding_summary(coded: Sequence[CodedMessage]) -> dict[str, Any]:
    counts = Counter(label for item in coded for label in item.labels)
    names = sorted({item.coder for item in coded})
    return {
        "coder": ", ".join(names),
        "messages": len(coded),
        "labels": dict(sorted(counts.items())),
    }


def _risk_signals(
    coded: Sequence[CodedMessage], partners: Sequence[str]
) -> dict[str, dict[str, int]]:
    signals = {name: dict.fromkeys(RISK_CODES, 0) for name in partners}
    for item in coded:
        speaker = item.message.speaker
        if speaker in signals:
            for code in RISK_CODES:
                if code in item.labels:
                    signals[speaker][code] += 1
    return signals


def _assess(
    partners: Sequence[str], checkins: Sequence[CheckIn], signals: Mapping[str, Mapping[str, int]]
) -> tuple[Any, list[dict[str, Any]]]:
    """The safety status and every check-in as JSON, with reliable change against the last one."""
    from holdspace.assess import load_instrument, reliable_change
    from holdspace.assess.safety import evaluate

    ordered = sorted(checkins, key=lambda c: (c.partner, c.result.instrument, c.time or ""))
    latest: dict[str, dict[str, ScoreResult]] = {}
    previous: dict[tuple[str, str], float] = {}
    items: list[dict[str, Any]] = []
    for checkin in ordered:
        result = checkin.result
        latest.setdefault(checkin.partner, {})[result.instrument] = result
        item = {"partner": checkin.partner, "time": checkin.time, **result.to_json()}
        key = (checkin.partner, result.instrument)
        if key in previous and result.total is not None:
            change = reliable_change(
                load_instrument(result.instrument), previous[key], result.total
            )
            if change is not None:
                item["change"] = {
                    "from": change.before,
                    "rci": round(change.rci, 3),
                    "reliable": change.reliable,
                    "verdict": change.verdict,
                }
        if result.total is not None:
            previous[key] = result.total
        items.append(item)
    status = evaluate(partners, latest, message_signals=signals)
    return status, items
