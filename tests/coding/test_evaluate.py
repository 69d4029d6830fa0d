from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from holdspace.coding.datasets import EVAL_SETS, Example, stratified_sample
from holdspace.coding.datasets.goemotions import load_goemotions
from holdspace.coding.datasets.hostile import load_swda, load_ucc
from holdspace.coding.datasets.support import load_epitome, load_esconv, load_mi
from holdspace.coding.datasets.tiage import load_tiage
from holdspace.coding.datasets.written import load_written
from holdspace.coding.evaluate import (
    MARK_END,
    MARK_START,
    coder_decisions,
    render_markdown,
    replace_section,
    score_code,
)
from holdspace.errors import InputError
from holdspace.model import CodedMessage, Message


def test_esconv_supporter_turns_read_after_the_seeker(tmp_path: Path) -> None:
    dialog = [
        {"speaker": "usr", "text": "I lost my job"},
        {"speaker": "usr", "text": "I feel useless"},
        {"speaker": "sys", "text": "That sounds so hard.", "strategy": "Reflection of feelings"},
        {"speaker": "sys", "text": "Try a job fair.", "strategy": "Providing Suggestions"},
    ]
    (tmp_path / "test.json").write_text(json.dumps({"dialog": dialog}) + "\n", encoding="utf-8")
    examples = load_esconv(tmp_path, "test")
    assert [(e.text, e.previous, dict(e.labels)) for e in examples] == [
        (
            "That sounds so hard.",
            "I lost my job I feel useless",
            {"problem_solving": 0, "validation": 1, "curiosity": 0},
        ),
        (
            "Try a job fair.",
            "I lost my job I feel useless",
            {"problem_solving": 1, "validation": 0, "curiosity": 0},
        ),
    ]


def test_epitome_levels_map_to_validation_and_curiosity(tmp_path: Path) -> None:
    header = "sp_id,rp_id,seeker_post,response_post,level,rationales\n"
    (tmp_path / "emotional-reactions-reddit.csv").write_text(
        header + "s1,r1,I am sad,So sorry,1,\n", encoding="utf-8"
    )
    (tmp_path / "explorations-reddit.csv").write_text(
        header + "s1,r1,I am sad,So sorry,0,\n", encoding="utf-8"
    )
    examples = load_epitome(tmp_path)
    assert [dict(e.labels) for e in examples] == [{"validation": 1}, {"curiosity": 0}]
    assert examples[0].previous == "I am sad"


