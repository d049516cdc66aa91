"""The whole Zoom Meeting SDK signature: an HS256 JWT, written out so that every signed byte is visible.

Copy this file into any Python backend (Django: next to your views). Standard library only. The tokens are
byte-identical to this repository's other signers: signers/vectors.json proves it in CI.
"""
import base64
import hashlib
import hmac
import json
import math
import os
import re
import time
from typing import Optional, Tuple

# Zoom rejects signatures whose clock runs ahead of its own; back-dating iat by 30 s absorbs small skew.
IAT_BACKDATE_SECONDS = 30
# Zoom's bounds on a signature's lifetime (exp - iat).
MIN_EXPIRATION_SECONDS = 1800
MAX_EXPIRATION_SECONDS = 172_800
# A signature is a bearer credential until it expires: at most 4 h unless ZOOM_MAX_EXPIRATION_SECONDS says more,
# so a leaked one is not good for two days.
MAX_EXPIRATION_VARIABLE = "ZOOM_MAX_EXPIRATION_SECONDS"
DEFAULT_MAX_EXPIRATION_SECONDS = 14_400
# A lifetime left out: 2 h, or the ceiling when that is lower (a site capping signatures at 1 h still signs).
DEFAULT_EXPIRATION_SECONDS = 7200
# Whitespace as JavaScript's trim() and \s see it (str.strip() alone would also take \x1c-\x1f and keep a BOM), so
# settings read exactly as in this repository's Netlify function.
WHITESPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


class SettingError(ValueError):
    """A setting this signer will not work with. The message names the variable and what it takes, never its value."""


def env_value(name: str) -> str:
    """The variable's value, trimmed: a secret pasted with a trailing newline signs differently from the real one."""
    return os.environ.get(name, "").strip(WHITESPACE)


def max_expiration_seconds() -> int:
    """The longest lifetime sign_meeting_sdk_jwt hands out: ZOOM_MAX_EXPIRATION_SECONDS, whole seconds within Zoom's
    bounds, or 4 h when unset. Anything else raises SettingError: a typo must not quietly sign for longer than meant.
    """
    text = env_value(MAX_EXPIRATION_VARIABLE)
    if not text:
        return DEFAULT_MAX_EXPIRATION_SECONDS
    # ASCII digits only (int() would also take "+1", "1_0" or "١"), leading zeros fine; at most 6 that count.
    significant = text.lstrip("0")
    if re.fullmatch("[0-9]{0,6}", significant) and MIN_EXPIRATION_SECONDS <= int(significant or 0) <= MAX_EXPIRATION_SECONDS:
        return int(significant)
    raise SettingError(
        f"{MAX_EXPIRATION_VARIABLE} is not valid: set a whole number of seconds from {MIN_EXPIRATION_SECONDS} to "
        f"{MAX_EXPIRATION_SECONDS}, or leave it unset for {DEFAULT_MAX_EXPIRATION_SECONDS}."
    )


def default_expiration_seconds(ceiling: Optional[int] = None) -> int:
    """The lifetime of a signature whose caller names none: 2 h, or the ceiling (max_expiration_seconds()) when lower."""
    return min(DEFAULT_EXPIRATION_SECONDS, max_expiration_seconds() if ceiling is None else ceiling)


def _base64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _compact_json(value: dict) -> bytes:
    # JSON.stringify's bytes: no spaces, UTF-8 as is.
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sign_meeting_sdk_jwt(
    sdk_key: str,
    secret: str,
    meeting_number: str,
    role: int,
    expiration_seconds: Optional[int] = None,
    video_webrtc_mode: Optional[int] = None,
    now: Optional[float] = None,
) -> Tuple[str, int]:
    """Returns (jwt, exp).

    meeting_number: digits only (strip spaces and dashes first); role: 0 attendee, 1 host;
    expiration_seconds: 1800..172800, Zoom's limits, and at most max_expiration_seconds() (ValueError above it,
    never shortened); None (left out): default_expiration_seconds(), 2 h or the ceiling when lower;
    video_webrtc_mode: None (left out), 0 or 1; now: seconds since 1970 (time.time()), for tests.
    """
    ceiling = max_expiration_seconds()
    if expiration_seconds is None:
        expiration_seconds = default_expiration_seconds(ceiling)
    if expiration_seconds > ceiling:
        raise ValueError(f"expiration_seconds {expiration_seconds} is above {MAX_EXPIRATION_VARIABLE} ({ceiling})")
    iat = math.floor(time.time() if now is None else now) - IAT_BACKDATE_SECONDS
    exp = iat + expiration_seconds
    header = {"alg": "HS256", "typ": "JWT"}
    # Zoom reads these by name, but the order is kept identical in every language so tokens compare byte for byte.
    claims = {
        "appKey": sdk_key,  # required since Meeting SDK 5.0
        "sdkKey": sdk_key,
        "mn": meeting_number,
        "role": role,
        "iat": iat,
        "exp": exp,
        "tokenExp": exp,
    }
    if video_webrtc_mode is not None:
        claims["video_webrtc_mode"] = video_webrtc_mode
    unsigned = _base64url(_compact_json(header)) + "." + _base64url(_compact_json(claims))
    signature = hmac.new(secret.encode("utf-8"), unsigned.encode("ascii"), hashlib.sha256).digest()
    return unsigned + "." + _base64url(signature), exp
