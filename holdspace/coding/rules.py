"""The transparent rule coder: patterns stored as data, every label backed by a quoted span.

``RuleCoder(codebook="v1")`` (name ``holdspace.coder.rules.v1``) scores all 19 codes of each
message. A score is the weight of the strongest rule that fired (0.0 when none did), softened
when the message hedges; a label is a score at or above ``threshold``; the evidence of a label is
the exact substring its rule matched.

Speed comes from a keyword prefilter: every rule lists trigger words, the message's lower-case
tokens are intersected with the trigger index, and only the few rules they select are run.

Decisions the tests pin down (docs/codebook.md explains them to readers):

- negation: rules for stances ("you're overreacting", "you never listen") are blocked by a
  negation in the words before them in the same clause ("I don't think you're overreacting");
  a negated feeling ("I'm not angry") still discloses an inner state and stays a ``feeling``;
  risk rules ignore negation (safety first: "I'm not going to kill myself" is still flagged).
- hedging ("maybe", "kinda", "I guess") softens a score by the rule set's hedge factor but does
  not cancel a label; risk and self-doubt rules are not softened.
- quotation: a match inside quotes or reported speech ("she said you're overreacting") is not
  the speaker's own act and does not fire, except for risk rules (a reported threat is a risk).
- context: some rules fire only when the other speaker's previous turn was emotional
  (``feeling``, ``bid``, ``curiosity``, ``protest``, ``self_doubt``): a bare acknowledgement
  ("ok", "got it", "👍") is ``withdrawal`` after a feeling and neutral after logistics. Pings
  ("?", "hello", the partner's name) are ``protest`` only right after the speaker's own
  unanswered message. ``subject_change`` is decided after all other codes, from the previous
  turn (feeling, bid, protest, self-doubt), the topic words both share and the reply's codes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Final

from holdspace.coding.codes import CODES
from holdspace.coding.rules_data import Rule, RuleSet, load_rules
from holdspace.coding.rules_text import (
    content_words,
    inside,
    is_negated,
    normalise,
    quoted_spans,
    tokens,
)
from holdspace.model import CodedMessage, Message

__all__ = ["Evidence", "RuleCoder", "RuleCoding"]

_ZERO: Final[dict[str, float]] = dict.fromkeys(CODES, 0.0)
_EMOTIONAL_CONTEXT: Final = "answers an emotional message of the other speaker"
_NO_CONTEXT: Final = "advice form; the previous message was not emotional"
_OWN_CONTEXT: Final = "follows the speaker's own unanswered message"
_CLAUSE_END: Final = re.compile(r"[.!?;,\n]")


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a code fired: the exact span of the text, where it is, which rule, in what context."""

    code: str
    span: str
    start: int
    end: int
    rule: str
    weight: float
    context: str = ""


@dataclass(frozen=True, slots=True)
class RuleCoding:
    """The rule coder's full answer for one message (what :class:`CodedMessage` summarises)."""

    message: Message
    labels: tuple[str, ...]
    scores: Mapping[str, float]
    evidence: Mapping[str, Evidence]


@dataclass(slots=True)
class _Turn:
    """A run of consecutive messages of one speaker, as context for the other's replies."""

    speaker: str
    last: Message
    codes: set[str]
    topic: set[str]


@dataclass(frozen=True, slots=True)
class _Previous:
    """What the rules need to know about the other speaker's previous turn."""

    emotional: bool
    topic: frozenset[str]
    #: whether the turn raised a feeling, bid, protest or self-doubt (a topic to leave).
    topic_emotional: bool = True