def test_goemotions_proxy_labels(tmp_path: Path) -> None:
    names = ["love", "sadness", "neutral", "disgust", "anger"]
    (tmp_path / "emotions.txt").write_text("\n".join(names) + "\n", encoding="utf-8")
    rows = ["love you\t0\ta", "so sad\t1\tb", "the bus\t2\tc", "gross\t3\td", "grr\t4\te"]
    (tmp_path / "test.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    labels = [dict(e.labels) for e in load_goemotions(tmp_path, "test")]
    assert labels == [
        {"affection": 1, "contempt": 0},
        {"feeling": 1},
        {"feeling": 0, "affection": 0, "contempt": 0, "accountability": 0},
        {"affection": 0, "contempt": 1},
        {"affection": 0},
    ]


def test_tiage_skips_first_turns(tmp_path: Path) -> None:
    dialogue = {"1": [["hi", "-1"], ["how are you", "0"], ["i like cars", "1"]]}
    (tmp_path / "anno_test.json").write_text(json.dumps(dialogue), encoding="utf-8")
    examples = load_tiage(tmp_path, "test")
    assert [(e.text, e.previous, dict(e.labels)) for e in examples] == [
        ("how are you", "hi", {"subject_change": 0}),
        ("i like cars", "how are you", {"subject_change": 1}),
    ]


def test_mi_ucc_and_swda_mappings(tmp_path: Path) -> None:
    (tmp_path / "mi_gold_test_output.csv").write_text(
        "Text,Ground truth (index),Ground truth,Prediction (index),Prediction\n"
        "You should rest,0,Advise without Permission,6,Affirm\n"
        "Do you sleep?,0,Closed Question,0,Closed Question\n",
        encoding="utf-8",
    )
    assert [dict(e.labels) for e in load_mi(tmp_path)] == [
        {"validation": 0, "problem_solving": 1, "curiosity": 0},
        {"validation": 0, "problem_solving": 0},
    ]
    columns = ["dismissive", "hostile", "antagonize", "condescending", "sarcastic"]
    (tmp_path / "test.csv").write_text(
        "comment," + ",".join(columns) + "\nwho cares,1,0,0,0,0\nnice,0,0,0,0,0.6\n",
        encoding="utf-8",
    )
    assert [dict(e.labels) for e in load_ucc(tmp_path)] == [
        {"dismissal": 1, "contempt": 0},
        {"dismissal": 0, "contempt": 1},
    ]
    with gzip.open(tmp_path / "train_set.txt.gz", "wt", encoding="utf-8") as handle:
        handle.write("A|okay|b\nB|sorry about that|fa\n")
    (tmp_path / "val_set.txt").write_text("", encoding="utf-8")
    (tmp_path / "test_set.txt").write_text("", encoding="utf-8")
    assert [(e.text, dict(e.labels)) for e in load_swda(tmp_path)] == [
        ("okay", {"accountability": 0}),
        ("sorry about that", {"accountability": 1}),
    ]


def test_written_records_are_labelled_for_every_code(tmp_path: Path) -> None:
    records = [
        {"id": "a", "text": "I feel sad", "previous": [], "labels": ["feeling"], "split": "test"},
        {"id": "b", "text": "ok", "previous": ["hi", "you there?"], "labels": [], "split": "train"},
    ]
    (tmp_path / "x.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    [test] = load_written(tmp_path, ("test",))
    assert test.labels["feeling"] == 1
    assert sum(test.labels.values()) == 1
    [train] = load_written(tmp_path, ("train",))
    assert train.previous == "hi you there?"


def test_missing_file_says_to_pass_data(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_tiage(tmp_path, "test")
    assert str(caught.value) == (
        f"tiage: {tmp_path / 'anno_test.json'} not found; pass --data DIR pointing at the folder "
        f"that holds the public datasets (it should contain {tmp_path.name}/anno_test.json)."
    )


def test_score_code_exact_figures() -> None:
    predicted = np.array([True, True, False, False])
    truth = np.array([True, False, True, False])
    score = score_code(predicted, truth, dataset="d", code="feeling", coder="c")
    assert (score.precision, score.recall, score.f1, score.accuracy) == (0.5, 0.5, 0.5, 0.5)
    assert (score.support, score.n) == (2, 4)
    assert 0.0 <= score.f1_low <= score.f1 <= score.f1_high <= 1.0


def test_stratified_sample_keeps_rare_patterns() -> None:
    examples = [Example("x", {"feeling": 0}) for _ in range(98)] + [
        Example("y", {"feeling": 1}) for _ in range(2)
    ]
    sample = stratified_sample(examples, limit=10)
    assert len(sample) == 10
    assert sum(e.labels["feeling"] for e in sample) == 1


class EchoCoder:
    """Labels ``feeling`` when the message says "sad" and the previous turn is present."""

    name = "test.echo"

    def code(self, messages: list[Message]) -> list[CodedMessage]:
        out = []
        for index, message in enumerate(messages):
            after_other = index > 0 and messages[index - 1].conversation == message.conversation
            labels = ("feeling",) if "sad" in message.text and after_other else ()
            out.append(CodedMessage(message, labels, {}, {}, self.name))
        return out


def test_coder_decisions_code_each_example_after_its_previous_turn() -> None:
    examples = [Example("sad", {"feeling": 1}, previous="hi"), Example("sad", {"feeling": 1})]
    decisions = coder_decisions(EchoCoder(), examples)
    assert decisions[:, 0].tolist() == [True, False]


def test_replace_section_swaps_only_the_marked_part() -> None:
    doc = "# B\n\n## Coding: accuracy\n\n## Measurement\n"
    first = replace_section(doc, render_markdown([], command="holdspace eval", notes=["n1"]))
    second = replace_section(first, render_markdown([], command="holdspace eval", notes=["n2"]))
    assert second.count(MARK_START) == 1
    assert second.count(MARK_END) == 1
    assert "- n2" in second
    assert "- n1" not in second
    assert second.endswith("## Measurement\n")


def test_every_eval_set_names_a_licence_and_codes() -> None:
    assert [info.name for info in EVAL_SETS] == [
        "esconv", "epitome", "mi", "goemotions", "ucc", "tiage", "swda",
    ]  # fmt: skip
    assert all(info.licence and info.codes for info in EVAL_SETS)


@pytest.mark.slow
def test_eval_smoke_on_the_public_data(shared_data: Path) -> None:
    import os
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "holdspace", "eval", "--data", str(shared_data), "--limit", "60",
         "--coder", "model", "--no-baseline"],
        capture_output=True, text=True, check=False, env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "esconv" in result.stdout
    assert "problem_solving" in result.stdout
