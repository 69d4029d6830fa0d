"""Timing figures and the lagged transition table on tiny hand-made conversations."""

from __future__ import annotations

from collections.abc import Callable

from holdspace.measure import measure
from holdspace.model import CodedMessage

Chat = Callable[..., list[CodedMessage]]

#: four exchanges (gaps over 240 minutes): Sam bids, Alex bids, Sam bursts unanswered, Alex
#: comes back after the 12-hour window with logistics.
TIMED = [
    ("Sam", 0, "I miss you", ["bid"]),
    ("Alex", 10, "miss you too, come home soon", ["affection"]),
    ("Sam", 12, "ok", []),
    ("Alex", 800, "can we talk about the weekend", ["bid"]),
    ("Sam", 830, "sure, what about it?", ["curiosity"]),
    ("Alex", 836, "I'd like to visit my parents", []),
    ("Sam", 1600, "are you there?", ["bid"]),
    ("Sam", 1615, "hello?", ["protest"]),
    ("Sam", 1630, "why are you ignoring me", ["protest"]),
    ("Alex", 2380, "groceries done", []),
]


def test_timing_figures_per_partner(chat: Chat) -> None:
    timing = measure(chat(TIMED)).to_json()["timing"]
    sam, alex = timing["partners"]["Sam"], timing["partners"]["Alex"]
    sam_chars = sum(len(text) for who, _, text, _ in TIMED if who == "Sam")
    all_chars = sum(len(text) for _, _, text, _ in TIMED)
    assert (sam["messages"], sam["message_share"]) == (6, 0.6)
    assert (alex["messages"], alex["message_share"]) == (4, 0.4)
    assert sam["mean_length"] == round(sam_chars / 6, 1)
    assert sam["length_share"] == sam_chars / all_chars
    # Sam answered after 2 and 30 minutes, Alex after 10 and 6; the messages that open the
    # later exchanges came more than 12 hours after the other's, so they are not replies.
    assert (sam["median_reply_minutes"], sam["replies_timed"]) == (16.0, 2)
    assert (alex["median_reply_minutes"], alex["replies_timed"]) == (8.0, 2)
    assert sam["median_reply_interval"] is None
    assert timing["latency_log2_ratio"] == 1.0
    assert (sam["initiation_share"], alex["initiation_share"]) == (0.5, 0.5)
    assert sam["initiation_interval"] == (0.15, 0.85)
    assert (sam["bids"], sam["unanswered_bids"]) == (2, 1)
    assert (alex["bids"], alex["unanswered_bids"]) == (1, 0)
    assert (sam["bursts"], sam["bursts_per_100_turns"]) == (1, 25.0)
    assert (alex["bursts"], alex["bursts_per_100_turns"]) == (0, 0.0)
    assert timing["note"] is None


def test_three_quick_messages_are_not_a_burst(chat: Chat) -> None:
    rows = [
        ("Sam", 0, "are you there?", ["bid"]),
        ("Sam", 4, "hello?", ["protest"]),
        ("Sam", 9, "why are you ignoring me", ["protest"]),
        ("Alex", 20, "sorry, driving", []),
    ]
    timing = measure(chat(rows)).to_json()["timing"]["partners"]
    assert (timing["Sam"]["bursts"], timing["Sam"]["unanswered_bids"]) == (0, 0)
    assert timing["Alex"]["median_reply_minutes"] == 11.0


def test_median_reply_interval_from_order_statistics(chat: Chat) -> None:
    rows: list[tuple[str, float, str, list[str]]] = []
    for i, wait in enumerate([1, 2, 3, 4, 5, 6, 7]):
        rows.append(("Sam", i * 600.0, "how was the day?", []))
        rows.append(("Alex", i * 600.0 + wait, "long, tell you later", []))
    alex = measure(chat(rows)).to_json()["timing"]["partners"]["Alex"]
    assert (alex["median_reply_minutes"], alex["median_reply_interval"]) == (4.0, (1.0, 7.0))


def _states(**shares: float) -> dict[str, float]:
    row = dict.fromkeys(("pursue", "toward", "withdraw", "against", "neutral", "silence"), 0.0)
    row.update(shares)
    return row


def test_lagged_transition_table(chat: Chat) -> None:
    rows = [
        ("Sam", 0, "I miss you", ["bid"]),
        ("Alex", 5, "not now", ["withdrawal"]),
        ("Sam", 10, "you always do this", ["protest"]),
        ("Alex", 15, "you're overreacting", ["dismissal"]),
        ("Sam", 20, "I feel hurt", ["feeling"]),
        ("Alex", 25, "I hear you, that hurt", ["validation"]),
        ("Sam", 30, "thanks", []),
    ]
    transitions = measure(chat(rows)).to_json()["cycle"]["transitions"]
    assert transitions["Sam->Alex"] == {
        "pursue": {"n": 2, **_states(withdraw=0.5, against=0.5)},
        "neutral": {"n": 2, **_states(toward=0.5, silence=0.5)},
    }
    assert transitions["Alex->Sam"] == {
        "toward": {"n": 1, **_states(neutral=1.0)},
        "withdraw": {"n": 1, **_states(pursue=1.0)},
        "against": {"n": 1, **_states(neutral=1.0)},
    }