class RuleCoder:
    """Codes messages with the patterns of ``rules_<codebook>.yaml``.

    ``threshold`` turns scores into labels; ``prefilter=False`` runs every rule on every
    message (same output, slower: the tests use it to check the prefilter loses nothing);
    ``max_gap_minutes`` is how long a previous turn stays context for a reply.
    """

    requires: Final = ("speaker", "time", "text")
    assigns: Final = ("labels", "scores", "evidence")

    def __init__(
        self,
        codebook: str = "v1",
        *,
        threshold: float = 0.5,
        prefilter: bool = True,
        max_gap_minutes: float = 240.0,
    ) -> None:
        self.codebook = codebook
        self.threshold = threshold
        self.prefilter = prefilter
        self.max_gap_minutes = max_gap_minutes
        self.name = f"holdspace.coder.rules.{codebook}"

    @property
    def rules_(self) -> RuleSet:
        """The compiled rule set (loaded on first use, shared between coders)."""
        return load_rules(self.codebook)

    def code(self, messages: Sequence[Message]) -> list[CodedMessage]:
        """One coded message per message, in order; see :meth:`explain` for full evidence."""
        return [
            CodedMessage(
                message=coding.message,
                labels=coding.labels,
                scores=coding.scores,
                evidence={code: found.span for code, found in coding.evidence.items()},
                coder=self.name,
            )
            for coding in self.explain(messages)
        ]

    def explain(self, messages: Sequence[Message]) -> list[RuleCoding]:
        """Code messages in conversation order, each reply judged against the other's turn."""
        rules = self.rules_
        gap = timedelta(minutes=self.max_gap_minutes)
        out: list[RuleCoding] = []
        turns: dict[str, list[_Turn]] = {}  # per conversation: the last two turns
        stop = rules.subject_change.stopwords
        for message in messages:
            if message.kind != "text" or message.speaker is None or not message.text.strip():
                out.append(RuleCoding(message, (), dict(_ZERO), {}))
                continue
            history = turns.setdefault(message.conversation, [])
            other = _other_turn(rules, history, message, gap)
            after_own = _after_own(history, message, gap)
            partner = next((t.speaker for t in history if t.speaker != message.speaker), None)
            scores, evidence, lowered = self._code(
                message.text, other, after_own=after_own, partner=partner
            )
            labels = tuple(code for code in CODES if scores[code] >= self.threshold)
            out.append(RuleCoding(message, labels, scores, evidence))
            if history and history[-1].speaker == message.speaker:
                turn = history[-1]
                turn.last = message
                turn.codes.update(labels)
                turn.topic |= content_words(lowered, stop)
            else:
                history.append(
                    _Turn(message.speaker, message, set(labels), content_words(lowered, stop))
                )
                del history[:-2]
        return out

    def code_text(
        self, text: str, *, previous: str | None = None, after_own: bool = False
    ) -> tuple[dict[str, float], dict[str, Evidence]]:
        """Scores for all codes and evidence per fired code, for one text.

        ``previous`` is the other speaker's message this text answers, if any; ``after_own``
        says the speaker's own message came just before, still unanswered.
        """
        context = None
        if previous is not None:
            prev_scores, _, prev_lowered = self._code(previous, None)
            rules = self.rules_
            fired = {code for code, score in prev_scores.items() if score >= self.threshold}
            context = _Previous(
                emotional=bool(fired & rules.emotional_context),
                topic=frozenset(content_words(prev_lowered, rules.subject_change.stopwords)),
                topic_emotional=bool(fired & rules.subject_change.emotional_codes),
            )
        scores, evidence, _ = self._code(text, context, after_own=after_own)
        return scores, evidence

    def _code(
        self,
        text: str,
        previous: _Previous | None,
        *,
        after_own: bool = False,
        partner: str | None = None,
    ) -> tuple[dict[str, float], dict[str, Evidence], str]:
        rules = self.rules_
        norm = normalise(text)
        lowered = norm.lower()
        if len(lowered) != len(norm):  # rare letters whose lower case is longer
            lowered = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in norm)
        words = tokens(lowered)
        if self.prefilter:
            index = rules.index
            selected: set[int] = set()
            for word in words:
                hit = index.get(word)
                if hit is not None:
                    selected.update(hit)
            if after_own:  # pings may have no word at all ("?")
                selected.update(rules.own_previous)
            candidates = [rules.rules[n] for n in sorted(selected)]
        else:
            candidates = list(rules.rules)
        hedged = bool(rules.hedge_words & words) or (
            rules.hedge_phrases.search(lowered) is not None
        )
        emotional_before = previous is not None and previous.emotional
        scores = dict(_ZERO)
        evidence: dict[str, Evidence] = {}
        quotes: list[tuple[int, int]] | None = None
        for rule in candidates:
            if rule.context == "emotional_previous" and not emotional_before:
                continue
            if rule.context == "own_previous" and not after_own:
                continue
            if rule.unless is not None and rule.unless.search(norm):
                continue
            weight = rule.weight
            if hedged and rule.hedge == "soften":
                weight = round(weight * rules.hedge_factor, 4)
            if weight <= scores[rule.code]:
                continue
            for match in rule.pattern.finditer(norm):
                start, end = match.span("ev") if "ev" in rule.pattern.groupindex else match.span()
                if rule.quotes == "block":
                    if quotes is None:
                        quotes = quoted_spans(norm, rules.reported)
                    if quotes and inside(match.start(), quotes):
                        continue
                if rule.negation == "block" and is_negated(
                    lowered, match.start(), rules.negations, rules.negation_window
                ):
                    continue
                if rule.but_cancels and _but_follows(lowered, match.end()):
                    continue
                if rule.evidence == "clause":
                    end = _clause_end(norm, end)
                scores[rule.code] = weight
                evidence[rule.code] = _evidence(rule, text, start, end, weight, emotional_before)
                break
        if after_own and partner is not None:
            _name_ping(rules, text, lowered, partner, scores, evidence)
        if previous is not None and previous.topic_emotional:
            _subject_change(rules, text, lowered, previous, scores, evidence, self.threshold)
        return scores, evidence, lowered


