"""Validate the hand-written labelled set and print its positives per code and split.

Usage: ``python scripts/check_written_set.py [FOLDER]`` (default ``training/written/v1``).
Exits 1 and lists every problem found when a record breaks a rule or a floor is not met.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from holdspace.coding.codes import CODES  # noqa: E402

DEFAULT_FOLDER = ROOT / "training" / "written" / "v1"
SPLITS = ("train", "dev", "test")
REQUIRED = {"id", "text", "previous", "labels", "split", "register"}
OPTIONAL = {"note"}
MIN_POSITIVES = 150
MIN_TEST_POSITIVES = 20
MIN_NEUTRAL = 400


def normalise(text: str) -> str:
    """Casefolded letters, digits and symbols (emoji) only, single-spaced: the duplicate key."""
    text = unicodedata.normalize("NFKC", text).casefold()
    kept = [ch if ch.isalnum() or unicodedata.category(ch) == "So" else " " for ch in text]
    return " ".join("".join(kept).split())


@dataclass
class Report:
    """What the check found: records, counts and problems."""

    records: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    positives: dict[str, Counter[str]] = field(default_factory=dict)
    neutral: Counter[str] = field(default_factory=Counter)

    def total(self, code: str) -> int:
        return sum(self.positives[code].values())


def _check_record(where: str, record: Any, problems: list[str]) -> bool:
    if not isinstance(record, dict):
        problems.append(f"{where}: not a JSON object")
        return False
    keys = set(record)
    missing = REQUIRED - keys
    extra = keys - REQUIRED - OPTIONAL
    if missing:
        problems.append(f"{where}: missing fields {sorted(missing)}")
    if extra:
        problems.append(f"{where}: unknown fields {sorted(extra)}")
    if missing:
        return False
    ok = True
    if not isinstance(record["id"], str) or not record["id"].startswith("wr-"):
        problems.append(f"{where}: id must be a string starting with 'wr-'")
        ok = False
    if not isinstance(record["text"], str) or not record["text"].strip():
        problems.append(f"{where}: text must be a non-empty string")
        ok = False
    previous = record["previous"]
    if not isinstance(previous, list) or not all(
        isinstance(p, str) and p.strip() for p in previous
    ):
        problems.append(f"{where}: previous must be a list of non-empty strings")
        ok = False
    labels = record["labels"]
    if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
        problems.append(f"{where}: labels must be a list of strings")
        return False
    unknown = [x for x in labels if x not in CODES]
    if unknown:
        problems.append(f"{where}: unknown codes {unknown}")
        ok = False
    if len(set(labels)) != len(labels):
        problems.append(f"{where}: repeated label")
        ok = False
    if record["split"] not in SPLITS:
        problems.append(f"{where}: split must be one of {SPLITS}, got {record['split']!r}")
        ok = False
    if not isinstance(record["register"], str) or not record["register"]:
        problems.append(f"{where}: register must be a non-empty string")
        ok = False
    if "note" in record and not isinstance(record["note"], str):
        problems.append(f"{where}: note must be a string")
        ok = False
    return ok


def check(folder: Path = DEFAULT_FOLDER, *, floors: bool = True) -> Report:
    """Read every ``*.jsonl`` under ``folder``, validate it, count it; floors are optional."""
    report = Report(positives={code: Counter() for code in CODES})
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        report.problems.append(f"{folder}: no .jsonl files")
        return report
    ids: dict[str, str] = {}
    pairs: dict[str, str] = {}
    split_of_text: dict[str, tuple[str, str]] = {}
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{path.name}:{number}"
            if not line.strip():
                report.problems.append(f"{where}: blank line")
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                report.problems.append(f"{where}: not JSON ({e.msg})")
                continue
            if not _check_record(where, record, report.problems):
                continue
            rid = record["id"]
            if rid in ids:
                report.problems.append(f"{where}: id {rid} already used at {ids[rid]}")
            ids[rid] = where
            text_key = normalise(record["text"])
            pair_key = text_key + "\x00" + normalise(" ".join(record["previous"]))
            if pair_key in pairs:
                report.problems.append(
                    f"{where}: duplicate of {pairs[pair_key]} (same normalised text and previous)"
                )
            pairs[pair_key] = where
            seen = split_of_text.setdefault(text_key, (record["split"], where))
            if seen[0] != record["split"]:
                report.problems.append(
                    f"{where}: same text as {seen[1]} but in split {record['split']}, not {seen[0]}"
                )
            report.records.append(record)
            for code in record["labels"]:
                report.positives[code][record["split"]] += 1
            if not record["labels"]:
                report.neutral[record["split"]] += 1
    if floors:
        for code in CODES:
            if report.total(code) < MIN_POSITIVES:
                report.problems.append(
                    f"{code}: {report.total(code)} positives, at least {MIN_POSITIVES} needed"
                )
            if report.positives[code]["test"] < MIN_TEST_POSITIVES:
                report.problems.append(
                    f"{code}: {report.positives[code]['test']} test positives, "
                    f"at least {MIN_TEST_POSITIVES} needed"
                )
        if sum(report.neutral.values()) < MIN_NEUTRAL:
            report.problems.append(
                f"neutral: {sum(report.neutral.values())} records, at least {MIN_NEUTRAL} needed"
            )
    return report


def table(report: Report) -> str:
    """Positives per code per split, then the neutral row and the totals, as plain text."""
    rows = [f"{'code':<16}{'train':>7}{'dev':>7}{'test':>7}{'total':>7}"]
    for code in CODES:
        c = report.positives[code]
        rows.append(f"{code:<16}{c['train']:>7}{c['dev']:>7}{c['test']:>7}{report.total(code):>7}")
    n = report.neutral
    rows.append(f"{'(neutral)':<16}{n['train']:>7}{n['dev']:>7}{n['test']:>7}{sum(n.values()):>7}")
    per_split = Counter(r["split"] for r in report.records)
    rows.append(
        f"{'(records)':<16}{per_split['train']:>7}{per_split['dev']:>7}"
        f"{per_split['test']:>7}{len(report.records):>7}"
    )
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else DEFAULT_FOLDER
    report = check(folder)
    print(table(report))
    if report.problems:
        print(f"\n{len(report.problems)} problem(s):", file=sys.stderr)
        for problem in report.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print("\nok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
