"""Opening the files a command writes, with one clear error when that is impossible."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from holdspace.errors import InputError

__all__ = ["open_output", "prepare_output"]


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


def open_output(path: Path) -> TextIO:
    """``path`` opened for writing UTF-8 text, its folder made when missing."""
    prepare_output(path)
    try:
        return path.open("w", encoding="utf-8")
    except OSError as error:
        raise _cannot_write(path, error) from error
