"""The parameters of a synthetic couple: who does what, how often, how fast, and when it changes.

Every number the generator uses lives here, in frozen keyword-only dataclasses that validate
themselves on construction. Behaviour that may change at the change point is grouped in
:class:`Behaviour` (one before, optionally one after); traits that stay fixed (name, role,
valence dynamics, writing style) live in :class:`PartnerParams`.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from holdspace.errors import InputError

__all__ = [
    "PRESETS",
    "RESPONSE_CLASSES",
    "ROLES",
    "Behaviour",
    "PartnerParams",
    "ResponseRates",
    "Role",
    "SimulationParams",
]

Role = Literal["seeking", "avoidant", "both", "neither"]
ROLES: tuple[Role, ...] = ("seeking", "avoidant", "both", "neither")
RESPONSE_CLASSES: tuple[str, ...] = ("toward", "away", "against", "problem_solving")
PRESETS: tuple[str, ...] = (
    "improving",
    "mutual-pursuit",
    "mutual-withdrawal",
    "pursue-withdraw",
    "secure",
)
_TOLERANCE = 1e-6


def _check_probability(where: str, value: float) -> None:
    if not 0.0 <= value <= 1.0 or math.isnan(value):
        raise InputError(f"{where} is {value}; it is a probability, so give a number from 0 to 1.")


def _check_positive(where: str, value: float) -> None:
    if not value > 0.0:
        raise InputError(f"{where} is {value}; give a number above 0.")


def _check_non_negative(where: str, value: float) -> None:
    if not value >= 0.0:
        raise InputError(f"{where} is {value}; give a number of 0 or more.")


@dataclass(frozen=True, slots=True, kw_only=True)
class ResponseRates:
    """How a partner answers the other's bids: shares of toward, away, against, problem-solving.

    The four shares must sum to 1. ``away`` covers silence, withdrawal and changing the subject;
    ``against`` covers dismissal, defensiveness, blame and contempt.
    """

    toward: float
    away: float
    against: float
    problem_solving: float

    def __post_init__(self) -> None:
        self.check("responses")

    def check(self, where: str) -> None:
        """Raise :class:`InputError` naming ``where`` unless these are shares summing to 1."""
        for name in RESPONSE_CLASSES:
            _check_probability(f"{where}.{name}", getattr(self, name))
        total = sum(self.as_dict().values())
        if abs(total - 1.0) > _TOLERANCE:
            shares = ", ".join(f"{name}={getattr(self, name)}" for name in RESPONSE_CLASSES)
            raise InputError(
                f"{where} shares sum to {total:g} ({shares}); "
                "toward, away, against and problem_solving must sum to 1."
            )

    def as_dict(self) -> dict[str, float]:
        """The four shares by class name."""
        return {name: float(getattr(self, name)) for name in RESPONSE_CLASSES}


@dataclass(frozen=True, slots=True, kw_only=True)
class Behaviour:
    """What one partner does in one period (before or after the change point).

    ``bids_per_day``: mean number of bids this partner starts per day. ``feeling_share``: chance
    that a bid comes with a disclosure of feeling. ``responses``: how this partner answers the
    other's bids. ``latency_minutes``: median minutes before the first reply of an exchange
    (lognormal). ``pursuit``: chance of following a bid that was ignored or turned away with a
    burst of messages and protest. ``repair_attempts``: chance per tense turn of trying to repair.
    ``repair_uptake``: chance of taking up the other's repair attempt.
    """

    bids_per_day: float
    feeling_share: float
    responses: ResponseRates
    latency_minutes: float
    pursuit: float
    repair_attempts: float
    repair_uptake: float

    def __post_init__(self) -> None:
        self.check("behaviour")

    def check(self, where: str) -> None:
        """Raise :class:`InputError` naming ``where`` for the first value out of range."""
        _check_non_negative(f"{where}.bids_per_day", self.bids_per_day)
        _check_positive(f"{where}.latency_minutes", self.latency_minutes)
        for name in ("feeling_share", "pursuit", "repair_attempts", "repair_uptake"):
            _check_probability(f"{where}.{name}", getattr(self, name))
        self.responses.check(f"{where}.responses")


@dataclass(frozen=True, slots=True, kw_only=True)
class PartnerParams:
    """One partner: name, planted role, behaviour before and after the change point, and traits.

    Valence dynamics follow Gottman and Murray's difference equations: the valence of this
    partner's turn is ``set_point * (1 - inertia) + inertia * own_previous + influence *
    partner_latest`` plus noise, so ``set_point`` is the uninfluenced steady state, ``inertia``
    how much a mood carries over, and ``influence`` how strongly the partner's last turn pulls.
    ``latency_sigma`` is the spread of the lognormal reply latency; ``brevity`` the chance of
    choosing a short wording; ``ignore_share`` the part of turned-away answers that are silence.
    """

    name: str
    role: Role
    before: Behaviour
    after: Behaviour | None = None
    latency_sigma: float = 0.8
    brevity: float = 0.3
    ignore_share: float = 0.4
    self_doubt: float = 0.0
    inertia: float = 0.4
    set_point: float = 0.5
    influence: float = 0.3
    emoji_rate: float = 0.15
    typo_rate: float = 0.08
    risk_harm_per_week: float = 0.0
    risk_self_per_week: float = 0.0

    def __post_init__(self) -> None:
        where = f"partner {self.name!r}"
        if not self.name.strip() or any(ch in self.name for ch in ":\n\r"):
            raise InputError(
                f"partner name {self.name!r} cannot be used in a chat export; "
                "give a non-empty name without ':' or line breaks."
            )
        if self.role not in ROLES:
            raise InputError(f"{where}.role is {self.role!r}; choose one of {', '.join(ROLES)}.")
        self.before.check(f"{where}.before")
        if self.after is not None:
            self.after.check(f"{where}.after")
        _check_positive(f"{where}.latency_sigma", self.latency_sigma)
        for name in ("brevity", "ignore_share", "self_doubt", "emoji_rate", "typo_rate"):
            _check_probability(f"{where}.{name}", getattr(self, name))
        if not 0.0 <= self.inertia < 1.0:
            raise InputError(
                f"{where}.inertia is {self.inertia}; give a number from 0 up to (not including) 1."
            )
        if not -1.0 <= self.influence <= 1.0:
            raise InputError(f"{where}.influence is {self.influence}; give a number from -1 to 1.")
        if not -5.0 <= self.set_point <= 5.0:
            raise InputError(
                f"{where}.set_point is {self.set_point}; valence runs from -5 to 5, "
                "so give a number in that range."
            )
        _check_non_negative(f"{where}.risk_harm_per_week", self.risk_harm_per_week)
        _check_non_negative(f"{where}.risk_self_per_week", self.risk_self_per_week)

    def behaviour(self, *, after_change: bool) -> Behaviour:
        """The behaviour in force before or after the change point."""
        if after_change and self.after is not None:
            return self.after
        return self.before


@dataclass(frozen=True, slots=True, kw_only=True)
class SimulationParams:
    """A whole synthetic couple: two partners, the calendar, and couple-level rates.

    ``change_week`` (1-based week after which the ``after`` behaviours and
    ``conflicts_per_week_after`` apply) is ``None`` for a couple that does not change.
    ``chats_per_day`` is the mean number of everyday exchanges (logistics, small talk);
    ``quiet_day_share`` the chance that a day has no exchange at all, so that episodes are
    separated by gaps of hours to days.
    """

    partners: tuple[PartnerParams, PartnerParams]
    weeks: int = 16
    start: date = date(2024, 9, 2)
    timezone: str = "America/New_York"
    change_week: int | None = None
    chats_per_day: float = 3.0
    quiet_day_share: float = 0.06
    conflicts_per_week: float = 1.0
    conflicts_per_week_after: float | None = None
    valence_noise: float = 0.5
    conversation_id: str = "simulated"
    preset_name: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if len(self.partners) != 2:
            raise InputError(
                f"a simulated couple has exactly two partners, got {len(self.partners)}; "
                "pass two PartnerParams."
            )
        first, second = self.partners
        if first.name == second.name:
            raise InputError(
                f"both partners are called {first.name!r}; give the two partners different names."
            )
        if not 1 <= self.weeks <= 520:
            raise InputError(f"weeks is {self.weeks}; give a whole number from 1 to 520.")
        if self.change_week is not None and not 1 <= self.change_week < self.weeks:
            raise InputError(
                f"change_week is {self.change_week} but the simulation lasts {self.weeks} weeks; "
                f"give a week from 1 to {self.weeks - 1}, or None for no change."
            )
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise InputError(
                f"timezone {self.timezone!r} is not a known IANA time zone; "
                "give a name such as 'Europe/Berlin' or 'UTC'."
            ) from error
        _check_non_negative("chats_per_day", self.chats_per_day)
        _check_probability("quiet_day_share", self.quiet_day_share)
        _check_non_negative("conflicts_per_week", self.conflicts_per_week)
        if self.conflicts_per_week_after is not None:
            _check_non_negative("conflicts_per_week_after", self.conflicts_per_week_after)
        _check_non_negative("valence_noise", self.valence_noise)
        self._check_stable()

    def _check_stable(self) -> None:
        # Turns alternate, so one round maps (w, h) linearly; it must contract or valence explodes.
        w, h = self.partners
        a11, a12 = w.inertia, w.influence
        a21, a22 = h.influence * w.inertia, h.inertia + h.influence * w.influence
        trace, det = a11 + a22, a11 * a22 - a12 * a21
        disc = complex(trace * trace - 4 * det) ** 0.5
        radius = max(abs((trace + disc) / 2), abs((trace - disc) / 2))
        if radius >= 1.0:
            raise InputError(
                f"the valence dynamics are unstable (spectral radius {radius:.2f}): inertia "
                f"{w.inertia}/{h.inertia} with influence {w.influence}/{h.influence} lets "
                "conflicts escalate without bound; lower inertia or influence."
            )

    @property
    def names(self) -> tuple[str, str]:
        """The two partners' names."""
        return self.partners[0].name, self.partners[1].name

    def conflicts_rate(self, *, after_change: bool) -> float:
        """Conflict episodes per week before or after the change point."""
        if after_change and self.conflicts_per_week_after is not None:
            return self.conflicts_per_week_after
        return self.conflicts_per_week

    def with_options(self, **changes: Any) -> SimulationParams:
        """A copy with some fields changed (validated again)."""
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        """Every parameter as plain JSON values."""
        obj = asdict(self)
        obj["start"] = self.start.isoformat()
        obj["partners"] = [asdict(partner) for partner in self.partners]
        return obj

    @classmethod
    def preset(
        cls,
        name: str,
        *,
        names: tuple[str, str] = ("Maya", "Jordan"),
        weeks: int = 16,
        change_week: int | None = None,
    ) -> SimulationParams:
        """A named couple; ``names[0]`` is the pursuer where the preset has one.

        ``improving`` changes at ``change_week`` (default: two thirds of the way through).
        """
        from holdspace.simulate.presets import build_preset

        return build_preset(name, names=names, weeks=weeks, change_week=change_week)
