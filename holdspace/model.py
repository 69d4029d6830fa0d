"""Plain domain objects shared by every stage: messages, conversations, coded messages.

These are the nouns of the pipeline. They hold data and convert to and from the JSONL
interchange format of the codebook; they do no analysis.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, cast

from holdspace.errors import NotACouple

__all__ = [
    "KINDS",
    "CodedMessage",
    "Conversation",
    "Message",
    "MessageKind",
    "Skipped",
]

MessageKind = Literal["text", "media", "system", "deleted"]
KINDS: tuple[MessageKind, ...] = ("text", "media", "system", "deleted")


@dataclass(frozen=True, slots=True)
class Message:
    """One message of a conversation, as the interchange format describes it.

    ``speaker`` is ``None`` for system lines; ``time`` is ``None`` where the source has no
    timestamps (plain transcripts). ``time`` keeps the UTC offset where the export gives one.
    """

    id: str
    conversation: str
    speaker: str | None
    time: datetime | None
    text: str
    kind: MessageKind = "text"
    edited: bool = False

    def to_json(self) -> dict[str, Any]:
        """The interchange-format object for this message."""
        obj: dict[str, Any] = {
            "id": self.id,
            "conversation": self.conversation,
            "speaker": self.speaker,
            "time": self.time.isoformat() if self.time is not None else None,
            "text": self.text,
            "kind": self.kind,
        }
        if self.edited:
            obj["edited"] = True
        return obj

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Message:
        """Build a message from an interchange-format object (validated by the JSONL parser)."""
        raw_time = obj.get("time")
        kind = obj.get("kind", "text")
        return cls(
            id=str(obj["id"]),
            conversation=str(obj.get("conversation", "")),
            speaker=None if obj.get("speaker") is None else str(obj["speaker"]),
            time=datetime.fromisoformat(raw_time) if raw_time else None,
            text=str(obj.get("text", "")),
            kind=cast(MessageKind, kind),
            edited=bool(obj.get("edited", False)),
        )


@dataclass(frozen=True, slots=True)
class Skipped:
    """A line or record of an export that was not turned into a message, and why."""

    where: str
    reason: str
    excerpt: str = ""


@dataclass(slots=True)
class Conversation:
    """A whole conversation: its messages in order, who took part, and what import noticed."""

    id: str
    messages: list[Message]
    source: str = ""
    format: str = ""
    me: str | None = None
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def participants(self) -> list[str]:
        """Speakers in order of their first message."""
        seen: dict[str, None] = {}
        for message in self.messages:
            if message.speaker is not None and message.speaker not in seen:
                seen[message.speaker] = None
        return list(seen)

    def kind_counts(self) -> dict[str, int]:
        """How many messages of each kind (every kind listed, zeros included)."""
        counts = Counter(message.kind for message in self.messages)
        return {kind: counts.get(kind, 0) for kind in KINDS}

    def time_range(self) -> tuple[datetime, datetime] | None:
        """First and last timestamp, or ``None`` when no message has one."""
        times = [m.time for m in self.messages if m.time is not None]
        if not times:
            return None
        return min(times), max(times)

    def couple(self, chosen: Sequence[str] | None = None) -> tuple[str, str]:
        """The two partners this conversation is about.

        Raises :class:`NotACouple` when there are not exactly two speakers and ``chosen`` does
        not name two of them.
        """
        people = self.participants
        if chosen:
            missing = [name for name in chosen if name not in people]
            if missing:
                raise NotACouple(
                    f"{', '.join(missing)} did not write in this conversation; "
                    f"the participants are: {', '.join(people) or 'none'}."
                )
            if len(set(chosen)) != 2:
                raise NotACouple(
                    f"choose exactly two participants (got {len(set(chosen))}): "
                    "pass --partners NAME1,NAME2."
                )
            first, second = chosen[0], chosen[1]
            return first, second
        if len(people) == 1:
            raise NotACouple(
                f"only {people[0]} wrote in this conversation, and this stage analyses a couple; "
                f"name both partners: pass --partners {people[0]},PARTNER."
            )
        if len(people) != 2:
            raise NotACouple(
                f"this stage analyses a couple, but the conversation has {len(people)} "
                f"participants ({', '.join(people) or 'none'}); pass --partners NAME1,NAME2 "
                "to choose two (to merge names of one person, import the chat first with "
                "`holdspace import --alias`)."
            )
        return people[0], people[1]

    def restricted_to(self, people: Iterable[str]) -> Conversation:
        """A copy holding only the messages of ``people`` (system lines dropped)."""
        keep = set(people)
        return Conversation(
            id=self.id,
            messages=[m for m in self.messages if m.speaker in keep],
            source=self.source,
            format=self.format,
            me=self.me,
            skipped=list(self.skipped),
            notes=list(self.notes),
        )


@dataclass(frozen=True, slots=True)
class CodedMessage:
    """A message with the behaviour codes a coder gave it.

    ``scores`` holds a calibrated probability for every code of the codebook, ``labels`` the
    codes at or above their thresholds, ``evidence`` the span behind a label where one exists,
    and ``coder`` the name and version of the component that produced them.
    """

    message: Message
    labels: tuple[str, ...]
    scores: Mapping[str, float]
    evidence: Mapping[str, str]
    coder: str

    def to_json(self) -> dict[str, Any]:
        """The message fields plus ``labels``, ``scores``, ``evidence`` and ``coder``."""
        obj = self.message.to_json()
        obj["labels"] = list(self.labels)
        obj["scores"] = {code: round(float(value), 4) for code, value in self.scores.items()}
        obj["evidence"] = dict(self.evidence)
        obj["coder"] = self.coder
        return obj

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> CodedMessage:
        """Read back what :meth:`to_json` wrote."""
        return cls(
            message=Message.from_json(obj),
            labels=tuple(obj.get("labels", ())),
            scores={str(k): float(v) for k, v in dict(obj.get("scores", {})).items()},
            evidence={str(k): str(v) for k, v in dict(obj.get("evidence", {})).items()},
            coder=str(obj.get("coder", "")),
        )
