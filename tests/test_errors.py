from __future__ import annotations

import pytest

from holdspace import errors


@pytest.mark.parametrize(
    ("cls", "exit_code", "status"),
    [
        (errors.HoldspaceError, 1, 500),
        (errors.InputError, 2, 400),
        (errors.UnknownFormat, 2, 400),
        (errors.NotACouple, 2, 400),
        (errors.AccessDenied, 3, 403),
        (errors.ComponentUnavailable, 4, 503),
    ],
    ids=lambda value: getattr(value, "__name__", str(value)),
)
def test_each_error_knows_its_exit_code_and_status(
    cls: type[errors.HoldspaceError], exit_code: int, status: int
) -> None:
    assert cls.exit_code == exit_code
    assert cls.http_status == status


def test_import_problem_names_file_and_place() -> None:
    error = errors.MalformedExport("expected a date", source="chat.txt", where="line 3")
    assert str(error) == "chat.txt: line 3: expected a date"
    assert isinstance(error, errors.InputError)


def test_every_public_error_is_in_the_tree() -> None:
    for name in errors.__all__:
        assert issubclass(getattr(errors, name), errors.HoldspaceError)
