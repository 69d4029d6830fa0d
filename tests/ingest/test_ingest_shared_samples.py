"""The public export samples (read in place, never copied): each one parses, and where the
source project ships its expected result beside it, our authors and timestamps agree."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from holdspace.ingest import read_conversation


def _target(path: Path) -> list[tuple[str, str]] | None:
    for candidate in (
        path.with_name(f"{path.stem}_target.csv"),
        path.with_name("chatminer_target.json"),
    ):
        if candidate.name == "chatminer_target.json" and not path.name.startswith(
            "chatminer_test_"
        ):
            continue
        if candidate.suffix == ".json" and path.name.startswith("chatminer_test_dateformat"):
            continue
        if candidate.is_file():
            if candidate.suffix == ".csv":
                with candidate.open(encoding="utf-8") as stream:
                    rows = list(csv.DictReader(stream))
            else:
                rows = json.loads(candidate.read_text("utf-8"))
            return sorted((r["author"], r["timestamp"][:16].replace(" ", "T")) for r in rows)
    return None


def test_every_shared_sample_parses_and_matches_its_target(shared_data: Path) -> None:
    folder = shared_data / "chat-exports"
    checked = 0
    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".txt", ".json") or "_target" in path.name:
            continue
        conversation = read_conversation(path)
        assert conversation.messages, path.name
        expected = _target(path)
        if expected is None or (
            path.parent.name in ("whatsapp",)
            and "dateformat" not in path.name
            and "unicode" not in path.name
        ):
            continue
        ours = sorted(
            ("System" if m.speaker is None else m.speaker, m.time.isoformat()[:16])
            for m in conversation.messages
            if m.time is not None
        )
        if path.parent.name in ("instagram", "facebook-messenger"):
            # Their targets hold local times of the machine that made them; compare authors.
            assert {a for a, _ in expected} <= {a for a, _ in ours}, path.name
        else:
            assert ours == expected, path.name
        checked += 1
    assert checked >= 5
