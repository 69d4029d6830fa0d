"""Opening the files a command writes, with one clear error when that is impossible."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO

from holdspace.errors import InputError

__all__ = ["OWNER_ONLY", "open_output", "prepare_output"]

#: The mode of files that hold one partner's private answers: readable by their owner only.
OWNER_ONLY = 0o600


def _cannot_write(path: Path, error: OSError) -> InputError:
    return InputError(
        f"{path}: cannot write there ({error.strerror}); "
        "choose a file in a folder that exists and that you can write to."
    )


def prepare_output(path: Path) -> Path:
    """Make sure ``path``'s folder exists so the file can be written; return ``path``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError as error:
        error.strerror = "Not a directory"
        raise _cannot_write(path, error) from error
    except OSError as error:
        raise _cannot_write(path, error) from error
    return path


def open_output(path: Path, *, private: bool = False) -> TextIO:
    """``path`` opened for writing UTF-8 text, its folder made when missing.

    A ``private`` file is made readable by its owner only, even when it existed before, so a
    partner's private report is not open to others on a shared computer (SAFETY.md S11).
    """
    prepare_output(path)
    try:
        if not private:
            return path.open("w", encoding="utf-8")
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, OWNER_ONLY)
    except OSError as error:
        raise _cannot_write(path, error) from error
    os.fchmod(descriptor, OWNER_ONLY)
    return os.fdopen(descriptor, "w", encoding="utf-8")
