"""Named couples for the demo and the tests: the numbers behind ``SimulationParams.preset``.

Each preset is data: a pair of partner descriptions. Symmetric presets (``secure``,
``mutual-withdrawal``, ``mutual-pursuit``) give both partners identical behaviour, so nothing
but chance separates them and a measure must find no pursue-withdraw cycle in them.
"""

from __future__ import annotations

from dataclasses import replace

from holdspace.errors import InputError
from holdspace.simulate.params import (
    PRESETS,
    Behaviour,
    PartnerParams,
    ResponseRates,
    Role,
    SimulationParams,
)

__all__ = ["build_preset"]


def _rates(toward: float, away: float, against: float, problem_solving: float) -> ResponseRates:
    return ResponseRates(toward=toward, away=away, against=against, problem_solving=problem_solving)


_PURSUER = Behaviour(
    bids_per_day=1.1,
    feeling_share=0.5,
    responses=_rates(0.7, 0.15, 0.1, 0.05),
    latency_minutes=6.0,
    pursuit=0.8,
    repair_attempts=0.25,
    repair_uptake=0.7,
)
_WITHDRAWER = Behaviour(
    bids_per_day=0.3,
    feeling_share=0.1,
    responses=_rates(0.3, 0.35, 0.15, 0.2),
    latency_minutes=55.0,
    pursuit=0.05,
    repair_attempts=0.1,
    repair_uptake=0.35,
)
_SECURE = Behaviour(
    bids_per_day=0.7,
    feeling_share=0.35,
    responses=_rates(0.85, 0.08, 0.02, 0.05),
    latency_minutes=12.0,
    pursuit=0.1,
    repair_attempts=0.35,
    repair_uptake=0.85,
)
_AVOIDANT = Behaviour(
    bids_per_day=0.3,
    feeling_share=0.1,
    responses=_rates(0.35, 0.4, 0.1, 0.15),
    latency_minutes=60.0,
    pursuit=0.05,
    repair_attempts=0.1,
    repair_uptake=0.4,
)
_SEEKING = Behaviour(
    bids_per_day=1.0,
    feeling_share=0.5,
    responses=_rates(0.45, 0.15, 0.3, 0.1),
    latency_minutes=5.0,
    pursuit=0.7,
    repair_attempts=0.2,
    repair_uptake=0.5,
)
# After the change point in ``improving``: the pursuer calms, the withdrawer turns toward.
_PURSUER_AFTER = replace(
    _PURSUER, bids_per_day=0.9, pursuit=0.3, responses=_rates(0.85, 0.08, 0.02, 0.05)
)
_WITHDRAWER_AFTER = Behaviour(
    bids_per_day=0.6,
    feeling_share=0.3,
    responses=_rates(0.7, 0.15, 0.05, 0.1),
    latency_minutes=20.0,
    pursuit=0.05,
    repair_attempts=0.3,
    repair_uptake=0.75,
)


def _pursuer(name: str, after: Behaviour | None) -> PartnerParams:
    return PartnerParams(
        name=name,
        role="seeking",
        before=_PURSUER,
        after=after,
        latency_sigma=0.8,
        brevity=0.1,
        ignore_share=0.3,
        self_doubt=0.35,
        inertia=0.5,
        set_point=-0.3,
        influence=0.4,
        emoji_rate=0.25,
    )


def _withdrawer(name: str, after: Behaviour | None) -> PartnerParams:
    return PartnerParams(
        name=name,
        role="avoidant",
        before=_WITHDRAWER,
        after=after,
        latency_sigma=1.0,
        brevity=0.75,
        ignore_share=0.5,
        inertia=0.5,
        set_point=0.0,
        influence=0.2,
        emoji_rate=0.05,
    )


#: kind -> (brevity, ignore_share, self_doubt, set_point) of the twins of a symmetric preset.
_TWIN_TRAITS: dict[str, tuple[float, float, float, float]] = {
    "secure": (0.35, 0.3, 0.05, 1.5),
    "avoidant": (0.7, 0.55, 0.0, 0.0),
    "seeking": (0.1, 0.2, 0.25, -0.5),
}


def _twin(name: str, role: Role, behaviour: Behaviour, kind: str) -> PartnerParams:
    brevity, ignore_share, self_doubt, set_point = _TWIN_TRAITS[kind]
    return PartnerParams(
        name=name,
        role=role,
        before=behaviour,
        brevity=brevity,
        ignore_share=ignore_share,
        self_doubt=self_doubt,
        set_point=set_point,
        inertia=0.3 if kind == "secure" else 0.5,
        influence=0.25 if kind == "secure" else 0.3,
    )


_TWINS: dict[str, tuple[Role, Behaviour, str, float]] = {
    "secure": ("neither", _SECURE, "secure", 0.5),
    "mutual-withdrawal": ("avoidant", _AVOIDANT, "avoidant", 0.6),
    "mutual-pursuit": ("seeking", _SEEKING, "seeking", 2.0),
}


def build_preset(
    name: str, *, names: tuple[str, str], weeks: int, change_week: int | None
) -> SimulationParams:
    """The :class:`SimulationParams` of preset ``name`` (see docs/simulator.md)."""
    first, second = names
    conflicts_after: float | None = None
    if name == "pursue-withdraw":
        partners = (_pursuer(first, None), _withdrawer(second, None))
        conflicts = 1.5
    elif name == "improving":
        partners = (_pursuer(first, _PURSUER_AFTER), _withdrawer(second, _WITHDRAWER_AFTER))
        conflicts, conflicts_after = 1.5, 0.6
        if change_week is None:
            change_week = max(1, weeks * 2 // 3)
    elif name in _TWINS:
        role, behaviour, kind, conflicts = _TWINS[name]
        partners = (_twin(first, role, behaviour, kind), _twin(second, role, behaviour, kind))
    else:
        raise InputError(f"unknown preset {name!r}; choose one of {', '.join(PRESETS)}.")
    return SimulationParams(
        partners=partners,
        weeks=weeks,
        change_week=change_week,
        conflicts_per_week=conflicts,
        conflicts_per_week_after=conflicts_after,
        conversation_id=f"simulated-{name}",
        preset_name=name,
    )
