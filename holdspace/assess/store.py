"""Each partner's private check-ins, encrypted under a key derived from their passphrase.

File format, version 2 (all integers big-endian)::

    magic "HSPV" | format version (1 byte) | argon2id time cost (4) | memory KiB (4)
    | parallelism (1) | salt (16) | nonce (12) | AES-256-GCM ciphertext of UTF-8 JSON

The header up to the nonce is authenticated as associated data, so the KDF cost cannot be
tampered with unnoticed. Every save uses a fresh random nonce, and the JSON is padded with
spaces to a multiple of :data:`PAD_BYTES`, so the size hardly moves as check-ins are added.

Where a file lives (SAFETY.md S2, S9, S11): ``Settings.home / "private" / "<id>.hsp"``, where
``<id>`` is argon2id of the partner's passphrase, salted with a random per-home salt, a domain
label and the partner's name. Without the passphrase nobody can tell whose file is whose, or
whether a given person has one. The per-home salt and the locator's argon2id cost sit in
``private/locator`` (no name in it); the encryption key comes from a separate argon2id run with
the file's own random salt, so the file id and the key are unrelated.

Version 1 files were named after an unsalted hash of the name alone; :meth:`PrivateStore.find`
reads one once, with the right passphrase, rewrites it as version 2 under its new name and
removes the old file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import struct
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from holdspace.errors import AccessDenied, HoldspaceError, InvalidSetting

__all__ = [
    "DEFAULT_COST",
    "FORMAT_VERSION",
    "LOCATOR_FILE",
    "PAD_BYTES",
    "KdfCost",
    "PrivateStore",
    "check_home",
    "not_found_message",
]

MAGIC = b"HSPV"
FORMAT_VERSION = 2
_LEGACY_VERSION = 1
_HEADER = struct.Struct(">4sBIIB16s")
_NONCE_BYTES = 12
#: Plain text is padded to a multiple of this many bytes before encryption.
PAD_BYTES = 4096
#: The per-home salt for file ids: magic "HSPL", version, argon2id cost, salt (no names).
LOCATOR_FILE = "locator"
_LOCATOR_MAGIC = b"HSPL"
_LOCATOR_LABEL = b"holdspace.private.file-id.v2\x00"


@dataclass(frozen=True, slots=True)
class KdfCost:
    """argon2id cost. The default follows RFC 9106's second recommendation (64 MiB, t=3)."""

    time_cost: int = 3
    memory_kib: int = 65536
    parallelism: int = 1


DEFAULT_COST = KdfCost()


def not_found_message(partner: str, home: Path) -> str:
    """What every command says when no file opens with that name and passphrase.

    The same words whether the name has a file or not: holdspace cannot tell either.
    """
    return (
        f"no check-in found for {partner} with that passphrase under {home}; check the "
        "passphrase and type it again, or start a first check-in with: "
        f"holdspace checkin --as {partner} (holdspace cannot recover a forgotten passphrase)."
    )


def check_home(home: Path) -> None:
    """Raise :class:`InvalidSetting` when ``home`` exists but is not a folder."""
    if home.exists() and not home.is_dir():
        raise InvalidSetting(
            f"HOLDSPACE_HOME={home} is a file, not a folder; "
            "set HOLDSPACE_HOME to a folder (it is made when missing) or unset it."
        )


def _derive(passphrase: str, salt: bytes, cost: KdfCost, *, length: int = 32) -> bytes:
    return hash_secret_raw(
        secret=passphrase.encode("utf-8"),
        salt=salt,
        time_cost=cost.time_cost,
        memory_cost=cost.memory_kib,
        parallelism=cost.parallelism,
        hash_len=length,
        type=Type.ID,
    )


def _folder(home: Path) -> Path:
    return home / "private"


