from __future__ import annotations

from pathlib import Path

import pytest

from holdspace.coding.codes import CODES, FAMILY_OF


def test_nineteen_codes_each_in_one_family() -> None:
    assert len(CODES) == 19
    assert len(set(CODES)) == 19
    assert set(FAMILY_OF) == set(CODES)


def test_codes_match_the_contract_table_when_available() -> None:
    contract = Path(__file__).resolve().parents[3] / "shared" / "CODEBOOK.md"
    if not contract.is_file():
        pytest.skip(f"codebook contract not found at {contract}")
    text = contract.read_text(encoding="utf-8")
    for code in CODES:
        assert f"`{code}`" in text, code
