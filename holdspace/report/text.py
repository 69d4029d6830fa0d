"""Small text helpers for the report: dates in plain English, and data texts as safe HTML.

Month names are fixed English abbreviations, not the computer's locale, so that a report
reads the same wherever it is made.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from html import escape

from markupsafe import Markup

__all__ = ["MONTHS", "day_label", "inline_code", "period_label", "when"]

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_CODE = re.compile(r"`([^`\n]+)`")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def inline_code(text: object) -> Markup:
    """A data text as HTML: escaped first, then each `span in backticks` as ``<code>``.

    A lone backtick (one without a partner) is shown as it is.
    """
    escaped = escape(str(text), quote=False)
    return Markup(_CODE.sub(lambda m: f"<code>{m.group(1)}</code>", escaped))


def when(value: object) -> str:
    """An ISO time as people write it: ``14 Jan 2025, 21:02`` (a date alone: ``14 Jan 2025``)."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    day = f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"
    if len(str(value)) <= 10:
        return day
    return f"{day}, {moment:%H:%M}"


def day_label(text: str) -> str:
    """An ISO date as a short day label: ``2024-12-16`` -> ``16 Dec``."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return text or "-"
    return f"{day.day} {MONTHS[day.month - 1]}"


def period_label(text: str, *, short: bool = False) -> str:
    """A trend period as an axis label.

    A month ``2024-09`` is ``Sep 2024`` (``Sep '24`` when ``short``); a week, named by the
    date it starts on, is ``2 Sep``. Anything else is returned as it is.
    """
    month = _MONTH.match(text)
    if month:
        year, number = month.group(1), int(month.group(2))
        if not 1 <= number <= 12:
            return text
        name = MONTHS[number - 1]
        return f"{name} '{year[2:]}" if short else f"{name} {year}"
    return day_label(text) if len(text) == 10 else text
