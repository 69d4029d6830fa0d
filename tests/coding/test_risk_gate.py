from __future__ import annotations

import numpy as np
import pytest

from holdspace.coding import get_coder
from holdspace.coding.ensemble import RISK_CODES, union_scale
from holdspace.coding.texting import count_codes, demo_sample, texting_check
from holdspace.model import Message


def test_union_scale_puts_the_cut_on_the_label_line() -> None:
    scaled = union_scale(np.array([0.0, 0.45, 0.9, 0.95, 1.0], dtype=np.float32), 0.9)
    assert scaled.tolist() == pytest.approx([0.0, 0.25, 0.5, 0.75, 1.0])


def _risk(text: str) -> tuple[str, ...]:
    coded = get_coder("ensemble").code([Message("m1", "c1", "Sam", None, text)])[0]
    return tuple(code for code in coded.labels if code in RISK_CODES)


@pytest.mark.parametrize(
    "text",
    [
        "text me when you leave",
        "you pushed me into saying that 🙄",
        "I'm dying to see you",
        "this heat is killing me",
        "I'll kill you if you spoil the finale 😂",
        "I could strangle the landlord",
        "you're not allowed to buy more plants 😂",
        "I'm not allowed to lift anything for six weeks after the op",
        "I changed the wifi password, it's on the fridge",
        "cut myself shaving, it's fine",
        "you'll be better off without me on the hike, my knee's bad",
        "I'm going to end it with the gym, too expensive",
        "we watched a documentary about suicide prevention, it was really moving",
    ],
)
def test_benign_risky_words_are_not_risk(text: str) -> None:
    assert _risk(text) == ()


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        pytest.param("if you leave me I'll make your life hell", ("risk_harm",), id="threat"),
        pytest.param("I'll kill you if you go out tonight", ("risk_harm",), id="no-joke-marker"),
        pytest.param("I keep thinking about ending it all", ("risk_self",), id="self"),
        pytest.param("he takes my bank card and gives me an allowance", ("risk_harm",), id="money"),
        pytest.param("she reads all my messages every night", ("risk_harm",), id="monitoring"),
        pytest.param(
            "you're not seeing your sister again, end of discussion",
            ("risk_harm",),
            id="forbidding",
        ),
        pytest.param("he grabbed me by the hair", ("risk_harm",), id="violence"),
        pytest.param("I wish I'd never been born", ("risk_self",), id="never-born"),
        pytest.param("everyone would be better off without me", ("risk_self",), id="burden"),
        pytest.param("I've been saving up my tablets", ("risk_self",), id="means"),
        pytest.param("this is the last time you'll hear from me", ("risk_self",), id="goodbye"),
    ],
)
def test_rule_evidence_still_labels_risk(text: str, codes: tuple[str, ...]) -> None:
    assert _risk(text) == codes


def test_the_demo_couple_carries_no_risk_label() -> None:
    messages, planted = demo_sample()
    check = texting_check(get_coder("ensemble"), "demo", messages, planted)
    assert (check.risk_labels, check.risk_examples) == (0, ())


def test_count_codes_compares_labels_with_planted_codes() -> None:
    counts = {
        c.code: c
        for c in count_codes([("bid",), ("bid", "feeling"), ()], [("bid",), (), ("feeling",)])
    }
    assert (counts["bid"].planted, counts["bid"].coded, counts["bid"].hits) == (1, 2, 1)
    assert (counts["bid"].precision, counts["feeling"].recall) == (0.5, 0.0)
    assert counts["contempt"].precision == 1.0
