"""The enrolment code a desk types in 설정 → 동기화, and the device secret beside it.

A code says where the server is and which device this is: host, port, database, device id
and the installation tag, from which the device's LOGIN role name follows
(`the5hc_<tag>_d_<device hex>`). It is `T5HC-` then base32 (no padding) in groups of five
of a small binary record ending in a 4-byte checksum, so a typo is caught before any
connection. Reading is forgiving: case, spaces and dashes do not matter, and 0/1/8 are
read as O/I/B. The secret is separate (never in the code), random, shown once.

    record = version(1) device(16) tag(4) port(2) len+host len+database checksum(4)
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
import struct
import uuid
from dataclasses import dataclass

from the5hc_desktop.domain.errors import ValidationError

PREFIX = "T5HC"
CODE_VERSION = 1
_CHECKSUM = 4
_GROUP = 5
_BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})
SECRET_LENGTH = 25  # base32 characters: 125 random bits


class EnrolmentCodeError(ValidationError):
    """The code cannot be read: mistyped, truncated or not an enrolment code."""

    def __init__(self, reason: str) -> None:
        super().__init__("등록 코드가 올바르지 않습니다. 관리자에게 받은 코드를 다시 확인하세요",
                         f"the enrolment code is not valid ({reason}); check the code "
                         "the administrator gave you", field="code")
        self.reason = reason


@dataclass(frozen=True)
class Enrolment:
    host: str
    port: int
    database: str
    device_id: uuid.UUID
    installation: str  # 8 hex digits

    @property
    def role(self) -> str:
        """The device's LOGIN role on the server."""
        return device_role_name(self.installation, self.device_id)


def device_role_name(installation: str, device_id: uuid.UUID) -> str:
    return f"the5hc_{installation}_d_{device_id.hex}"


def encode(enrolment: Enrolment) -> str:
    host = enrolment.host.encode()
    database = enrolment.database.encode()
    if not re.fullmatch(r"[0-9a-f]{8}", enrolment.installation):
        raise ValueError(f"installation tag must be 8 hex digits: {enrolment.installation!r}")
    if not 0 < enrolment.port < 65536 or not host or len(host) > 255 or len(database) > 255:
        raise ValueError("host, port or database out of range")
    record = (struct.pack(">B16s4sH", CODE_VERSION, enrolment.device_id.bytes,
                          bytes.fromhex(enrolment.installation), enrolment.port)
              + bytes([len(host)]) + host + bytes([len(database)]) + database)
    record += _checksum(record)
    text = base64.b32encode(record).decode().rstrip("=")
    groups = [text[i:i + _GROUP] for i in range(0, len(text), _GROUP)]
    return "-".join([PREFIX, *groups])


def decode(code: str) -> Enrolment:
    """Read a code; raises EnrolmentCodeError when it is malformed or mistyped."""
    text = re.sub(r"[\s\-]", "", str(code)).upper().translate(_LOOKALIKES)
    if not text.startswith(PREFIX):
        raise EnrolmentCodeError(f"it does not start with {PREFIX}")
    body = text[len(PREFIX):]
    if not body or any(ch not in _BASE32 for ch in body):
        raise EnrolmentCodeError("it holds characters other than A-Z and 2-7")
    try:
        record = base64.b32decode(body + "=" * (-len(body) % 8))
    except ValueError:
        raise EnrolmentCodeError("its length is wrong") from None
    payload, check = record[:-_CHECKSUM], record[-_CHECKSUM:]
    if len(record) <= _CHECKSUM or _checksum(payload) != check:
        raise EnrolmentCodeError("a character is mistyped or missing")
    try:
        version, device, tag, port = struct.unpack_from(">B16s4sH", payload)
        rest = payload[struct.calcsize(">B16s4sH"):]
        host, rest = _text(rest)
        database, rest = _text(rest)
    except (struct.error, IndexError, UnicodeDecodeError):
        raise EnrolmentCodeError("its contents are cut short") from None
    if version != CODE_VERSION:
        raise EnrolmentCodeError(f"code version {version} needs another app version")
    if rest or not host or not database or not port:
        raise EnrolmentCodeError("its contents are incomplete")
    return Enrolment(host=host, port=port, database=database, device_id=uuid.UUID(bytes=device),
                     installation=tag.hex())


def new_secret() -> str:
    """A random device secret, typeable: five groups of five base32 characters."""
    raw = "".join(secrets.choice(_BASE32) for _ in range(SECRET_LENGTH))
    return "-".join(raw[i:i + _GROUP] for i in range(0, SECRET_LENGTH, _GROUP))


def normalize_secret(text: str) -> str:
    """The secret as the server knows it, however it was typed (case, spaces, dashes)."""
    raw = re.sub(r"[\s\-]", "", text).upper().translate(_LOOKALIKES)
    return "-".join(raw[i:i + _GROUP] for i in range(0, len(raw), _GROUP))


def _checksum(payload: bytes) -> bytes:
    return hashlib.blake2s(payload, digest_size=_CHECKSUM).digest()


def _text(data: bytes) -> tuple[str, bytes]:
    size = data[0]
    if len(data) < 1 + size:
        raise IndexError("short")
    return data[1:1 + size].decode(), data[1 + size:]
