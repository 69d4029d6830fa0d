"""The UI-free check-in engine: order, conditions, back, skip, resume, immediate safety events."""

from __future__ import annotations

import json

import pytest

from holdspace.assess import load_instrument, score
from holdspace.assess.flow import CheckinFlow
from holdspace.errors import InvalidAnswers


def flow(*ids: str) -> CheckinFlow:
    return CheckinFlow([load_instrument(i) for i in ids])


def test_walks_items_in_order_with_progress() -> None:
    f = flow("gad7")
    first = f.current()
    assert first is not None
    assert (first.item.id, first.number, first.total) == ("gad7_1", 1, 7)
    assert first.section == load_instrument("gad7").stem
    for _ in range(7):
        assert f.answer(0) == ()
    assert f.done and f.current() is None
    assert f.answers("gad7")["gad7_difficulty"] is None


def test_condition_adds_the_follow_up_question() -> None:
    f = flow("gad7")
    f.answer(2)
    question = f.current()
    assert question is not None and question.total == 8
    for _ in range(6):
        f.answer(0)
    question = f.current()
    assert question is not None and question.item.id == "gad7_difficulty"
    f.answer(1)
    assert f.done and score("gad7", f.answers("gad7")).total == 2


def test_back_returns_to_the_previous_question_and_keeps_the_answer() -> None:
    f = flow("phq9")
    f.answer(1)
    f.answer(2)
    assert f.back() is True
    question = f.current()
    assert question is not None
    assert (question.item.id, question.answer, question.answered) == ("phq9_2", 2, True)
    f.answer(3)
    assert f.answers("phq9")["phq9_2"] == 3


def test_back_at_the_start() -> None:
    assert flow("hark").back() is False


def test_changing_an_answer_drops_a_follow_up_no_longer_asked() -> None:
    f = flow("asq")
    f.answer(1)
    for _ in range(3):
        f.answer(0)
    f.answer(0)
    assert f.done
    for _ in range(5):
        f.back()
    for _ in range(4):
        f.answer(0)
    assert f.done
    assert f.answers("asq") == {"asq_1": 0, "asq_2": 0, "asq_3": 0, "asq_4": 0, "asq_5": None}


def test_self_harm_answer_raises_an_event_at_once() -> None:
    f = flow("phq9")
    for _ in range(8):
        assert f.answer(0) == ()
    assert f.answer(1) == ("self-harm",)


@pytest.mark.parametrize(
    ("action", "events"),
    [("yes", ("self-harm",)), ("no", ()), ("skip", ("self-harm",))],
    ids=["yes", "no", "skip-counts-as-positive"],
)
def test_asq_events(action: str, events: tuple[str, ...]) -> None:
    f = flow("asq")
    got = f.skip() if action == "skip" else f.answer(1 if action == "yes" else 0)
    assert got == events


def test_asq_skip_asks_the_acuity_question() -> None:
    f = flow("asq")
    f.skip()
    for _ in range(3):
        f.answer(0)
    question = f.current()
    assert question is not None and question.item.id == "asq_5"


def test_violence_answer_raises_an_event() -> None:
    f = flow("hark")
    assert f.answer(0) == ()
    assert f.answer(1) == ("violence",)


def test_skip_in_hark_is_not_positive() -> None:
    f = flow("hark")
    assert f.skip() == ()
    assert score("hark", f.answers("hark")).positive is None


def test_invalid_answer() -> None:
    with pytest.raises(InvalidAnswers) as error:
        flow("hark").answer(2)
    assert (
        str(error.value) == "hark item hark_h: 2 is not an allowed answer; use 0 or 1 (no or yes)."
    )


def test_answer_after_the_end() -> None:
    f = flow("hark")
    for _ in range(5):
        f.answer(0)
    with pytest.raises(InvalidAnswers) as error:
        f.skip()
    assert str(error.value) == "the check-in is finished; there is no question to answer."


def test_resume_from_saved_state() -> None:
    f = flow("hark", "gad7")
    f.answer(0)
    f.skip()
    f.answer(0)
    state = json.loads(json.dumps(f.to_state()))
    resumed = CheckinFlow([load_instrument("hark"), load_instrument("gad7")], state=state)
    question = resumed.current()
    assert question is not None and (question.item.id, question.number) == ("hark_k", 4)
    assert resumed.back() and resumed.current() is not None
    assert resumed.answers("hark")["hark_a"] is None


def test_resume_with_other_instruments_is_refused() -> None:
    state = flow("hark").to_state()
    with pytest.raises(InvalidAnswers) as error:
        CheckinFlow([load_instrument("gad7")], state=state)
    assert str(error.value) == (
        "the saved check-in was for other questionnaires (hark); resume it with the same "
        "--instrument options, or start a new one."
    )


def test_sensitive_history_questions_are_marked_and_skippable() -> None:
    f = flow("hs-checkin")
    seen = []
    while not f.done:
        question = f.current()
        assert question is not None
        seen.append((question.item.id, question.item.sensitive))
        f.skip()
    assert [i for i, sensitive in seen if sensitive] == [
        "hist_dismissed",
        "hist_numbing",
        "hist_weakness",
        "hist_past_hurt",
    ]
    assert seen[-1][0] == "hist_past_hurt"
