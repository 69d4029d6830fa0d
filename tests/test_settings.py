from __future__ import annotations

from pathlib import Path

import pytest

from holdspace.errors import InvalidSetting
from holdspace.settings import Settings


def test_settings_read_environment_then_overrides() -> None:
    settings = Settings.from_env(
        {"HOLDSPACE_REGION": "UK", "HOLDSPACE_EPISODE_GAP_MINUTES": "90", "HOLDSPACE_HOME": "/x"},
        coder="rules",
    )
    assert settings.region == "UK"
    assert settings.episode_gap_minutes == 90.0
    assert settings.home == Path("/x")
    assert settings.coder == "rules"


def test_bad_number_says_which_variable() -> None:
    with pytest.raises(InvalidSetting, match=r"HOLDSPACE_MAX_ZIP_ENTRIES='lots' is not a number"):
        Settings.from_env({"HOLDSPACE_MAX_ZIP_ENTRIES": "lots"})


def test_every_setting_is_documented() -> None:
    docs = (Path(__file__).resolve().parent.parent / "docs" / "settings.md").read_text()
    for variable, _default, help_text in Settings.documentation():
        assert variable in docs
        assert help_text in docs
