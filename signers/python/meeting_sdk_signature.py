"""The whole Zoom Meeting SDK signature: an HS256 JWT, written out so that every signed byte is visible.

Copy this file into any Python backend (Django: next to your views). Standard library only. The tokens are
byte-identical to this repository's other signers: signers/vectors.json proves it in CI.
"""
import base64
import hashlib
import hmac
import json
import math
import time
from typing import Optional, Tuple

# Zoom rejects signatures whose clock runs ahead of its own; back-dating iat by 30 s absorbs small skew.
IAT_BACKDATE_SECONDS = 30


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
    expiration_seconds: int = 7200,
    video_webrtc_mode: Optional[int] = None,
    now: Optional[float] = None,
) -> Tuple[str, int]:
    """Returns (jwt, exp).

    meeting_number: digits only (strip spaces and dashes first); role: 0 attendee, 1 host;
    expiration_seconds: 1800..172800, Zoom's limits; video_webrtc_mode: None (left out), 0 or 1;
    now: seconds since 1970 (time.time()), for tests.
    """
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
