"""The encrypted private store: round trip, wrong passphrase, format, neutral file names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from holdspace.assess.store import FORMAT_VERSION, KdfCost, PrivateStore, private_path
from holdspace.errors import AccessDenied, HoldspaceError

CHEAP = KdfCost(time_cost=1, memory_kib=8, parallelism=1)


def test_round_trip_and_nothing_readable_on_disk(tmp_path: Path) -> None:
    store = PrivateStore.create(tmp_path, "Sam", "correct horse", cost=CHEAP)
    store.add_administration("hark", 1, {"hark_h": 1})
    store.save()
    blob = store.path.read_bytes()
    assert blob[:4] == b"HSPV" and blob[4] == FORMAT_VERSION
    assert b"hark" not in blob and b"Sam" not in blob
    again = PrivateStore.open(tmp_path, "Sam", "correct horse")
    assert again.administrations("hark")[0]["answers"] == {"hark_h": 1}


def test_fresh_nonce_on_every_save(tmp_path: Path) -> None:
    store = PrivateStore.create(tmp_path, "Sam", "pw", cost=CHEAP)
    first = store.path.read_bytes()
    store.save()
    assert store.path.read_bytes() != first
    assert store.path.read_bytes()[:29] == first[:29]


def test_wrong_passphrase(tmp_path: Path) -> None:
    PrivateStore.create(tmp_path, "Sam", "right", cost=CHEAP)
    with pytest.raises(AccessDenied) as error:
        PrivateStore.open(tmp_path, "Sam", "wrong")
    assert str(error.value) == (
        "that passphrase does not open Sam's private check-ins; type it again "
        "(holdspace cannot recover a forgotten passphrase)."
    )


def test_tampered_kdf_cost_is_detected(tmp_path: Path) -> None:
    store = PrivateStore.create(tmp_path, "Sam", "pw", cost=CHEAP)
    blob = bytearray(store.path.read_bytes())
    blob[8] ^= 0  # memory cost high byte untouched
    blob[12] = 16  # memory KiB low byte changed: 8 -> 16
    store.path.write_bytes(bytes(blob))
    with pytest.raises(AccessDenied):
        PrivateStore.open(tmp_path, "Sam", "pw")


def test_not_a_private_file(tmp_path: Path) -> None:
    path = private_path(tmp_path, "Sam")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"hello")
    with pytest.raises(HoldspaceError) as error:
        PrivateStore.open(tmp_path, "Sam", "pw")
    assert str(error.value) == (
        f"{path} is not a holdspace private file or is damaged; restore it from a backup or "
        "move it away to start again."
    )


def test_file_names_carry_no_names_and_no_safety_words(tmp_path: Path) -> None:
    store = PrivateStore.create(tmp_path, "Sam", "pw", cost=CHEAP)
    assert store.path.parent == tmp_path / "private"
    assert re.fullmatch(r"[0-9a-f]{24}\.hsp", store.path.name)
    assert private_path(tmp_path, "sam") == store.path
    assert private_path(tmp_path, "Alex") != store.path
    assert (store.path.stat().st_mode & 0o777) == 0o600


def test_a_leftover_temporary_file_does_not_widen_the_mode(tmp_path: Path) -> None:
    path = private_path(tmp_path, "Sam")
    path.parent.mkdir()
    leftover = path.with_suffix(".tmp")
    leftover.write_bytes(b"interrupted")
    leftover.chmod(0o644)
    store = PrivateStore.create(tmp_path, "Sam", "pw", cost=CHEAP)
    assert (store.path.stat().st_mode & 0o777) == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_default_cost_is_memory_hard() -> None:
    assert KdfCost().memory_kib >= 65536 and KdfCost().time_cost >= 3
