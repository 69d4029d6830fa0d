"""Options shared by several commands: one parser, one message."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from holdspace.cli import cli
from holdspace.cli.options import parse_partners
from holdspace.errors import InputError


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(None, None, id="absent"),
        pytest.param("", None, id="empty"),
        pytest.param("Sam,Jo", ["Sam", "Jo"], id="plain"),
        pytest.param(" Mary Ann , Jo ,", ["Mary Ann", "Jo"], id="spaces-and-trailing-comma"),
    ],
)
def test_parse_partners(value: str | None, expected: list[str] | None) -> None:
    assert parse_partners(value) == expected


@pytest.mark.parametrize("value", ["Sam", "Sam,", "A,B,C"])
def test_parse_partners_wants_two(value: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_partners(value)
    assert caught.value.message == f"--partners {value!r} should name two people, as NAME1,NAME2."


@pytest.mark.parametrize("command", ["analyze", "measure"])
def test_partners_are_checked_before_any_input_is_read(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "/no/such/chat.txt", "--partners", "A,B,C"])
    assert isinstance(result.exception, InputError)
    assert str(result.exception) == "--partners 'A,B,C' should name two people, as NAME1,NAME2."
