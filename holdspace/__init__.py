"""holdspace: find the emotional-disconnect cycle in a couple's conversations, locally.

The public API is listed in ``__all__``; everything else is internal. The stage entry points
(:func:`read_conversation`, :func:`get_coder`, :func:`analyze`) are loaded on first use, so that
``import holdspace`` and the command line start without the coder's and the measures'
dependencies. ``measure`` is not exported here: ``holdspace.measure`` is the measure stage's
package, so the function is ``holdspace.measure.measure``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from holdspace.errors import HoldspaceError
from holdspace.model import CodedMessage, Conversation, Message
from holdspace.settings import Settings

if TYPE_CHECKING:
    from holdspace.coding import get_coder
    from holdspace.ingest import read_conversation
    from holdspace.pipeline import analyze

__all__ = [
    "CodedMessage",
    "Conversation",
    "HoldspaceError",
    "Message",
    "Settings",
    "analyze",
    "get_coder",
    "read_conversation",
]
__version__ = "0.1.0"

#: public name -> the stage module that defines it, imported on first access.
_LAZY = {
    "analyze": "holdspace.pipeline",
    "get_coder": "holdspace.coding",
    "read_conversation": "holdspace.ingest",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'holdspace' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
