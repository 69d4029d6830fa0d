"""Measure coders against labelled sets: per-code precision, recall, F1 with bootstrap intervals.

Each example is coded as a two-message conversation (the other speaker's previous turn, then
the message), so context codes are judged as in real use. A bag-of-words logistic regression
trained on the same training data is measured beside the coders as a baseline.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from holdspace.coding.base import Coder
from holdspace.coding.codes import CODES
from holdspace.coding.datasets import Example
from holdspace.model import CodedMessage, Message

__all__ = [
    "MARK_END",
    "MARK_START",
    "Score",
    "coded_examples",
    "coder_decisions",
    "render_markdown",
    "replace_section",
    "score_code",
]

MARK_START: Final[str] = "<!-- coding-accuracy:start -->"
MARK_END: Final[str] = "<!-- coding-accuracy:end -->"
BoolMatrix = npt.NDArray[np.bool_]
Decider = Callable[[Sequence[Example]], BoolMatrix]


@dataclass(frozen=True, slots=True)
class Score:
    """One coder on one code of one set."""

    dataset: str
    code: str
    coder: str
    precision: float
    recall: float
    f1: float
    f1_low: float
    f1_high: float
    accuracy: float
    support: int
    n: int


def coded_examples(
    coder: Coder, examples: Sequence[Example], *, chunk: int = 2048
) -> list[CodedMessage]:
    """How ``coder`` codes each example's message, read after its previous turn."""
    out: list[CodedMessage] = []
    for start in range(0, len(examples), chunk):
        part = examples[start : start + chunk]
        messages: list[Message] = []
        targets: list[int] = []
        for offset, example in enumerate(part):
            conversation = f"e{start + offset}"
            if example.previous:
                messages.append(
                    Message(f"{conversation}p", conversation, "B", None, example.previous)
                )
            targets.append(len(messages))
            messages.append(Message(f"{conversation}m", conversation, "A", None, example.text))
        coded = coder.code(messages)
        out.extend(coded[index] for index in targets)
    return out


def coder_decisions(coder: Coder, examples: Sequence[Example], *, chunk: int = 2048) -> BoolMatrix:
    """Which codes ``coder`` gives each example's message, as ``(examples, codes)`` booleans."""
    coded = coded_examples(coder, examples, chunk=chunk)
    out = np.zeros((len(examples), len(CODES)), dtype=bool)
    for row, item in enumerate(coded):
        labels = set(item.labels)
        out[row] = [code in labels for code in CODES]
    return out


def _f1(predicted: BoolMatrix, truth: BoolMatrix) -> tuple[float, float, float]:
    hits = float(np.sum(predicted & truth))
    precision = hits / max(1.0, float(predicted.sum()))
    recall = hits / max(1.0, float(truth.sum()))
    denominator = float(predicted.sum() + truth.sum())
    return precision, recall, (2 * hits / denominator if denominator else 0.0)


def score_code(
    predicted: BoolMatrix,
    truth: BoolMatrix,
    *,
    dataset: str,
    code: str,
    coder: str,
    resamples: int = 300,
    seed: int = 7,
) -> Score:
    """Precision, recall, F1 (with a percentile bootstrap 95% interval) and accuracy."""
    precision, recall, f1 = _f1(predicted, truth)
    rng = np.random.default_rng(seed)
    n = len(truth)
    samples = [
        _f1(predicted[pick], truth[pick])[2]
        for pick in (rng.integers(0, n, n) for _ in range(resamples))
    ] or [f1]
    low, high = np.percentile(samples, [2.5, 97.5])
    return Score(
        dataset=dataset,
        code=code,
        coder=coder,
        precision=precision,
        recall=recall,
        f1=f1,
        f1_low=float(low),
        f1_high=float(high),
        accuracy=float(np.mean(predicted == truth)) if n else 0.0,
        support=int(truth.sum()),
        n=n,
    )


def score_set(
    dataset: str, examples: Sequence[Example], deciders: dict[str, Decider]
) -> list[Score]:
    """Scores of every decider on every code that ``examples`` label."""
    codes = [code for code in CODES if any(e.labels.get(code) == 1 for e in examples)]
    decisions = {name: decide(examples) for name, decide in deciders.items()}
    scores: list[Score] = []
    for code in codes:
        rows = np.array([i for i, e in enumerate(examples) if code in e.labels], dtype=np.int64)
        truth = np.array([examples[i].labels[code] == 1 for i in rows], dtype=bool)
        column = CODES.index(code)
        for name, matrix in decisions.items():
            scores.append(
                score_code(matrix[rows, column], truth, dataset=dataset, code=code, coder=name)
            )
    return scores


def render_markdown(scores: Sequence[Score], *, command: str, notes: Sequence[str]) -> str:
    """The accuracy section of docs/benchmarks.md, between its marker comments."""
    lines = [
        MARK_START,
        f"Produced by `{command}`.",
        "",
        *[f"- {note}" for note in notes],
        "",
        "| set | code | coder | precision | recall | F1 (95% CI) | accuracy | support / n |",
        "|---|---|---|---:|---:|---:|---:|---:|",
    ]
    for s in scores:
        lines.append(
            f"| {s.dataset} | {s.code} | {s.coder} | {s.precision:.2f} | {s.recall:.2f} | "
            f"{s.f1:.2f} ({s.f1_low:.2f}-{s.f1_high:.2f}) | {s.accuracy:.2f} | {s.support} / {s.n} |"
        )
    lines.append(MARK_END)
    return "\n".join(lines) + "\n"


def replace_section(document: str, section: str, *, heading: str = "## Coding: accuracy") -> str:
    """``document`` with the marked section replaced, or inserted under ``heading``."""
    if MARK_START in document and MARK_END in document:
        before = document[: document.index(MARK_START)]
        after = document[document.index(MARK_END) + len(MARK_END) :].lstrip("\n")
        return before + section + ("\n" + after if after else "")
    if heading in document:
        at = document.index(heading) + len(heading)
        return document[:at] + "\n\n" + section + document[at:]
    return document.rstrip("\n") + f"\n\n{heading}\n\n" + section


def baseline_decider(train: Sequence[Example], dev: Sequence[Example]) -> Decider:
    """A bag-of-words logistic regression per code, trained on ``train``, cut chosen on ``dev``."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    from holdspace.coding.train import best_threshold

    vectorizer = CountVectorizer(binary=True, min_df=2, lowercase=True)
    vectorizer.fit([e.text for e in train])
    heads: dict[int, tuple[Any, float]] = {}
    for column, code in enumerate(CODES):
        rows = [e for e in train if code in e.labels]
        labels = np.array([e.labels[code] for e in rows])
        if len(set(labels.tolist())) < 2:
            continue
        head = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000)
        head.fit(vectorizer.transform([e.text for e in rows]), labels)
        held = [e for e in dev if code in e.labels]
        cut = 0.5
        if held and 0 < sum(e.labels[code] for e in held) < len(held):
            probabilities = head.predict_proba(vectorizer.transform([e.text for e in held]))[:, 1]
            cut = best_threshold(probabilities, np.array([e.labels[code] for e in held]))[0]
        heads[column] = (head, cut)

    def decide(examples: Sequence[Example]) -> BoolMatrix:
        out = np.zeros((len(examples), len(CODES)), dtype=bool)
        matrix = vectorizer.transform([e.text for e in examples])
        for column, (head, cut) in heads.items():
            out[:, column] = head.predict_proba(matrix)[:, 1] >= cut
        return out

    return decide


def written_test(folder: Path) -> list[Example]:
    """The held-out test split of the written set."""
    from holdspace.coding.datasets import load_written

    return load_written(folder, ("test",))
