"""The code an authenticator app shows (RFC 6238 with django-otp's defaults: SHA-1, 30 s, six
digits), for logging in over HTTP; kept apart from locustfile.py, which only locust imports."""

from __future__ import annotations

import hashlib
import hmac
import struct


def totp(key_hex: str, at: float, step: int = 30, digits: int = 6) -> str:
    counter = struct.pack(">Q", int(at // step))
    mac = hmac.new(bytes.fromhex(key_hex), counter, hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**digits:0{digits}d}"
