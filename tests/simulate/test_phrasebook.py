"""The phrasebook is data: every phrase labelled with codebook codes, every slot filled."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from holdspace.coding.codes import CODES
from holdspace.errors import InputError
from holdspace.simulate import load_phrasebook
from holdspace.simulate.phrasebook import NEEDED_GROUPS, Writer, render

BOOK = load_phrasebook("v1")
NEUTRAL = {"ack", "logistics", "logistics_reply", "small_talk", "small_talk_reply"}


def test_the_bundled_phrasebook_is_version_1_with_every_group() -> None:
    assert BOOK.version == "v1"
    assert set(NEEDED_GROUPS) <= set(BOOK.groups)
    assert len(BOOK.phrases()) >= 450


@pytest.mark.parametrize("group", sorted(BOOK.groups), ids=str)
def test_every_phrase_is_labelled_with_codes_of_the_codebook(group: str) -> None:
    for phrase in BOOK.group(group).phrases:
        assert set(phrase.codes) <= set(CODES), phrase.template
        if group in NEUTRAL:
            assert phrase.codes == (), phrase.template
        else:
            assert phrase.codes, phrase.template
            if group in CODES:
                assert group in phrase.codes, phrase.template


def test_each_code_has_many_variants() -> None:
    per_code = Counter(code for phrase in BOOK.phrases() for code in phrase.codes)
    for code in CODES:
        floor = 15 if code.startswith("risk") else 18
        assert per_code[code] >= floor, code


def test_only_the_bid_group_plants_bids() -> None:
    # Every planted bid needs a planted answer, so no other group may carry the code.
    carriers = {phrase.group for phrase in BOOK.phrases() if "bid" in phrase.codes}
    assert carriers == {"bid"}


def test_templates_are_distinct_within_a_group() -> None:
    for group in BOOK.groups.values():
        templates = [phrase.template for phrase in group.phrases]
        assert len(templates) == len(set(templates)), group.name


@pytest.mark.parametrize("seed", range(3))
def test_rendering_fills_every_slot_and_choice(seed: int) -> None:
    rng = np.random.default_rng(seed)
    writer = Writer(partner="Jordan", emoji_rate=0.5, typo_rate=0.5)
    for phrase in BOOK.phrases():
        text = render(phrase, BOOK, rng, writer=writer)
        assert text.strip() == text and text
        assert not re.search(r"[{}\[\]]", text), (phrase.template, text)
        assert "  " not in text


def test_rendering_without_habits_keeps_the_template_words() -> None:
    rng = np.random.default_rng(0)
    phrase = next(p for p in BOOK.group("ping").phrases if p.template == "{partner}?")
    writer = Writer(partner="Jordan", emoji_rate=0.0, typo_rate=0.0)
    assert render(phrase, BOOK, rng, writer=writer) == "Jordan?"


def _write(tmp_path: Path, groups: str) -> Path:
    path = tmp_path / "book.yaml"
    path.write_text(
        "version: test\nslots:\n  place: [home]\nemoji:\n  neutral: ['🙂']\ngroups:\n" + groups,
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("groups", "message"),
    [
        pytest.param(
            "  bid:\n    codes: [hug]\n    phrases: ['hi']\n",
            "phrase 'hi' in group 'bid' has unknown codes hug; use codes of the codebook.",
            id="unknown-code",
        ),
        pytest.param(
            "  bid:\n    codes: [bid]\n    phrases: ['at {town}']\n",
            "phrase 'at {town}' uses slot {town}, which has no values; add it under 'slots'.",
            id="unknown-slot",
        ),
        pytest.param(
            "  bid:\n    codes: [bid]\n    phrases: ['[a|b']\n",
            "phrase '[a|b' has an unbalanced or nested [choice].",
            id="unbalanced-choice",
        ),
        pytest.param(
            "  bid:\n    codes: [bid]\n    tone: loud\n    phrases: ['hi']\n",
            "group 'bid' has tone 'loud', which has no emoji list.",
            id="unknown-tone",
        ),
        pytest.param(
            "  bid:\n    codes: [bid]\n    phrases: []\n",
            "group 'bid' has no phrases; add some or remove it.",
            id="empty-group",
        ),
    ],
)
def test_a_broken_phrasebook_file_is_refused(tmp_path: Path, groups: str, message: str) -> None:
    path = _write(tmp_path, groups)
    with pytest.raises(InputError) as caught:
        load_phrasebook(path)
    assert str(caught.value) == f"{path}: {message}"


def test_a_phrasebook_missing_groups_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "  bid:\n    codes: [bid]\n    phrases: ['hi']\n")
    with pytest.raises(InputError) as caught:
        load_phrasebook(path)
    assert str(caught.value).startswith(f"{path} lacks the groups feeling, validation,")
    assert str(caught.value).endswith("; the simulator needs every one.")


def test_an_unknown_bundled_version_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        load_phrasebook("v9")
    assert str(caught.value) == (
        "no bundled phrasebook 'v9' (looked for holdspace/simulate/data/phrasebook_v9.yaml); "
        "use 'v1' or pass the path of a phrasebook YAML file."
    )