def _write_private(path: Path, blob: bytes) -> None:
    """Write ``blob`` to ``path`` atomically, owner-only, via ``path``'s ``.tmp`` sibling."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    # A temporary file left by an interrupted save keeps its old mode unless reset here.
    os.fchmod(descriptor, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(blob)
        handle.flush()
        os.fsync(handle.fileno())
    temporary.replace(path)


def _read_locator(home: Path) -> tuple[bytes, KdfCost] | None:
    path = _folder(home) / LOCATOR_FILE
    try:
        blob = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        # No private file yet (or no folder to hold one): nothing can be found.
        return None
    if len(blob) != _HEADER.size or blob[:4] != _LOCATOR_MAGIC or blob[4] != 1:
        raise HoldspaceError(
            f"{path} is damaged, so no private check-in can be found; restore it from a "
            "backup of the whole private folder."
        )
    _magic, _version, time_cost, memory_kib, parallelism, salt = _HEADER.unpack(blob)
    return salt, KdfCost(time_cost, memory_kib, parallelism)


def _ensure_locator(home: Path, cost: KdfCost) -> tuple[bytes, KdfCost]:
    """The per-home locator salt and cost, made (with ``cost``) on the first private file."""
    existing = _read_locator(home)
    if existing is not None:
        return existing
    path = _folder(home) / LOCATOR_FILE
    blob = _HEADER.pack(
        _LOCATOR_MAGIC,
        1,
        cost.time_cost,
        cost.memory_kib,
        cost.parallelism,
        secrets.token_bytes(16),
    )
    draft = path.with_name(f"{LOCATOR_FILE}-{secrets.token_hex(8)}.new")
    try:
        _write_private(draft, blob)
        # link() never replaces: when two first check-ins race, both use the first salt.
        with contextlib.suppress(FileExistsError):
            os.link(draft, path)
        draft.unlink()
    except OSError as error:
        raise InvalidSetting(
            f"cannot save private check-ins in {path.parent} ({error.strerror}); "
            "set HOLDSPACE_HOME to a folder you can write to."
        ) from error
    located = _read_locator(home)
    assert located is not None
    return located


def _file_id(partner: str, passphrase: str, locator: tuple[bytes, KdfCost]) -> str:
    salt, cost = locator
    name = partner.casefold().encode("utf-8")
    mixed = hashlib.sha256(_LOCATOR_LABEL + salt + name).digest()
    return _derive(passphrase, mixed, cost, length=16).hex()


def _legacy_path(home: Path, partner: str) -> Path:
    """Where format version 1 kept the file: a hash of the name alone (read for migration)."""
    digest = hashlib.sha256(f"holdspace:{partner.casefold()}".encode()).hexdigest()[:24]
    return _folder(home) / f"{digest}.hsp"


def _pad(plain: bytes) -> bytes:
    return plain + b" " * (-len(plain) % PAD_BYTES)


class PrivateStore:
    """One partner's decrypted record while open; :meth:`save` writes it back encrypted.

    The record holds ``administrations`` (finished check-ins, oldest first), ``in_progress``
    (a check-in to resume) and ``preferences``.
    """

    def __init__(self, path: Path, partner: str, key: bytes, header: bytes, data: dict[str, Any]):
        self.path = path
        self.partner = partner
        self._key = key
        self._header = header
        self.data = data

    @classmethod
    def find(cls, home: Path, partner: str, passphrase: str) -> PrivateStore | None:
        """``partner``'s store if ``passphrase`` opens one, else ``None`` (never says which).

        A version 1 file under the old name is read once and moved to its new name.
        """
        locator = _read_locator(home)
        if locator is not None:
            path = _folder(home) / f"{_file_id(partner, passphrase, locator)}.hsp"
            if path.is_file():
                return cls._decrypt(path, partner, passphrase)
        legacy = _legacy_path(home, partner)
        if not legacy.is_file():
            return None
        store = cls._decrypt(legacy, partner, passphrase, version=_LEGACY_VERSION)
        if store is None:
            return None
        return store._migrate(home, passphrase, legacy)

    @classmethod
    def open(cls, home: Path, partner: str, passphrase: str) -> PrivateStore:
        """Like :meth:`find`, but :class:`AccessDenied` when nothing opens."""
        store = cls.find(home, partner, passphrase)
        if store is None:
            raise AccessDenied(not_found_message(partner, home))
        return store

    @classmethod
    def create(
        cls, home: Path, partner: str, passphrase: str, *, cost: KdfCost = DEFAULT_COST
    ) -> PrivateStore:
        """A new, empty store for ``partner`` (saved at once).

        ``cost`` is the encryption key's; the first store in a home also fixes the locator's.
        """
        locator = _ensure_locator(home, cost)
        path = _folder(home) / f"{_file_id(partner, passphrase, locator)}.hsp"
        if path.exists():
            raise HoldspaceError(
                f"{partner} already has private check-ins with that passphrase; "
                f"continue them with: holdspace checkin --as {partner}"
            )
        salt = secrets.token_bytes(16)
        header = _HEADER.pack(
            MAGIC, FORMAT_VERSION, cost.time_cost, cost.memory_kib, cost.parallelism, salt
        )
        data: dict[str, Any] = {
            "partner": partner,
            "administrations": [],
            "in_progress": None,
            "preferences": {},
        }
        store = cls(path, partner, _derive(passphrase, salt, cost), header, data)
        store.save()
        return store

    @classmethod
    def _decrypt(
        cls, path: Path, partner: str, passphrase: str, *, version: int = FORMAT_VERSION
    ) -> PrivateStore | None:
        blob = path.read_bytes()
        if len(blob) < _HEADER.size + _NONCE_BYTES or blob[:4] != MAGIC:
            raise HoldspaceError(
                f"{path} is not a holdspace private file or is damaged; "
                "restore it from a backup or move it away to start again."
            )
        _magic, found, time_cost, memory_kib, parallelism, salt = _HEADER.unpack_from(blob)
        if found != version:
            raise HoldspaceError(
                f"{path} uses private file format {found}, which this holdspace cannot read; "
                "upgrade holdspace."
            )
        header = blob[: _HEADER.size]
        nonce = blob[_HEADER.size : _HEADER.size + _NONCE_BYTES]
        key = _derive(passphrase, salt, KdfCost(time_cost, memory_kib, parallelism))
        try:
            plain = AESGCM(key).decrypt(nonce, blob[_HEADER.size + _NONCE_BYTES :], header)
        except InvalidTag:
            # A wrong passphrase, or a tampered header: either way nothing opens.
            return None
        data: dict[str, Any] = json.loads(plain.decode("utf-8"))
        if str(data.get("partner", "")).casefold() != partner.casefold():
            return None
        return cls(path, partner, key, header, data)

    def _migrate(self, home: Path, passphrase: str, legacy: Path) -> PrivateStore:
        """Rewrite a version 1 store as version 2 under its new name; remove the old file."""
        _magic, _version, time_cost, memory_kib, parallelism, salt = _HEADER.unpack(self._header)
        locator = _ensure_locator(home, DEFAULT_COST)
        self.path = _folder(home) / f"{_file_id(self.partner, passphrase, locator)}.hsp"
        self._header = _HEADER.pack(MAGIC, FORMAT_VERSION, time_cost, memory_kib, parallelism, salt)
        self.save()
        legacy.unlink()
        return self

    def save(self) -> None:
        """Encrypt with a fresh nonce and replace the file atomically (owner-only permissions)."""
        nonce = secrets.token_bytes(_NONCE_BYTES)
        plain = _pad(json.dumps(self.data, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        blob = self._header + nonce + AESGCM(self._key).encrypt(nonce, plain, self._header)
        try:
            _write_private(self.path, blob)
        except OSError as error:
            raise InvalidSetting(
                f"cannot save private check-ins in {self.path.parent} ({error.strerror}); "
                "set HOLDSPACE_HOME to a folder you can write to."
            ) from error

    # -- the record -------------------------------------------------------------------------

    def add_administration(
        self,
        instrument: str,
        version: int,
        answers: dict[str, int | None],
        *,
        when: datetime | None = None,
    ) -> None:
        """Record a finished administration (not saved until :meth:`save`)."""
        moment = (when or datetime.now(UTC)).isoformat(timespec="seconds")
        self.data["administrations"].append(
            {"instrument": instrument, "version": version, "answers": answers, "completed": moment}
        )

    def administrations(self, instrument: str | None = None) -> list[dict[str, Any]]:
        """Finished administrations, oldest first, optionally of one instrument."""
        every: list[dict[str, Any]] = self.data["administrations"]
        return [a for a in every if instrument is None or a["instrument"] == instrument]

    @property
    def in_progress(self) -> dict[str, Any] | None:
        value: dict[str, Any] | None = self.data.get("in_progress")
        return value

    @in_progress.setter
    def in_progress(self, state: dict[str, Any] | None) -> None:
        self.data["in_progress"] = state
