"""The safety engine: screens and message-level risk signals -> a per-partner safety status.

How joint work pauses (SAFETY.md S2-S4), and why it reveals no more than it must:

- ``joint_paused`` is ``True`` when any partner's partner-violence screen is positive (a HARK
  score of 1 or more, or a yes to "are you afraid of your partner now?"), when the coded messages
  carry ``risk_harm`` signals, or when a partner privately chose to pause joint features
  (``paused_by``). Every cause gives the same :data:`JOINT_PAUSED_MESSAGE`; the joint view holds
  nothing else, so the other partner cannot tell which cause, whose, or when.
- A skipped or not-taken screen does **not** pause: pausing on a skip would let the other partner
  tell "skipped" from "negative", which S2 forbids. (Couples work is still advised only on the
  plan stage's own grounds; a skipped screen is shown to the partner who skipped it.)
- Self-harm answers (ASQ, PHQ-9 item 9) never touch the joint view: they show crisis resources to
  that partner at once and raise a therapist-only flag.

``private_view(partner)`` is built from that partner's own screens only, plus the joint pause
every partner already sees.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from holdspace.assess.scoring import ScoreResult

__all__ = [
    "JOINT_PAUSED_MESSAGE",
    "THERAPIST_JOINT_FLAG",
    "PartnerSafety",
    "SafetyStatus",
    "ScreenState",
    "evaluate",
]

#: The one message both partners see whenever joint features are paused, whatever the cause.
JOINT_PAUSED_MESSAGE = (
    "Joint features are paused for now. Each of you can still use your own private check-in, "
    "results and plan, and support is listed under `holdspace help crisis`."
)
#: The therapist-only flag of a positive violence screen or risk_harm messages (S3).
THERAPIST_JOINT_FLAG = "individual assessment needed before joint work"

ScreenState = Literal["positive", "negative", "incomplete", "not-taken"]
VIOLENCE_SCREENS = ("hark",)
SELF_HARM_SOURCES = ("asq", "phq9")


@dataclass(frozen=True, slots=True)
class PartnerSafety:
    """One partner's own safety picture: for that partner and a therapist, never the other."""

    partner: str
    violence: ScreenState
    self_harm: ScreenState
    self_harm_acuity: str | None = None
    message_self_risk: int = 0
    reasons: tuple[str, ...] = ()

    @property
    def show_crisis_resources(self) -> bool:
        """Whether this partner's own views lead with the crisis resources."""
        return (
            self.violence == "positive"
            or self.self_harm == "positive"
            or self.message_self_risk > 0
        )


@dataclass(frozen=True, slots=True)
class SafetyStatus:
    """The couple's safety status: the joint pause, each partner's own status, therapist flags."""

    partners: tuple[str, ...]
    joint_paused: bool
    per_partner: Mapping[str, PartnerSafety]
    therapist_flags: tuple[str, ...] = field(default=())

    @property
    def allows_joint_work(self) -> bool:
        """Whether couples therapy and joint exercises may be recommended at all (S3)."""
        return not self.joint_paused

    def joint_view(self) -> dict[str, Any]:
        """All the joint report may show: the pause and its one neutral message (S2, S4)."""
        return {
            "joint_paused": self.joint_paused,
            "message": JOINT_PAUSED_MESSAGE if self.joint_paused else None,
        }

    def private_view(self, partner: str) -> dict[str, Any]:
        """What ``partner`` may see: their own screens and reasons, and the joint view."""
        own = self.per_partner[partner]
        return {
            "partner": partner,
            "violence_screen": own.violence,
            "self_harm_screen": own.self_harm,
            "self_harm_acuity": own.self_harm_acuity,
            "show_crisis_resources": own.show_crisis_resources,
            "reasons": list(own.reasons),
            **self.joint_view(),
        }

    def therapist_view(self) -> dict[str, Any]:
        """For a practice's therapist only: every partner's status and the flags."""
        return {
            "joint_paused": self.joint_paused,
            "flags": list(self.therapist_flags),
            "partners": {name: self.private_view(name) for name in self.partners},
        }


def _state(result: ScoreResult | None) -> ScreenState:
    if result is None:
        return "not-taken"
    if result.positive is None:
        return "incomplete"
    return "positive" if result.positive else "negative"


def _self_harm(results: Mapping[str, ScoreResult]) -> tuple[ScreenState, str | None]:
    asq = results.get("asq")
    phq9 = results.get("phq9")
    phq_flag = phq9 is not None and "self-harm" in phq9.flags
    state = _state(asq)
    if phq_flag:
        state = "positive"
    elif state == "not-taken" and phq9 is not None:
        state = "negative"
    return state, asq.acuity if asq is not None and asq.positive else None


def _count(signals: Mapping[str, Any] | None, code: str) -> int:
    if not signals:
        return 0
    value = signals.get(code, 0)
    if isinstance(value, Mapping):
        return int(value.get("count", 0))
    if isinstance(value, Sequence) and not isinstance(value, str):
        return len(value)
    return int(value)


def evaluate(
    partners: Sequence[str],
    screens: Mapping[str, Mapping[str, ScoreResult]] | None = None,
    *,
    message_signals: Mapping[str, Mapping[str, Any]] | None = None,
    paused_by: Iterable[str] = (),
) -> SafetyStatus:
    """Combine the partners' own screens with message-level risk signals.

    ``screens`` maps a partner to their latest scored screens by instrument id (``hark``,
    ``asq``, ``phq9``); a partner or instrument left out is "not taken". ``message_signals``
    maps a partner to the coder's ``risk_harm`` / ``risk_self`` findings on that partner's
    messages, each a count, a list of evidence, or ``{"count": n, ...}``. ``paused_by`` names
    partners who chose to pause joint features.
    """
    screens = screens or {}
    signals = message_signals or {}
    per_partner: dict[str, PartnerSafety] = {}
    flags: list[str] = []
    violence_positive = False
    for partner in partners:
        own = screens.get(partner, {})
        violence = _state(own.get("hark"))
        self_harm, acuity = _self_harm(own)
        self_risk = _count(signals.get(partner), "risk_self")
        reasons = []
        if violence == "positive":
            violence_positive = True
            reasons.append(
                "You said something in the safety questions about feeling unsafe with your partner. "
                "Joint features are paused and couples work is not suggested; individual support "
                "and the resources below are."
            )
        elif violence == "incomplete":
            reasons.append(
                "You skipped some of the safety questions; you can answer them any time."
            )
        if self_harm == "positive":
            reasons.append(
                "You told us about thoughts of harming yourself. Please reach out to one of the "
                "services below; holdspace is not monitored."
            )
            flags.append(f"{partner}: self-harm screen positive ({acuity or 'acuity unknown'})")
        if self_risk:
            reasons.append(
                "Some of your messages mention harming yourself. The services below can help."
            )
            flags.append(f"{partner}: messages mention self-harm ({self_risk})")
        per_partner[partner] = PartnerSafety(
            partner=partner,
            violence=violence,
            self_harm=self_harm,
            self_harm_acuity=acuity,
            message_self_risk=self_risk,
            reasons=tuple(reasons),
        )
    harm_messages = sum(_count(signals.get(p), "risk_harm") for p in partners)
    chose_pause = any(p in partners for p in paused_by)
    joint_paused = violence_positive or harm_messages > 0 or chose_pause
    if violence_positive or harm_messages:
        flags.insert(0, THERAPIST_JOINT_FLAG)
    return SafetyStatus(
        partners=tuple(partners),
        joint_paused=joint_paused,
        per_partner=per_partner,
        therapist_flags=tuple(flags),
    )
