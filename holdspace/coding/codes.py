"""The behaviour codes of the codebook contract: their ids and families, in codebook order.

These names are fixed by the codebook contract; definitions and examples live in the versioned
codebook data (``holdspace/coding/data/codebook_v1.yaml``).
"""

from __future__ import annotations

from typing import Final

__all__ = ["CODES", "FAMILIES", "FAMILY_OF", "RISK_CODES"]

FAMILIES: Final[dict[str, tuple[str, ...]]] = {
    "connect": (
        "feeling",
        "bid",
        "validation",
        "curiosity",
        "affection",
        "accountability",
        "repair",
    ),
    "avoid": (
        "dismissal",
        "defensiveness",
        "blame",
        "withdrawal",
        "subject_change",
        "problem_solving",
        "facts_focus",
    ),
    "pursue": ("protest", "self_doubt"),
    "hostile": ("contempt",),
    "risk": ("risk_harm", "risk_self"),
}

CODES: Final[tuple[str, ...]] = tuple(code for codes in FAMILIES.values() for code in codes)

FAMILY_OF: Final[dict[str, str]] = {
    code: family for family, codes in FAMILIES.items() for code in codes
}

#: the codes the safety engine reads (a label can pause joint features).
RISK_CODES: Final[tuple[str, ...]] = FAMILIES["risk"]