def _after_own(history: list[_Turn], message: Message, gap: timedelta) -> bool:
    """Whether the speaker's own message came just before this one, within ``gap``."""
    if not history or history[-1].speaker != message.speaker:
        return False
    last, now = history[-1].last.time, message.time
    return last is None or now is None or now - last <= gap


def _name_ping(
    rules: RuleSet,
    text: str,
    lowered: str,
    partner: str,
    scores: dict[str, float],
    evidence: dict[str, Evidence],
) -> None:
    """Label the partner's first name sent alone ("Jordan??") as a ping for an answer."""
    name = partner.split()[0].lower() if partner.split() else ""
    if not name or lowered.strip().rstrip("?!. ") != name:
        return
    weight = rules.name_ping_weight
    if weight <= scores["protest"]:
        return
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    scores["protest"] = weight
    evidence["protest"] = Evidence(
        "protest",
        text[start:end],
        start,
        end,
        "protest.name_ping",
        weight,
        _OWN_CONTEXT,
    )


def _other_turn(
    rules: RuleSet, history: list[_Turn], message: Message, gap: timedelta
) -> _Previous | None:
    """The other speaker's latest turn before this message, unless too long ago."""
    turn = None
    if history and history[-1].speaker != message.speaker:
        turn = history[-1]
    elif len(history) == 2:
        turn = history[0]
    if turn is None:
        return None
    last, now = turn.last.time, message.time
    if last is not None and now is not None and now - last > gap:
        return None
    return _Previous(
        emotional=bool(turn.codes & rules.emotional_context),
        topic=frozenset(turn.topic),
        topic_emotional=bool(turn.codes & rules.subject_change.emotional_codes),
    )


def _evidence(
    rule: Rule, text: str, start: int, end: int, weight: float, emotional_before: bool
) -> Evidence:
    context = ""
    if rule.code == "problem_solving":
        context = _EMOTIONAL_CONTEXT if emotional_before else _NO_CONTEXT
    elif rule.context == "emotional_previous":
        context = _EMOTIONAL_CONTEXT
    elif rule.context == "own_previous":
        context = _OWN_CONTEXT
    return Evidence(rule.code, text[start:end], start, end, rule.id, weight, context)


def _clause_end(text: str, end: int) -> int:
    """Where the clause that a match starts runs out: the next stop or comma, at most 60 on."""
    stop = _CLAUSE_END.search(text, end, end + 60)
    cut = stop.start() if stop else min(len(text), end + 60)
    return len(text[:cut].rstrip())


def _but_follows(lowered: str, end: int) -> bool:
    """Whether the sentence goes on with "but"/"however" after a match ("I get it, but ...")."""
    rest = lowered[end : end + 60]
    for stop in ".!?\n":
        cut = rest.find(stop)
        if cut != -1:
            rest = rest[:cut]
    return " but " in f" {rest} " or "however" in rest


def _subject_change(
    rules: RuleSet,
    text: str,
    lowered: str,
    previous: _Previous,
    scores: dict[str, float],
    evidence: dict[str, Evidence],
    threshold: float,
) -> None:
    """Label a reply that leaves the emotional topic the other speaker just raised."""
    settings = rules.subject_change
    if any(scores[code] >= threshold for code in settings.engaged_codes):
        return
    topic = content_words(lowered, settings.stopwords)
    if topic & previous.topic or settings.answers.search(lowered):
        return
    marker = settings.markers.search(lowered)
    if marker is not None:
        start, end, weight = marker.start(), len(text.rstrip()), settings.marker_weight
    elif len(topic) >= settings.min_content_words:
        start = len(text) - len(text.lstrip())
        end, weight = len(text.rstrip()), settings.plain_weight
    else:
        return
    scores["subject_change"] = weight
    evidence["subject_change"] = Evidence(
        "subject_change",
        text[start:end],
        start,
        end,
        "subject_change.context",
        weight,
        "leaves the emotional topic of the other speaker's previous turn",
    )
