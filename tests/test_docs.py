"""The docs folder stays navigable and the README and CHANGELOG keep their promises.

(Every setting being documented is checked in tests/test_settings.py; every command's help
in tests/cli/test_cli_docs.py.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def _index_links() -> set[str]:
    return set(LINK.findall((DOCS / "index.md").read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    "page", sorted(path.name for path in DOCS.glob("*.md") if path.name != "index.md")
)
def test_every_page_is_linked_from_the_index(page: str) -> None:
    assert page in _index_links(), f"docs/{page} is not linked from docs/index.md; add it there"


def test_index_links_only_to_pages_that_exist() -> None:
    missing = sorted(link for link in _index_links() if not (DOCS / link).is_file())
    assert missing == []


@pytest.mark.parametrize("command", ["make demo", "make test"])
def test_readme_gives_the_setup_commands(command: str) -> None:
    assert f"    {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_changelog_has_an_unreleased_section_first() -> None:
    headings = re.findall(
        r"^## (.+)$", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), flags=re.M
    )
    assert headings[0] == "[Unreleased]"
