"""The encrypted private store: round trip, wrong passphrase, format, unlinkable file names."""

from __future__ import annotations

import hashlib
import json
import re
import struct
from pathlib import Path

import pytest

from holdspace.assess.store import (
    FORMAT_VERSION,
    LOCATOR_FILE,
    PAD_BYTES,
    KdfCost,
    PrivateStore,
)
from holdspace.errors import AccessDenied, HoldspaceError, InvalidSetting

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


NOT_FOUND = (
    "no check-in found for Sam with that passphrase under {home}; check the passphrase and "
    "type it again, or start a first check-in with: holdspace checkin --as Sam (holdspace "
    "cannot recover a forgotten passphrase)."
)


@pytest.mark.parametrize("case", ["wrong-passphrase", "no-file-for-the-name", "empty-home"])
def test_nothing_opens_says_the_same_whether_the_name_has_a_file(tmp_path: Path, case: str) -> None:
    if case == "wrong-passphrase":
        PrivateStore.create(tmp_path, "Sam", "right", cost=CHEAP)
    elif case == "no-file-for-the-name":
        PrivateStore.create(tmp_path, "Alex", "right", cost=CHEAP)
    assert PrivateStore.find(tmp_path, "Sam", "wrong") is None
    with pytest.raises(AccessDenied) as error:
        PrivateStore.open(tmp_path, "Sam", "wrong")
    assert str(error.value) == NOT_FOUND.format(home=tmp_path)


def test_tampered_kdf_cost_is_detected(tmp_path: Path) -> None:
    store = PrivateStore.create(tmp_path, "Sam", "pw", cost=CHEAP)
    blob = bytearray(store.path.read_bytes())
    blob[8] ^= 0  # memory cost high byte untouched
    blob[12] = 16  # memory KiB low byte changed: 8 -> 16
    store.path.write_bytes(bytes(blob))
    with pytest.raises(AccessDenied):
        PrivateStore.open(tmp_path, "Sam", "pw")


def test_not_a_private_file(tmp_path: Path) -> None:
    path = PrivateStore.create(tmp_path, "Sam", "pw", cost=CHEAP).path
    path.write_bytes(b"hello")
    with pytest.raises(HoldspaceError) as error:
        PrivateStore.open(tmp_path, "Sam", "pw")
    assert str(error.value) == (
        f"{path} is not a holdspace private file or is damaged; restore it from a backup or "
        "move it away to start again."
    )


def test_same_name_different_passphrase_is_a_different_file(tmp_path: Path) -> None:
    first = PrivateStore.create(tmp_path, "Sam", "one", cost=CHEAP)
    second = PrivateStore.create(tmp_path, "Sam", "two", cost=CHEAP)
    assert first.path != second.path
    assert PrivateStore.open(tmp_path, "sam", "one").path == first.path
    assert PrivateStore.open(tmp_path, "Sam", "two").path == second.path


def test_the_same_name_and_passphrase_differ_between_homes(tmp_path: Path) -> None:
    one = PrivateStore.create(tmp_path / "a", "Sam", "pw", cost=CHEAP)
    two = PrivateStore.create(tmp_path / "b", "Sam", "pw", cost=CHEAP)
    assert one.path.name != two.path.name


SAFETY_WORDS = (
    "hark",
    "asq",
    "phq",
    "suicide",
    "self-harm",
    "violence",
    "abuse",
    "crisis",
    "safety",
)


def _name_hashes(name: str) -> set[str]:
    """Unsalted hashes an onlooker could compute from a bare name."""
    hashes = set()
    for text in (name, name.casefold(), f"holdspace:{name.casefold()}", f"holdspace:{name}"):
        for algorithm in ("md5", "sha1", "sha256", "sha512", "blake2b"):
            hashes.add(hashlib.new(algorithm, text.encode()).hexdigest())
    return hashes


