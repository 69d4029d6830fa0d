from __future__ import annotations

import holdspace


def test_all_is_sorted_and_every_name_exists() -> None:
    assert list(holdspace.__all__) == sorted(holdspace.__all__)
    for name in holdspace.__all__:
        assert hasattr(holdspace, name), name
