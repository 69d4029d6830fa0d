"""The declared inputs and outputs of the pipeline stages, and the check of their order."""

from __future__ import annotations

import pytest

from holdspace.errors import HoldspaceError
from holdspace.pipeline import STAGES
from holdspace.stages import PIPELINE, Stage, check_order

BY_NAME = {stage.name: stage for stage in PIPELINE}


def _order(*names: str) -> list[Stage]:
    return [BY_NAME[name] for name in names]


def test_the_pipeline_runs_the_declared_stages_in_order() -> None:
    assert STAGES == ("ingest", "code", "measure", "assess", "plan")
    assert check_order(PIPELINE) == PIPELINE


def test_each_stage_declares_what_it_reads_and_writes() -> None:
    declared = {s.name: (s.requires, s.uses, s.assigns, s.records) for s in PIPELINE}
    assert declared == {
        "ingest": ((), (), ("conversation",), ("ingest",)),
        "code": (("conversation",), (), ("coded",), ("coder",)),
        "measure": (("coded",), (), ("metrics",), ("measure", "capacities", "valence")),
        "assess": ((), ("coded",), ("safety", "assessments"), ()),
        "plan": (("safety", "assessments"), ("metrics",), ("plan",), ("plan",)),
    }


def test_without_a_chat_assess_and_plan_alone_are_in_order() -> None:
    assert [s.name for s in check_order(_order("assess", "plan"))] == ["assess", "plan"]


@pytest.mark.parametrize(
    ("names", "message"),
    [
        pytest.param(
            ("ingest", "measure", "code", "assess", "plan"),
            "stage measure reads 'coded', which code assigns only after it "
            "(order: ingest -> measure -> code -> assess -> plan); run code before measure.",
            id="measure-before-code",
        ),
        pytest.param(
            ("ingest", "code", "measure", "plan", "assess"),
            "stage plan reads 'safety', which assess assigns only after it "
            "(order: ingest -> code -> measure -> plan -> assess); run assess before plan.",
            id="plan-before-assess",
        ),
        pytest.param(
            ("ingest", "assess", "code", "measure", "plan"),
            "stage assess reads 'coded', which code assigns only after it "
            "(order: ingest -> assess -> code -> measure -> plan); run code before assess.",
            id="assess-before-its-risk-codes",
        ),
        pytest.param(
            ("code", "measure", "assess", "plan"),
            "stage code requires 'conversation', which no stage before it assigns "
            "(order: code -> measure -> assess -> plan); add the stage that assigns "
            "'conversation' before code.",
            id="no-ingest",
        ),
    ],
)
def test_a_stage_list_out_of_order_is_refused_before_running(
    names: tuple[str, ...], message: str
) -> None:
    with pytest.raises(HoldspaceError) as caught:
        check_order(_order(*names))
    assert caught.value.message == message
    assert caught.value.exit_code == 1


def test_an_optional_input_no_stage_assigns_is_not_an_error() -> None:
    stages = [Stage("plan", uses=("metrics",), assigns=("plan",))]
    assert check_order(stages) == tuple(stages)
