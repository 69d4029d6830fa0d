"""The last guards of the command line: no traceback ever reaches a user."""

from __future__ import annotations

import pytest

import holdspace.cli as cli_module


def _raise(error: BaseException) -> object:
    def fake_main(**_: object) -> object:
        raise error

    return fake_main


@pytest.mark.parametrize(
    ("error", "code", "message"),
    [
        (
            PermissionError(13, "Permission denied", "/data/chat.txt"),
            2,
            "error: /data/chat.txt: Permission denied; check that the path exists and that "
            "you may read or write it.",
        ),
        (
            RuntimeError("boom"),
            1,
            "error: holdspace hit an unexpected problem (RuntimeError: boom). This is a fault "
            "in holdspace, not in your data; run again with HOLDSPACE_DEBUG=1 to see the details.",
        ),
    ],
    ids=["os-error", "unexpected"],
)
def test_errors_become_one_line_and_an_exit_code(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    error: Exception,
    code: int,
    message: str,
) -> None:
    monkeypatch.delenv("HOLDSPACE_DEBUG", raising=False)
    monkeypatch.setattr(cli_module.cli, "main", _raise(error))
    with pytest.raises(SystemExit) as exit_info:
        cli_module.main([])
    assert exit_info.value.code == code
    assert " ".join(capsys.readouterr().err.split()) == message


def test_debug_shows_the_real_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOLDSPACE_DEBUG", "1")
    monkeypatch.setattr(cli_module.cli, "main", _raise(RuntimeError("boom")))
    with pytest.raises(RuntimeError, match="boom"):
        cli_module.main([])