def test_listing_the_folder_reveals_nothing_per_name(tmp_path: Path) -> None:
    maya = PrivateStore.create(tmp_path, "Maya", "maya's words", cost=CHEAP)
    jordan = PrivateStore.create(tmp_path, "Jordan", "jordan's words", cost=CHEAP)
    maya.add_administration("hark", 1, {"hark_h": 1, "hark_a": 1})
    maya.save()
    listing = sorted(p.name for p in (tmp_path / "private").iterdir())
    assert listing == sorted([LOCATOR_FILE, maya.path.name, jordan.path.name])
    for name in (maya.path.name, jordan.path.name):
        assert re.fullmatch(r"[0-9a-f]{32}\.hsp", name)
        stem = name.removesuffix(".hsp")
        for person in ("Maya", "Jordan"):
            assert person.casefold() not in name
            assert not any(stem in digest for digest in _name_hashes(person))
        assert not any(word in name for word in SAFETY_WORDS)
    # The locator holds one salt for the whole home, nothing per name.
    assert b"Maya" not in (tmp_path / "private" / LOCATOR_FILE).read_bytes()
    # Sizes are padded: answering once more does not show in the file size.
    assert maya.path.stat().st_size == jordan.path.stat().st_size
    header, nonce, tag = 30, 12, 16
    assert maya.path.stat().st_size == header + nonce + PAD_BYTES + tag
    for path in (maya.path, jordan.path, tmp_path / "private" / LOCATOR_FILE):
        assert (path.stat().st_mode & 0o777) == 0o600


def test_a_leftover_temporary_file_does_not_widen_the_mode(tmp_path: Path) -> None:
    first = PrivateStore.create(tmp_path, "Sam", "pw", cost=CHEAP)
    leftover = first.path.with_suffix(".tmp")
    leftover.write_bytes(b"interrupted")
    leftover.chmod(0o644)
    first.save()
    assert (first.path.stat().st_mode & 0o777) == 0o600
    assert sorted(p.name for p in first.path.parent.iterdir()) == sorted(
        [LOCATOR_FILE, first.path.name]
    )


def _write_version_1(home: Path, partner: str, passphrase: str) -> Path:
    """A file as format version 1 wrote it: named by a hash of the name, unpadded."""
    from argon2.low_level import Type, hash_secret_raw
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = b"s" * 16, b"n" * 12
    header = struct.pack(">4sBIIB16s", b"HSPV", 1, 1, 8, 1, salt)
    key = hash_secret_raw(passphrase.encode(), salt, 1, 8, 1, 32, Type.ID)
    finished = [{"instrument": "gad7", "version": 1, "answers": {}}]
    record = {"partner": partner, "administrations": finished, "in_progress": None}
    plain = json.dumps(record).encode()
    digest = hashlib.sha256(f"holdspace:{partner.casefold()}".encode()).hexdigest()[:24]
    path = home / "private" / f"{digest}.hsp"
    path.parent.mkdir(parents=True)
    path.write_bytes(header + nonce + AESGCM(key).encrypt(nonce, plain, header))
    return path


def test_a_version_1_file_moves_to_its_new_name_once(tmp_path: Path) -> None:
    old = _write_version_1(tmp_path, "Sam", "pw")
    assert PrivateStore.find(tmp_path, "Sam", "wrong") is None
    assert old.is_file()
    store = PrivateStore.open(tmp_path, "Sam", "pw")
    assert not old.exists()
    assert store.path.read_bytes()[4] == FORMAT_VERSION
    assert store.administrations()[0]["instrument"] == "gad7"
    again = PrivateStore.open(tmp_path, "Sam", "pw")
    assert again.path == store.path and again.administrations() == store.administrations()
    assert sorted(p.name for p in (tmp_path / "private").iterdir()) == sorted(
        [LOCATOR_FILE, store.path.name]
    )


def test_a_damaged_locator_is_reported(tmp_path: Path) -> None:
    PrivateStore.create(tmp_path, "Sam", "pw", cost=CHEAP)
    locator = tmp_path / "private" / LOCATOR_FILE
    locator.write_bytes(b"oops")
    with pytest.raises(HoldspaceError) as error:
        PrivateStore.find(tmp_path, "Sam", "pw")
    assert str(error.value) == (
        f"{locator} is damaged, so no private check-in can be found; restore it from a "
        "backup of the whole private folder."
    )


def test_default_cost_is_memory_hard() -> None:
    assert KdfCost().memory_kib >= 65536 and KdfCost().time_cost >= 3


def test_a_home_under_a_file_finds_nothing_and_cannot_save(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    home = tmp_path / "file" / "home"
    assert PrivateStore.find(home, "Sam", "pw") is None
    with pytest.raises(InvalidSetting) as error:
        PrivateStore.create(home, "Sam", "pw", cost=CHEAP)
    assert str(error.value) == (
        f"cannot save private check-ins in {home / 'private'} (Not a directory); "
        "set HOLDSPACE_HOME to a folder you can write to."
    )
