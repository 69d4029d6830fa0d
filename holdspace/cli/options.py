"""Options that several commands share, declared once so their names, parsing and help agree."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from holdspace.errors import InputError

__all__ = [
    "coder_option",
    "data_option",
    "output_file_option",
    "parse_partners",
    "partners_option",
    "written_option",
]

F = TypeVar("F", bound=Callable[..., Any])


def parse_partners(value: str | None) -> list[str] | None:
    """``"A, B"`` -> ``["A", "B"]``; ``None`` when not given; two names or an InputError."""
    if not value:
        return None
    names = [name.strip() for name in value.split(",") if name.strip()]
    if len(names) != 2:
        raise InputError(f"--partners {value!r} should name two people, as NAME1,NAME2.")
    return names


def _partners_callback(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    return parse_partners(value)


def partners_option(help: str) -> Callable[[F], F]:
    """``--partners NAME1,NAME2``, parsed to a list of two names (or ``None``) up front."""
    return click.option("--partners", default=None, callback=_partners_callback, help=help)


def coder_option(help: str) -> Callable[[F], F]:
    """``--coder rules|model|ensemble``; ``None`` leaves the choice to HOLDSPACE_CODER."""
    return click.option(
        "--coder", type=click.Choice(["rules", "model", "ensemble"]), default=None, help=help
    )


def _folder_option(name: str, default: Path, help: str) -> Callable[[F], F]:
    return click.option(
        name,
        type=click.Path(path_type=Path, file_okay=False),
        default=default,
        show_default=True,
        help=help,
    )


def data_option(help: str) -> Callable[[F], F]:
    """``--data DIR``: the public datasets folder, ``../shared/data`` by default."""
    return _folder_option("--data", Path("..") / "shared" / "data", help)


def written_option(help: str) -> Callable[[F], F]:
    """``--written DIR``: the project's written set, ``training/written/v1`` by default."""
    return _folder_option("--written", Path("training") / "written" / "v1", help)


def output_file_option(help: str, *, required: bool = False) -> Callable[[F], F]:
    """``-o/--output FILE``: where a command writes its result (a file, never a folder)."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        required=required,
        help=help,
    )
