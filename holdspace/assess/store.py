"""Each partner's private check-ins, encrypted under a key derived from their passphrase.

File format, version 1 (all integers big-endian)::

    magic "HSPV" | format version (1 byte) | argon2id time cost (4) | memory KiB (4)
    | parallelism (1) | salt (16) | nonce (12) | AES-256-GCM ciphertext of UTF-8 JSON

The header up to the nonce is authenticated as associated data, so the KDF cost cannot be
tampered with unnoticed. Every save uses a fresh random nonce. The file lives under
``Settings.home / "private"`` with a name derived from a hash of the partner's name: it names
neither the person nor what the file holds (SAFETY.md S9, S11).
"""

from __future__ import annotations

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
    "KdfCost",
    "PrivateStore",
    "check_home",
    "private_path",
]

MAGIC = b"HSPV"
FORMAT_VERSION = 1
_HEADER = struct.Struct(">4sBIIB16s")
_NONCE_BYTES = 12


@dataclass(frozen=True, slots=True)
class KdfCost:
    """argon2id cost. The default follows RFC 9106's second recommendation (64 MiB, t=3)."""

    time_cost: int = 3
    memory_kib: int = 65536
    parallelism: int = 1


DEFAULT_COST = KdfCost()


def private_path(home: Path, partner: str) -> Path:
    """Where ``partner``'s private file lives: a neutral, name-free file name."""
    digest = hashlib.sha256(f"holdspace:{partner.casefold()}".encode()).hexdigest()[:24]
    return home / "private" / f"{digest}.hsp"


def check_home(home: Path) -> None:
    """Raise :class:`InvalidSetting` when ``home`` exists but is not a folder."""
    if home.exists() and not home.is_dir():
        raise InvalidSetting(
            f"HOLDSPACE_HOME={home} is a file, not a folder; "
            "set HOLDSPACE_HOME to a folder (it is made when missing) or unset it."
        )


def _derive(passphrase: str, salt: bytes, cost: KdfCost) -> bytes:
    return hash_secret_raw(
        secret=passphrase.encode("utf-8"),
        salt=salt,
        time_cost=cost.time_cost,
        memory_cost=cost.memory_kib,
        parallelism=cost.parallelism,
        hash_len=32,
        type=Type.ID,
    )


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

    @staticmethod
    def exists(home: Path, partner: str) -> bool:
        return private_path(home, partner).is_file()

    @classmethod
    def create(
        cls, home: Path, partner: str, passphrase: str, *, cost: KdfCost = DEFAULT_COST
    ) -> PrivateStore:
        """A new, empty store for ``partner`` (saved at once)."""
        path = private_path(home, partner)
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
    def open(cls, home: Path, partner: str, passphrase: str) -> PrivateStore:
        """Open ``partner``'s store; :class:`AccessDenied` when the passphrase is wrong."""
        path = private_path(home, partner)
        blob = path.read_bytes()
        if len(blob) < _HEADER.size + _NONCE_BYTES or blob[:4] != MAGIC:
            raise HoldspaceError(
                f"{path} is not a holdspace private file or is damaged; "
                "restore it from a backup or move it away to start again."
            )
        _magic, version, time_cost, memory_kib, parallelism, salt = _HEADER.unpack_from(blob)
        if version != FORMAT_VERSION:
            raise HoldspaceError(
                f"{path} uses private file format {version}, which this holdspace cannot read; "
                "upgrade holdspace."
            )
        header = blob[: _HEADER.size]
        nonce = blob[_HEADER.size : _HEADER.size + _NONCE_BYTES]
        key = _derive(passphrase, salt, KdfCost(time_cost, memory_kib, parallelism))
        try:
            plain = AESGCM(key).decrypt(nonce, blob[_HEADER.size + _NONCE_BYTES :], header)
        except InvalidTag as error:
            raise AccessDenied(
                f"that passphrase does not open {partner}'s private check-ins; type it again "
                "(holdspace cannot recover a forgotten passphrase)."
            ) from error
        return cls(path, partner, key, header, json.loads(plain.decode("utf-8")))

    def save(self) -> None:
        """Encrypt with a fresh nonce and replace the file atomically (owner-only permissions)."""
        nonce = secrets.token_bytes(_NONCE_BYTES)
        plain = json.dumps(self.data, ensure_ascii=False, sort_keys=True).encode("utf-8")
        blob = self._header + nonce + AESGCM(self._key).encrypt(nonce, plain, self._header)
        try:
            self._write(blob)
        except OSError as error:
            raise InvalidSetting(
                f"cannot save private check-ins in {self.path.parent} ({error.strerror}); "
                "set HOLDSPACE_HOME to a folder you can write to."
            ) from error

    def _write(self, blob: bytes) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = self.path.with_suffix(".tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        # A temporary file left by an interrupted save keeps its old mode unless reset here.
        os.fchmod(descriptor, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(blob)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(self.path)

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
