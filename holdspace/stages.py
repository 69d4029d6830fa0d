"""What each pipeline stage reads and writes, as data, and the check of their order.

Every stage declares the values it ``requires`` (it cannot run without them), the ones it
``uses`` when an earlier stage made them, and the ones it ``assigns``. :func:`check_order`
refuses a stage list in which a stage would run before what it reads exists, so the pipeline
fails before running anything rather than half way through. ``records`` names the keys the
stage adds to ``analysis.json``'s ``components``: the versioned name of what produced its part.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from holdspace.errors import HoldspaceError

__all__ = ["PIPELINE", "Stage", "check_order"]


@dataclass(frozen=True, slots=True)
class Stage:
    """One pipeline stage: what it requires, may use and assigns, and what it records."""

    name: str
    requires: tuple[str, ...] = ()
    uses: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    records: tuple[str, ...] = ()


#: The stages of :func:`holdspace.pipeline.analyze`, in the order they run.
PIPELINE: tuple[Stage, ...] = (
    Stage("ingest", assigns=("conversation",), records=("ingest",)),
    Stage("code", requires=("conversation",), assigns=("coded",), records=("coder",)),
    Stage(
        "measure",
        requires=("coded",),
        assigns=("metrics",),
        records=("measure", "capacities", "valence"),
    ),
    # Risk codes in the chat feed the safety screens, but check-ins alone are enough.
    Stage("assess", uses=("coded",), assigns=("safety", "assessments")),
    Stage(
        "plan",
        requires=("safety", "assessments"),
        uses=("metrics",),
        assigns=("plan",),
        records=("plan",),
    ),
)


def check_order(stages: Sequence[Stage]) -> tuple[Stage, ...]:
    """``stages`` unchanged if each one's inputs are assigned by a stage before it.

    Raises :class:`~holdspace.errors.HoldspaceError` naming the first stage whose required
    input no earlier stage assigns, or whose optional input a later stage assigns.
    """
    order = " -> ".join(stage.name for stage in stages)
    assigned: set[str] = set()
    for index, stage in enumerate(stages):
        later = {
            value: other.name for other in reversed(stages[index + 1 :]) for value in other.assigns
        }
        for value in (*stage.requires, *stage.uses):
            if value in assigned:
                continue
            if value in later:
                raise HoldspaceError(
                    f"stage {stage.name} reads {value!r}, which {later[value]} assigns only "
                    f"after it (order: {order}); run {later[value]} before {stage.name}."
                )
            if value in stage.requires:
                raise HoldspaceError(
                    f"stage {stage.name} requires {value!r}, which no stage before it assigns "
                    f"(order: {order}); add the stage that assigns {value!r} before "
                    f"{stage.name}."
                )
        assigned.update(stage.assigns)
    return tuple(stages)
