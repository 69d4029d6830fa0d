"""The one exception tree of holdspace.

Every error the package raises on purpose is a :class:`HoldspaceError`. Each class knows the
exit code the CLI uses and the HTTP status a web front end would answer with::

    HoldspaceError                 exit 1, HTTP 500   something went wrong inside holdspace
    ├── InputError                 exit 2, HTTP 400   the input is not what was expected
    │   ├── ImportProblem          ...a chat export could not be read
    │   │   ├── UnknownFormat          no parser recognises the file
    │   │   ├── MalformedExport        the file looks like a format but breaks its rules
    │   │   ├── UnsafeArchive          a zip export failed the safety checks
    │   │   └── UnreadableText         the bytes are in no encoding we can read
    │   ├── NotACouple             the couple stages need exactly two people
    │   ├── UnknownInstrument      no questionnaire has that id
    │   ├── InvalidAnswers         answers missing, out of range, or badly shaped
    │   └── InvalidSetting         an option or environment variable has a bad value
    ├── AccessDenied               exit 3, HTTP 403   wrong passphrase or no right to the data
    └── ComponentUnavailable       exit 4, HTTP 503   an optional model or program is not installed

Messages say what was found, where, and what to do, in one or two sentences; the CLI prints
them as they are, never with a traceback.
"""

from __future__ import annotations

__all__ = [
    "AccessDenied",
    "ComponentUnavailable",
    "HoldspaceError",
    "ImportProblem",
    "InputError",
    "InvalidAnswers",
    "InvalidSetting",
    "MalformedExport",
    "NotACouple",
    "UnknownFormat",
    "UnknownInstrument",
    "UnreadableText",
    "UnsafeArchive",
]


class HoldspaceError(Exception):
    """Base of every error holdspace raises on purpose."""

    exit_code: int = 1
    http_status: int = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(HoldspaceError):
    """The input (a file, an answer, an option) is not what was expected."""

    exit_code = 2
    http_status = 400


class ImportProblem(InputError):
    """A chat export could not be read. ``source`` names the file, ``where`` the line or record."""

    def __init__(self, message: str, *, source: str = "", where: str = "") -> None:
        prefix = ": ".join(part for part in (source, where) if part)
        super().__init__(f"{prefix}: {message}" if prefix else message)
        self.source = source
        self.where = where


class UnknownFormat(ImportProblem):
    """No parser recognises the file."""


class MalformedExport(ImportProblem):
    """The file looks like a known format but breaks its rules."""


class UnsafeArchive(ImportProblem):
    """A zip export failed the checks made before extraction."""


class UnreadableText(ImportProblem):
    """The bytes could not be decoded as text."""


class NotACouple(InputError):
    """A stage that analyses a couple was given other than two people."""


class UnknownInstrument(InputError):
    """No questionnaire is registered under that id."""


class InvalidAnswers(InputError):
    """Questionnaire answers are missing, out of range, or badly shaped."""


class InvalidSetting(InputError):
    """An option or environment variable has a value holdspace cannot use."""


class AccessDenied(HoldspaceError):
    """Wrong passphrase, or no right to see the data asked for."""

    exit_code = 3
    http_status = 403


class ComponentUnavailable(HoldspaceError):
    """An optional component (a model package, a browser for PDF) is not installed."""

    exit_code = 4
    http_status = 503
