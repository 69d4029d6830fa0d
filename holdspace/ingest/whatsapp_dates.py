"""WhatsApp message headers, and the date order of a whole export.

Phones write dates in the order of their language (day/month/year, month/day/year or
year/month/day) with 2- or 4-digit years and dots, dashes or slashes. One date alone rarely
tells the order; the whole file usually does. What stays ambiguous is decided by which order
keeps the dates moving forward, and said in a note.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Final

from holdspace.errors import MalformedExport

__all__ = ["ORDERS", "Header", "infer_order", "match_header", "to_datetime"]

ORDERS: Final = ("dmy", "mdy", "ymd")
ORDER_NAMES: Final = {"dmy": "day/month/year", "mdy": "month/day/year", "ymd": "year/month/day"}

_DATE = r"(?P<d1>\d{1,4})(?P<sep>[./-])(?P<d2>\d{1,2})(?P=sep)(?P<d3>\d{1,4})\.?"
_TIME = r"(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<s>\d{2}))?"
_AMPM = r"(?P<ampm>[aApP]\.?\s?[mM]\.?)"
_ANDROID = re.compile(
    rf"{_DATE},?\s+(?:à\s|um\s|a las\s|às\s)?{_TIME}\.?(?:\s?{_AMPM})?\s[-–]\s(?P<rest>.*)",
    re.DOTALL,
)
_IOS = re.compile(rf"\[{_DATE},?\s+{_TIME}(?:\s?{_AMPM})?\]\s(?P<rest>.*)", re.DOTALL)
_LEADING_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"

Header = re.Match[str]


def match_header(line: str) -> tuple[Header, bool] | None:
    """The header of a message line and whether it is the bracketed iOS layout, else None."""
    if line[:1] in _LEADING_MARKS:
        line = line.lstrip(_LEADING_MARKS)
    first = line[:1]
    if first == "[":
        found = _IOS.match(line)
        return (found, True) if found else None
    if first.isdigit():
        found = _ANDROID.match(line)
        return (found, False) if found else None
    return None


def date_key(header: Header) -> tuple[str, str, str]:
    """The three date fields of a header, as written."""
    return header["d1"], header["d2"], header["d3"]


def _year(text: str) -> int:
    value = int(text)
    return value + 2000 if len(text) <= 2 else value


def _as_date(key: tuple[str, str, str], order: str) -> date:
    first, second, third = key
    if order == "ymd":
        return date(_year(first), int(second), int(third))
    if order == "dmy":
        return date(_year(third), int(second), int(first))
    return date(_year(third), int(first), int(second))


def _backward_steps(keys: Sequence[tuple[str, str, str]], order: str) -> int | None:
    steps = 0
    previous: date | None = None
    for key in keys:
        try:
            current = _as_date(key, order)
        except ValueError:
            return None
        if previous is not None and current < previous:
            steps += 1
        previous = current
    return steps


def infer_order(
    keys: Iterable[tuple[str, str, str]], *, source: str, forced: str | None = None
) -> tuple[str, str | None]:
    """The date order of a file's dates (in file order), and a note when it was a guess."""
    ordered = list(keys)
    if forced is not None:
        return forced, None
    if not ordered:
        return "dmy", None
    if any(len(first) == 4 or int(first) > 31 for first, _, _ in ordered):
        return "ymd", None
    first_max = max(int(first) for first, _, _ in ordered)
    second_max = max(int(second) for _, second, _ in ordered)
    if first_max > 12 and second_max > 12:
        raise MalformedExport(
            "its dates fit neither day/month/year nor month/day/year (both the first and the "
            "second number go above 12); check the file, or pass --date-order dmy|mdy|ymd.",
            source=source,
        )
    if first_max > 12:
        return "dmy", None
    if second_max > 12:
        return "mdy", None
    scores = {order: _backward_steps(ordered, order) for order in ("dmy", "mdy")}
    valid = {order: steps for order, steps in scores.items() if steps is not None}
    chosen = min(valid, key=lambda order: (valid[order], order != "dmy")) if valid else "dmy"
    if len(valid) == 2 and valid["dmy"] == valid["mdy"]:
        return chosen, (
            "the date order is ambiguous (no day above 12); read as "
            f"{ORDER_NAMES[chosen]}: pass --date-order mdy or dmy if that is wrong."
        )
    return chosen, (
        f"the date order was inferred as {ORDER_NAMES[chosen]} from the sequence of dates; "
        "pass --date-order if that is wrong."
    )


def to_datetime(header: Header, order: str, cache: dict[tuple[str, str, str], date]) -> datetime:
    """The timestamp of a header (raises ValueError for an impossible date or time)."""
    key = (header["d1"], header["d2"], header["d3"])
    day = cache.get(key)
    if day is None:
        day = _as_date(key, order)
        cache[key] = day
    hour = int(header["h"])
    ampm = header["ampm"]
    if ampm is not None and hour <= 12:
        hour = hour % 12 + (12 if ampm[0] in "pP" else 0)
    second = header["s"]
    return datetime(day.year, day.month, day.day, hour, int(header["mi"]), int(second or 0))
