from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from holdspace.errors import NotACouple
from holdspace.model import CodedMessage, Conversation, Message

TZ = timezone(timedelta(hours=1))


def _msg(i: int, speaker: str | None, kind: str = "text") -> Message:
    return Message(
        id=f"m{i}",
        conversation="c1",
        speaker=speaker,
        time=datetime(2025, 3, 2, 21, i, tzinfo=TZ),
        text=f"text {i}",
        kind=kind,  # type: ignore[arg-type]
    )


def test_message_round_trips_through_json() -> None:
    message = _msg(1, "Sam")
    obj = message.to_json()
    assert obj == {
        "id": "m1",
        "conversation": "c1",
        "speaker": "Sam",
        "time": "2025-03-02T21:01:00+01:00",
        "text": "text 1",
        "kind": "text",
    }
    assert Message.from_json(obj) == message


def test_participants_in_order_of_first_message_without_system_lines() -> None:
    conv = Conversation(
        "c1", [_msg(1, None, "system"), _msg(2, "Ana"), _msg(3, "Sam"), _msg(4, "Ana")]
    )
    assert conv.participants == ["Ana", "Sam"]
    assert conv.couple() == ("Ana", "Sam")
    assert conv.kind_counts() == {"text": 3, "media": 0, "system": 1, "deleted": 0}


def test_group_chat_is_not_a_couple_unless_two_are_chosen() -> None:
    conv = Conversation("c1", [_msg(1, "Ana"), _msg(2, "Sam"), _msg(3, "Kim")])
    with pytest.raises(NotACouple) as caught:
        conv.couple()
    assert caught.value.message == (
        "this stage analyses a couple, but the conversation has 3 participants (Ana, Sam, Kim); "
        "pass --partners NAME1,NAME2 to choose two (to merge names of one person, import the "
        "chat first with `holdspace import --alias`)."
    )
    assert conv.couple(["Sam", "Kim"]) == ("Sam", "Kim")
    with pytest.raises(NotACouple, match="Lee did not write"):
        conv.couple(["Sam", "Lee"])


def test_one_speaker_is_not_a_couple_and_the_error_says_how_to_name_the_other() -> None:
    conv = Conversation("c1", [_msg(1, "Ana"), _msg(2, "Ana")])
    with pytest.raises(NotACouple) as caught:
        conv.couple()
    assert caught.value.message == (
        "only Ana wrote in this conversation, and this stage analyses a couple; "
        "name both partners: pass --partners Ana,PARTNER."
    )


def test_coded_message_round_trips() -> None:
    coded = CodedMessage(
        message=_msg(1, "Sam"),
        labels=("feeling",),
        scores={"feeling": 0.9, "bid": 0.1},
        evidence={"feeling": "I felt"},
        coder="holdspace.coder.rules.v1",
    )
    assert CodedMessage.from_json(coded.to_json()) == coded
