"""holdspace: find the emotional-disconnect cycle in a couple's conversations, locally.

The public API is listed in ``__all__``; everything else is internal.
"""

from __future__ import annotations

from holdspace.errors import HoldspaceError
from holdspace.model import CodedMessage, Conversation, Message
from holdspace.settings import Settings

__all__ = ["CodedMessage", "Conversation", "HoldspaceError", "Message", "Settings"]
__version__ = "0.1.0"
