"""Compare per-code logistic heads over hashed n-grams, static MiniLM vectors, and both.

Usage: python scripts/experiment_static_heads.py [--data ../shared/data] [--limit 2000]
       [--messages 20000] [--skip-eval]

Training data, calibration and thresholds are those of ``holdspace train`` (its loaders are
imported): GoEmotions and TIAGE train splits, codebook examples, the written train split; the
dev splits (written where it has 8+ positives of a code) for Platt calibration and thresholds.
Feature sets:

- ``ngram``: the current hashed features and :class:`holdspace.coding.train.HeadTrainer`;
- ``static``: the message's static vector (:mod:`holdspace.coding.static`), plus the other
  speaker's previous turn's vector and a has-previous flag for the context codes;
- ``static+ngram``: both, concatenated (message-only n-gram columns for the other codes, as in
  the current heads).

Scores: the written test split and each public set of ``holdspace eval`` (stratified samples of
at most ``--limit``), F1 per code. Speed: features + heads on ``--messages`` generated texting
messages (the templates of scripts/bench_coding.py), median of 3 runs after a warm-up, and cold
start (fresh process: import, load, one message).
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from holdspace.coding.codes import CODES
from holdspace.coding.datasets import EVAL_SETS, Example, stratified_sample
from holdspace.coding.evaluate import score_set, written_test
from holdspace.coding.features import DENSE_FEATURES, FeatureSpec, featurize
from holdspace.coding.learned import ModelArtifact, sigmoid
from holdspace.coding.static import StaticEmbedder
from holdspace.coding.train import (
    CONTEXT_CODES,
    HeadTrainer,
    best_threshold,
    collect_training_data,
    labelled,
    logistic,
)

ROOT = Path(__file__).resolve().parents[1]
FloatArray = npt.NDArray[np.float32]
Scorer = Callable[[Sequence[str], Sequence[str]], FloatArray]
_CONTEXT_DENSE = {"has_previous", "overlap_with_previous", "no_overlap_with_previous"}
_CONTEXT_DENSE.add("previous_is_question")


def generated_messages(count: int) -> list[str]:
    """The texting messages of scripts/bench_coding.py, same seed."""
    spec = importlib.util.spec_from_file_location(
        "bench_coding", ROOT / "scripts" / "bench_coding.py"
    )
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    rng = random.Random(0)
    return [
        f"{rng.choice(bench.OPENERS)} {rng.choice(bench.BODIES)}{rng.choice(bench.CLOSERS)}".strip()
        for _ in range(count)
    ]


class DenseHeads:
    """Per-code heads over [static n-gram block?] features, trained and calibrated like train.py."""

    def __init__(
        self, embedder: StaticEmbedder, *, with_ngrams: bool, regularisation: float
    ) -> None:
        self.embedder = embedder
        self.with_ngrams = with_ngrams
        self.regularisation = regularisation
        self.spec = FeatureSpec()

    def _blocks(self, texts: Sequence[str], previous: Sequence[str]) -> tuple[Any, Any]:
        """(features for context codes, features for message-only codes) as scipy CSR."""
        from scipy import sparse

        mine = self.embedder.embed(texts)
        theirs = self.embedder.embed(previous)
        has_previous = np.array([[1.0 if p else 0.0] for p in previous], dtype=np.float32)
        zeros = np.zeros_like(theirs)
        context = [sparse.csr_matrix(np.hstack((mine, theirs, has_previous)))]
        plain = [sparse.csr_matrix(np.hstack((mine, zeros, np.zeros_like(has_previous))))]
        if self.with_ngrams:
            rows = featurize(texts, previous, spec=self.spec)
            matrix = sparse.csr_matrix(
                (rows.values, rows.indices, rows.indptr), shape=(rows.n_rows, rows.n_columns)
            )
            matrix.sum_duplicates()
            mask = np.ones(self.spec.size, dtype=np.float32)
            mask[self.spec.text_size : self.spec.dense_offset] = 0.0
            for offset, name in enumerate(DENSE_FEATURES):
                if name in _CONTEXT_DENSE:
                    mask[self.spec.dense_offset + offset] = 0.0
            context.append(matrix)
            plain.append(matrix @ sparse.diags(mask, format="csr"))
        return sparse.hstack(context, format="csr"), sparse.hstack(plain, format="csr")

    def fit(self, train: Sequence[Example], dev: Sequence[Example]) -> DenseHeads:
        context, plain = self._blocks([e.text for e in train], [e.previous for e in train])
        dev_context, dev_plain = self._blocks([e.text for e in dev], [e.previous for e in dev])
        n_codes = len(CODES)
        self.weights_ = np.zeros((context.shape[1], n_codes), dtype=np.float32)
        self.intercepts_ = np.full(n_codes, -10.0, dtype=np.float32)
        self.scale_ = np.ones(n_codes, dtype=np.float32)
        self.shift_ = np.zeros(n_codes, dtype=np.float32)
        self.thresholds_ = np.full(n_codes, 0.5, dtype=np.float32)
        self.uses_context_ = np.array([code in CONTEXT_CODES for code in CODES])
        for column, code in enumerate(CODES):
            rows, labels, weights = labelled(train, code)
            if min(int(labels.sum()), int(len(labels) - labels.sum())) < 3:
                continue
            x = context if code in CONTEXT_CODES else plain
            head = logistic(self.regularisation)
            head.fit(x[rows], labels, sample_weight=weights)
            self.weights_[:, column] = head.coef_[0]
            self.intercepts_[column] = head.intercept_[0]
            x_dev = dev_context if code in CONTEXT_CODES else dev_plain
            self._calibrate(column, dev, x_dev, code)
        return self

    def _calibrate(self, column: int, dev: Sequence[Example], x_dev: Any, code: str) -> None:
        rows, labels, _ = labelled(dev, code)
        written = np.array([dev[row].source == "written" for row in rows], dtype=bool)
        if labels[written].sum() >= 8:
            rows, labels = rows[written], labels[written]
        positives = int(labels.sum())
        if min(positives, len(labels) - positives) < 8:
            return
        raw = np.asarray(x_dev[rows] @ self.weights_[:, column]).ravel() + self.intercepts_[column]
        platt = logistic(1e4, balanced=False)
        platt.fit(raw[:, None], labels)
        self.scale_[column] = platt.coef_[0, 0]
        self.shift_[column] = platt.intercept_[0]
        probabilities = sigmoid(raw * self.scale_[column] + self.shift_[column])
        self.thresholds_[column] = best_threshold(probabilities, labels)[0]

    def probabilities(self, texts: Sequence[str], previous: Sequence[str]) -> FloatArray:
        """Numpy-only scoring: static blocks by a dense product, n-grams by the sparse rows."""
        dims = self.embedder.dims
        mine = self.embedder.embed(texts)
        theirs = self.embedder.embed(previous)
        has_previous = np.array([1.0 if p else 0.0 for p in previous], dtype=np.float32)
        w = self.weights_
        context = self.uses_context_
        raw = mine @ w[:dims] + self.intercepts_
        raw[:, context] += theirs @ w[dims : 2 * dims, context]
        raw[:, context] += has_previous[:, None] * w[2 * dims, context]
        if self.with_ngrams:
            rows = featurize(texts, previous, spec=self.spec)
            # Message-only heads were fitted with the context columns at zero: their weights
            # there are zero, so one product serves every head.
            raw += rows.dot(w[2 * dims + 1 :])
        return sigmoid(raw * self.scale_ + self.shift_)


def ngram_scorer(trainer: HeadTrainer) -> tuple[Scorer, FloatArray]:
    artifact: ModelArtifact = trainer.artifact({})
    return artifact.probabilities, artifact.thresholds


def decider(score: Scorer, thresholds: FloatArray) -> Callable[[Sequence[Example]], Any]:
    def decide(examples: Sequence[Example]) -> Any:
        return score([e.text for e in examples], [e.previous for e in examples]) >= thresholds

    return decide


def embed_only(embedder: StaticEmbedder) -> Scorer:
    def score(texts: Sequence[str], _previous: Sequence[str]) -> FloatArray:
        return embedder.embed(texts)

    return score


def timed(score: Scorer, texts: list[str], previous: list[str]) -> float:
    score(texts[:200], previous[:200])
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        score(texts, previous)
        runs.append(time.perf_counter() - started)
    return len(texts) / statistics.median(runs)


COLD = {
    "ngram": "import numpy as np; from holdspace.coding.learned import ModelCoder; "
    "ModelCoder().score(['hey can we talk'], [''])",
    "static (python wordpiece)": "from holdspace.coding.static import StaticEmbedder; "
    "StaticEmbedder(backend='python').embed(['hey can we talk'])",
    "static (tokenizers)": "from holdspace.coding.static import StaticEmbedder; "
    "StaticEmbedder(backend='tokenizers').embed(['hey can we talk'])",
}


def cold_start(code: str) -> float:
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--written", type=Path, default=ROOT / "training" / "written" / "v1")
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--messages", type=int, default=20000)
    parser.add_argument("--regularisation", type=float, default=4.0)
    parser.add_argument("--skip-eval", action="store_true")
    args = parser.parse_args()

    started = time.perf_counter()
    data = collect_training_data(data=args.data, written=args.written)
    print(f"training: {len(data.train)} examples, dev {len(data.dev)}; {'; '.join(data.notes)}")
    embedder = StaticEmbedder()
    scorers: dict[str, tuple[Scorer, FloatArray]] = {}
    dense: list[DenseHeads] = []
    clock = time.perf_counter()
    scorers["ngram"] = ngram_scorer(HeadTrainer().fit(data.train, data.dev))
    print(f"ngram heads: {time.perf_counter() - clock:.0f} s")
    for name, with_ngrams in (("static", False), ("static+ngram", True)):
        clock = time.perf_counter()
        heads = DenseHeads(embedder, with_ngrams=with_ngrams, regularisation=args.regularisation)
        heads.fit(data.train, data.dev)
        dense.append(heads)
        scorers[name] = (heads.probabilities, heads.thresholds_)
        print(f"{name} heads: {time.perf_counter() - clock:.0f} s")

    if not args.skip_eval:
        deciders = {name: decider(*pair) for name, pair in scorers.items()}
        jobs: list[tuple[str, list[Example]]] = [("written-test", written_test(args.written))]
        for info in EVAL_SETS:
            folder = args.data / info.folder
            if folder.is_dir():
                jobs.append((info.name, stratified_sample(info.load(folder), limit=args.limit)))
        print("\n| set | code | n (pos) | " + " | ".join(scorers) + " |")
        print("|---|---|---:|" + "---:|" * len(scorers))
        for name, examples in jobs:
            scores = score_set(name, examples, deciders)
            for code in dict.fromkeys(s.code for s in scores):
                row = {s.coder: s for s in scores if s.code == code}
                first = next(iter(row.values()))
                cells = " | ".join(f"{row[n].f1:.2f}" for n in scorers)
                print(f"| {name} | {code} | {first.n} ({first.support}) | {cells} |")

    texts = generated_messages(args.messages)
    previous = ["", *texts[:-1]]
    print(f"\n| features + heads | msg/s ({args.messages:,} generated messages) | cold start |")
    print("|---|---:|---:|")
    print(
        f"| ngram | {timed(scorers['ngram'][0], texts, previous):,.0f} | {cold_start(COLD['ngram']):.2f} s |"
    )
    for backend in ("python", "tokenizers"):
        embedder = StaticEmbedder(backend=backend)
        for heads in dense:
            heads.embedder = embedder
        label = "python wordpiece" if backend == "python" else "tokenizers"
        for name in ("static", "static+ngram"):
            speed = timed(scorers[name][0], texts, previous)
            cold = f"{cold_start(COLD[f'static ({label})']):.2f} s" if name == "static" else "-"
            print(f"| {name} ({label}) | {speed:,.0f} | {cold} |")
        only = timed(embed_only(embedder), texts, previous)
        print(f"| static vectors alone ({label}) | {only:,.0f} | |")
    real = real_texts(args.data)
    if real:
        print(f"\nstatic vectors alone, {len(real):,} GoEmotions test texts, word cache cold:")
        for kind in ("python", "tokenizers"):
            runs = []
            for _ in range(3):
                fresh = StaticEmbedder(backend=kind)
                fresh.embed(["warm up"])
                clock = time.perf_counter()
                fresh.embed(real)
                runs.append(time.perf_counter() - clock)
            print(f"- {kind}: {len(real) / statistics.median(runs):,.0f} msg/s")
    print(f"\ntotal {time.perf_counter() - started:.0f} s")


def real_texts(data: Path) -> list[str]:
    """Texts of GoEmotions' test split (read for timing only), when present."""
    from holdspace.coding.datasets import load_goemotions

    folder = data / "goemotions"
    return [e.text for e in load_goemotions(folder, "test")] if folder.is_dir() else []


if __name__ == "__main__":
    main()
