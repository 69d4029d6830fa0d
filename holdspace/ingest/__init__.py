"""The ingest stage: chat exports in, :class:`~holdspace.model.Conversation` out.

``read_conversation`` and ``stream_messages`` read every supported export (detected from the
file, or named with ``format``); ``render`` and ``write_export`` write conversations back out
in export formats; ``write_jsonl`` writes the interchange format of the codebook.
"""

from __future__ import annotations

from holdspace.ingest.base import ParseLog
from holdspace.ingest.detect import detect_format
from holdspace.ingest.reader import parse_aliases, read_conversation, stream_messages
from holdspace.ingest.registry import FORMATS
from holdspace.ingest.writers import WRITERS, render, write_export, write_jsonl

__all__ = [
    "FORMATS",
    "WRITERS",
    "ParseLog",
    "detect_format",
    "parse_aliases",
    "read_conversation",
    "render",
    "stream_messages",
    "write_export",
    "write_jsonl",
]
