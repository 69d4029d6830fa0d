"""The rule coder on hand-written messages that are not in the codebook.

Each case gives the exact labels and the exact evidence span of every label.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from holdspace.coding.base import Coder
from holdspace.coding.codes import CODES
from holdspace.coding.rules import RuleCoder
from holdspace.model import Message

CODER = RuleCoder()

# (id, text, previous message of the other speaker or None, {code: evidence span})
CASES: list[tuple[str, str, str | None, dict[str, str]]] = [
    # feeling
    (
        "feeling-lonely",
        "tbh I've been so lonely since you started nights",
        None,
        {"feeling": "I've been so lonely"},
    ),
    (
        "feeling-made-me-feel",
        "when you laughed it made me feel tiny",
        None,
        {"feeling": "made me feel tiny"},
    ),
    ("feeling-negated", "I'm not upset about the money", None, {"feeling": "I'm not upset"}),
    ("feeling-neg-opinion", "I feel like pasta is a better idea", None, {}),
    ("feeling-neg-third-person", "my sister was so stressed at the wedding", None, {}),
    # bid
    ("bid-miss", "miss u so much today 🥺", None, {"bid": "miss u"}),
    ("bid-talk", "could we talk when the kids are asleep?", None, {"bid": "could we talk"}),
    ("bid-neg-bill", "can we talk about the rent tomorrow", None, {}),
    ("bid-neg-errand", "I need you to sign the form before 5", None, {}),
    # validation
    (
        "validation-sounds",
        "that sounds so lonely, I'm sorry",
        "I ate dinner alone again",
        {"validation": "that sounds so lonely"},
    ),
    (
        "validation-get-why",
        "I totally get why you're hurt",
        None,
        {"validation": "I totally get why you"},
    ),
    (
        "validation-short-after-feeling",
        "that makes sense",
        "I'm so tired of feeling invisible",
        {"validation": "that makes sense"},
    ),
    ("validation-neg-no-context", "that makes sense, the 9:15 bus then", None, {}),
    (
        "validation-neg-yes-but",
        "I get it but you're being dramatic",
        "I felt so embarrassed",
        {"dismissal": "you're being dramatic"},
    ),
    # curiosity
    (
        "curiosity-how",
        "how are you holding up after the call with your dad?",
        None,
        {"curiosity": "how are you holding up"},
    ),
    (
        "curiosity-bothering",
        "is something on your mind? you've been quiet",
        None,
        {"curiosity": "is something on your mind"},
    ),
    ("curiosity-neg-logistics", "are you ok with leaving at 8?", None, {}),
    # affection
    (
        "affection-thanks",
        "thanks for listening last night, it meant a lot",
        None,
        {"affection": "thanks for listening last night"},
    ),
    (
        "affection-appreciate",
        "I appreciate you more than you know",
        None,
        {"affection": "I appreciate you"},
    ),
    ("affection-neg-thing", "I love that show so much", None, {}),
    # accountability
    (
        "accountability-sorry-for",
        "sorry for raising my voice, that wasn't okay",
        None,
        {"accountability": "sorry for raising my voice"},
    ),
    (
        "accountability-on-me",
        "the mix-up was on me, not you. that's on me",
        None,
        {"accountability": "that's on me"},
    ),
    ("accountability-neg-sympathy", "so sorry to hear about your grandma", None, {}),
    # repair
    (
        "repair-reset",
        "can we reset? I don't want this to ruin our night",
        None,
        {"repair": "can we reset"},
    ),
    (
        "repair-break",
        "I'm going to take 10 minutes and then we talk, ok?",
        None,
        {"repair": "take 10 minutes"},
    ),
    ("repair-neg-work", "I need a break from this job lol", None, {}),
    # dismissal
    (
        "dismissal-overreacting",
        "omg you're totally overreacting",
        None,
        {"dismissal": "you're totally overreacting"},
    ),
    (
        "dismissal-big-deal",
        "it's not that big a deal",
        "I'm really hurt you didn't come",
        {"dismissal": "it's not that big a deal"},
    ),
    (
        "dismissal-making-it",
        "it's one party, you're making it a whole thing",
        None,
        {"dismissal": "making it a whole thing"},
    ),
    (
        "dismissal-neg-negated",
        "you're not overreacting, that was rude of her",
        None,
        {"validation": "you're not overreacting"},
    ),
    ("dismissal-neg-quoted", 'my mom always said "calm down" when I cried', None, {}),
    # defensiveness
    (
        "defensiveness-excuse",
        "I was only trying to get us there on time",
        None,
        {"defensiveness": "I was only trying to"},
    ),
    (
        "defensiveness-counter",
        "you do that too, you know",
        None,
        {"defensiveness": "you do that too"},
    ),
    ("defensiveness-neg-suggestion", "what about sushi instead?", None, {}),
    # blame
    ("blame-your-fault", "this whole mess is your fault", None, {"blame": "your fault"}),
    (
        "blame-made-me",
        "you make me so angry when you do that",
        None,
        {"blame": "you make me", "feeling": "make me so angry"},
    ),
    ("blame-neg-reassure", "it's not your fault, traffic was insane", None, {}),
    # withdrawal
    (
        "withdrawal-no-talk",
        "I don't wanna talk about this",
        None,
        {"withdrawal": "I don't wanna talk about this"},
    ),
    ("withdrawal-curt", "whatever.", None, {"withdrawal": "whatever."}),
    ("withdrawal-neg-agree", "fine with me, pick whatever you like", None, {}),
    # subject_change
    (
        "subject-change-chore",
        "did the landlord email back",
        "I feel so alone in this",
        {"subject_change": "did the landlord email back"},
    ),
    (
        "subject-change-marker",
        "btw the car is making that noise again",
        "can we please talk tonight? I miss you",
        {"subject_change": "btw the car is making that noise again"},
    ),
    (
        "subject-change-neg-answer",
        "maybe, depends when I finish",
        "can we have a date night friday?",
        {},
    ),
    (
        "subject-change-neg-defensive",
        "I said I was busy",
        "I felt so alone tonight",
        {"defensiveness": "I said I was busy"},
    ),
    (
        "subject-change-neg-same-topic",
        "alone how? what happened",
        "I feel so alone in this",
        {"curiosity": "what happened"},
    ),
    # problem_solving
    (
        "problem-solving-should",
        "you should ask for a raise",
        "I'm so frustrated at work",
        {"problem_solving": "you should ask for a raise"},
    ),
    (
        "problem-solving-try",
        "try a warm shower before bed",
        None,
        {"problem_solving": "try a warm shower before bed"},
    ),
    ("problem-solving-neg-story", "you should've heard the guy at the bakery 😂", None, {}),
    # facts_focus
    ("facts-never-said", "I never said I'd pick her up", None, {"facts_focus": "I never said"}),
    ("facts-scroll", "scroll up, you said friday", None, {"facts_focus": "scroll up"}),
    ("facts-neg-question", "was it friday or saturday we booked?", None, {}),
    # protest
    (
        "protest-never",
        "you never ask about my day",
        None,
        {"protest": "you never ask about my day"},
    ),
    ("protest-ignoring", "why are u ignoring me", None, {"protest": "why are u ignoring"}),
    ("protest-neg-praise", "you always know what to say", None, {}),
    # self_doubt
    ("self-doubt-needy", "am I being needy?", None, {"self_doubt": "am I being needy"}),
    (
        "self-doubt-maybe",
        "maybe I'm expecting too much",
        None,
        {"self_doubt": "expecting too much"},
    ),
    ("self-doubt-neg-food", "I ate too much cake", None, {}),
    # contempt
    ("contempt-insult", "you're such a loser", None, {"contempt": "you're such a loser"}),
    ("contempt-eye-roll", "sure you were 'busy' 🙄", None, {"contempt": "🙄"}),
    ("contempt-neg-self", "I'm so dumb, left the oven on", None, {}),
    # risk_harm
    (
        "risk-harm-threat",
        "I swear I'll hit you if you say that again",
        None,
        {"risk_harm": "I swear I'll hit you"},
    ),
    (
        "risk-harm-report",
        "my boyfriend slapped me yesterday",
        None,
        {"risk_harm": "my boyfriend slapped me"},
    ),
    (
        "risk-harm-joke-flagged",
        "I'll kill you if you spoil the finale",
        None,
        {"risk_harm": "I'll kill you"},
    ),
    ("risk-harm-neg-idiom", "that hike absolutely killed me", None, {}),
    (
        "risk-harm-control-keys",
        "she hid my car keys again so I couldn't go to work",
        None,
        {"risk_harm": "she hid my car keys"},
    ),
    (
        "risk-harm-surveillance",
        "he tracks my location and calls if I stop anywhere",
        None,
        {"risk_harm": "he tracks my"},
    ),
    (
        "risk-harm-forced",
        "he forced me to hand over my savings",
        None,
        {"risk_harm": "forced me to"},
    ),
    (
        "risk-harm-money",
        "she controls all the money and checks every receipt",
        None,
        {"risk_harm": "controls all the money"},
    ),
    ("risk-harm-neg-errand", "can you take the kids to practice tomorrow", None, {}),
    # risk_self
    ("risk-self-end", "I just want to end my life", None, {"risk_self": "end my life"}),
    ("risk-self-negated-flagged", "don't worry I'm not suicidal", None, {"risk_self": "suicidal"}),
    ("risk-self-neg-idiom", "this heat is killing me", None, {}),
    (
        "risk-self-indirect",
        "everyone would be happier if I was gone",
        None,
        {"risk_self": "happier if I was gone"},
    ),
    (
        "risk-self-plan",
        "I've been saving my pills for weeks",
        None,
        {"risk_self": "saving my pills"},
    ),
    (
        "risk-self-neg-wake-early",
        "try not to wake up the baby when you come in",
        None,
        {"problem_solving": "try not to wake up the baby when you come in"},
    ),
]


@pytest.mark.parametrize(
    ("text", "previous", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_hand_written_cases(text: str, previous: str | None, expected: dict[str, str]) -> None:
    scores, evidence = CODER.code_text(text, previous=previous)
    labels = {code for code in CODES if scores[code] >= CODER.threshold}
    assert labels == set(expected)
    assert {code: found.span for code, found in evidence.items()} == expected
    for found in evidence.values():
        assert text[found.start : found.end] == found.span


def test_case_ids_are_unique() -> None:
    ids = [case[0] for case in CASES]
    assert len(ids) == len(set(ids))


def test_is_a_coder_with_a_versioned_name() -> None:
    assert isinstance(CODER, Coder)
    assert CODER.name == "holdspace.coder.rules.v1"


def test_scores_cover_all_codes_and_are_rule_weights() -> None:
    scores, evidence = CODER.code_text("you never listen to me")
    assert list(scores) == list(CODES)
    assert scores["protest"] == 0.85
    assert evidence["protest"].rule == "protest.you_never"
    assert sum(1 for value in scores.values() if value > 0) == 1


@pytest.mark.parametrize(
    ("text", "code", "score"),
    [
        ("try going for a walk", "problem_solving", 0.75),
        ("maybe try going for a walk", "problem_solving", 0.6375),
        ("I'm hurt", "feeling", 0.9),
        ("I guess I'm kinda hurt", "feeling", 0.765),
        ("maybe I'm asking for too much", "self_doubt", 0.85),
        ("maybe I want to die", "risk_self", 0.9),
    ],
    ids=[
        "plain-advice",
        "hedged-advice",
        "plain-feeling",
        "hedged-feeling",
        "self-doubt-not-softened",
        "risk-not-softened",
    ],
)
def test_hedging_softens_but_keeps_the_label(text: str, code: str, score: float) -> None:
    scores, _ = CODER.code_text(text)
    assert scores[code] == score
    assert scores[code] >= CODER.threshold


@pytest.mark.parametrize(
    ("text", "code", "fires"),
    [
        ("you're overreacting", "dismissal", True),
        ("I don't think you're overreacting", "dismissal", False),
        ("I never said you're overreacting", "dismissal", False),
        ("it's your fault", "blame", True),
        ("it's not your fault", "blame", False),
        ("leave me alone", "withdrawal", True),
        ("please don't leave me alone", "withdrawal", False),
        ("I'm not angry", "feeling", True),
        ("I don't feel safe at home", "feeling", True),
        ("I'm not going to kill myself", "risk_self", True),
        ("I would never hurt you, I'll kill you if you leave is not a joke", "risk_harm", True),
    ],
    ids=[
        "dismissal",
        "negated-dismissal",
        "never-dismissal",
        "blame",
        "negated-blame",
        "withdrawal",
        "negated-withdrawal",
        "negated-feeling-kept",
        "negated-feel-kept",
        "negated-risk-self-kept",
        "negated-risk-harm-kept",
    ],
)
def test_negation(text: str, code: str, fires: bool) -> None:
    scores, _ = CODER.code_text(text)
    assert (scores[code] >= CODER.threshold) is fires


@pytest.mark.parametrize(
    ("text", "code", "fires"),
    [
        ("she said 'you're overreacting' and left", "dismissal", False),
        ("she said you're overreacting", "dismissal", False),
        ('he was like "grow up" lol', "contempt", False),
        ("my therapist says your feelings are valid, and she's right", "validation", False),
        ("he said he'd hurt me if I left", "risk_harm", True),
        ('he texted "I\'ll kill you"', "risk_harm", True),
        ("you're overreacting. she said so too", "dismissal", True),
        ("'grow up' is what you told me", "contempt", False),
    ],
    ids=[
        "single-quotes",
        "reported",
        "double-quotes",
        "reported-validation",
        "reported-threat-kept",
        "quoted-threat-kept",
        "own-words-before-report",
        "quote-at-start",
    ],
)
def test_quotation(text: str, code: str, fires: bool) -> None:
    scores, _ = CODER.code_text(text)
    assert (scores[code] >= CODER.threshold) is fires


def test_problem_solving_evidence_records_its_context() -> None:
    _, after_feeling = CODER.code_text("you should go to bed", previous="I'm so anxious")
    _, alone = CODER.code_text("you should go to bed")
    _, after_logistics = CODER.code_text("you should go to bed", previous="it's 2am lol")
    assert after_feeling["problem_solving"].context == (
        "answers an emotional message of the other speaker"
    )
    assert alone["problem_solving"].context == (
        "advice form; the previous message was not emotional"
    )
    assert after_logistics["problem_solving"].context == alone["problem_solving"].context


def _conversation(*turns: tuple[str, str, int]) -> list[Message]:
    start = datetime(2025, 3, 2, 21, 0)
    return [
        Message(f"m{n}", "c1", speaker, start + timedelta(minutes=minute), text)
        for n, (speaker, text, minute) in enumerate(turns, 1)
    ]


def test_code_judges_replies_against_the_other_speakers_turn() -> None:
    messages = _conversation(
        ("Sam", "I've felt really alone this week", 0),
        ("Sam", "like nobody sees me", 1),
        ("Alex", "did you book the dentist", 3),
        ("Alex", "also the car needs gas", 4),
        ("Sam", "ok", 5),
    )
    coded = CODER.code(messages)
    assert [c.labels for c in coded] == [
        ("feeling",),
        (),
        ("subject_change",),
        ("subject_change",),
        (),
    ]
    assert coded[2].evidence == {"subject_change": "did you book the dentist"}
    assert {c.coder for c in coded} == {"holdspace.coder.rules.v1"}
    assert [c.message.id for c in coded] == ["m1", "m2", "m3", "m4", "m5"]


def test_context_expires_after_the_gap() -> None:
    messages = _conversation(
        ("Sam", "I'm scared about us", 0),
        ("Alex", "did you book the dentist", 600),
    )
    assert [c.labels for c in CODER.code(messages)] == [("feeling",), ()]
    shorter = RuleCoder(max_gap_minutes=1000)
    assert [c.labels for c in shorter.code(messages)] == [("feeling",), ("subject_change",)]


def test_conversations_do_not_share_context() -> None:
    first = Message("a1", "c1", "Sam", None, "I feel so invisible")
    second = Message("b1", "c2", "Alex", None, "did you book the dentist")
    assert [c.labels for c in CODER.code([first, second])] == [("feeling",), ()]


def test_system_media_and_empty_messages_get_zero_scores() -> None:
    messages = [
        Message("s1", "c1", None, None, "Sam joined"),
        Message("s2", "c1", "Sam", None, "<Media omitted> I love you", kind="media"),
        Message("s3", "c1", "Sam", None, "   "),
    ]
    coded = CODER.code(messages)
    assert all(c.labels == () and set(c.scores.values()) == {0.0} for c in coded)
    assert all(list(c.scores) == list(CODES) for c in coded)


def test_threshold_changes_labels_not_scores() -> None:
    strict = RuleCoder(threshold=0.8)
    message = [Message("m1", "c1", "Sam", None, "maybe try going for a walk")]
    assert strict.code(message)[0].labels == ()
    assert strict.code(message)[0].scores["problem_solving"] == 0.6375
    assert CODER.code(message)[0].labels == ("problem_solving",)


def test_curly_apostrophes_and_quotes_are_read_like_straight_ones() -> None:
    scores, evidence = CODER.code_text("you’re overreacting")
    assert evidence["dismissal"].span == "you’re overreacting"
    scores, _ = CODER.code_text("she said “you’re overreacting”")
    assert scores["dismissal"] == 0.0


def test_explain_keeps_rule_ids_and_offsets() -> None:
    message = Message("m1", "c1", "Sam", None, "ok so. I miss you and you never call")
    (coding,) = CODER.explain([message])
    assert coding.labels == ("bid", "protest")
    assert coding.evidence["bid"].rule == "bid.miss_need_you"
    assert (coding.evidence["bid"].start, coding.evidence["bid"].end) == (7, 17)
    assert coding.evidence["protest"].span == "you never call"
