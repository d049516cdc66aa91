"""POST /api/signature, the same contract as this repository's Netlify function (README, "API"): same validation,
status codes, JSON errors and headers, free of any web framework (server.py serves it with http.server; a Django
view can call handle() too). Standard library only.
"""
import json
import math
import re
import time
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Tuple

try:
    from .meeting_sdk_signature import (MAX_EXPIRATION_SECONDS, MAX_EXPIRATION_VARIABLE, MIN_EXPIRATION_SECONDS,
                                        WHITESPACE, SettingError, default_expiration_seconds, env_value,
                                        max_expiration_seconds, sign_meeting_sdk_jwt)
except ImportError:  # run as a script from this folder (server.py)
    from meeting_sdk_signature import (MAX_EXPIRATION_SECONDS, MAX_EXPIRATION_VARIABLE, MIN_EXPIRATION_SECONDS,
                                       WHITESPACE, SettingError, default_expiration_seconds, env_value,
                                       max_expiration_seconds, sign_meeting_sdk_jwt)

PATH = "/api/signature"
MAX_REQUEST_BYTES = 4096
MAX_SAFE_INTEGER = 2**53 - 1
FIELDS = ("meetingNumber", "role", "expirationSeconds", "videoWebRtcMode")
# JavaScript's \s plus the dash (Python's \s differs): invites show "978-759-818", Zoom wants the digits.
SEPARATORS = re.compile(f"[{WHITESPACE}-]")
ORIGIN_SEPARATORS = re.compile(f"[{WHITESPACE},]+")
# An origin as browsers send it: lower case, no path. Listed ones are compared as exact strings.
ORIGIN = re.compile(r"https?://([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(:[0-9]{1,5})?")
MEETING_DIGITS = re.compile("[0-9]{9,11}")
ORIGINS_INVALID = ("ALLOWED_ORIGINS is not valid: list exact origins (scheme://host or scheme://host:port, no path), "
                   "separated by commas.")
MEETINGS_INVALID = ("ZOOM_ALLOWED_MEETINGS is not valid: list meeting numbers of 9 to 11 digits (spaces and dashes are "
                    "ignored), separated by commas.")
JSON_HEADERS = {
    "content-type": "application/json; charset=utf-8",
    "x-content-type-options": "nosniff",
    # A signature is per meeting and per moment: no cache may keep or share one.
    "cache-control": "no-store",
}
TOO_SHORT = f"must be at least {MIN_EXPIRATION_SECONDS} (30 minutes)"
TOO_LONG = f"must be at most {MAX_EXPIRATION_SECONDS} (48 hours)"
MISSING = object()
INVALID_JSON = object()

Reply = Tuple[int, Dict[str, str], Optional[bytes]]
Fields = Dict[str, List[str]]


class Settings(NamedTuple):
    """The settings, checked: origins and meetings empty when not set."""
    origins: List[str]
    meetings: List[str]
    max_expiration_seconds: int


def normalise_meeting_number(value: str) -> str:
    return SEPARATORS.sub("", value)


def settings() -> Settings:
    """Every setting, checked in this order before anything else: a malformed one raises SettingError, so the signer
    refuses every request rather than guessing what was meant (a space-separated list of meetings, a typo)."""
    origins = [item for item in ORIGIN_SEPARATORS.split(env_value("ALLOWED_ORIGINS")) if item]
    if not all(ORIGIN.fullmatch(origin) for origin in origins):
        raise SettingError(ORIGINS_INVALID)
    # Only commas and lines separate meetings: "978 759 818" is one meeting, as invites write it.
    meetings = [m for m in (normalise_meeting_number(item) for item in re.split("[,\r\n]", env_value("ZOOM_ALLOWED_MEETINGS"))) if m]
    if not all(MEETING_DIGITS.fullmatch(meeting) for meeting in meetings):
        raise SettingError(MEETINGS_INVALID)
    return Settings(origins, meetings, max_expiration_seconds())


def json_reply(status: int, body: Any, headers: Optional[Dict[str, str]] = None) -> Reply:
    return status, {**JSON_HEADERS, **(headers or {})}, json.dumps(body, separators=(",", ":")).encode("utf-8")


def error(status: int, code: str, message: str, fields: Optional[Fields] = None, headers: Optional[Dict[str, str]] = None) -> Reply:
    body: Dict[str, Any] = {"code": code, "message": message}
    if fields is not None:
        body["fields"] = fields
    return json_reply(status, {"error": body}, headers)


def handle(method: str, path: str, origin: Optional[str], host: Optional[str], content_type: Optional[str],
           content_length: Optional[int], read_body: Callable[[int], bytes]) -> Reply:
    """The whole request → answer.

    read_body(limit) returns at most limit + 1 bytes of the body.
    """
    if path != PATH:
        return error(404, "not_found", f"This server only answers {PATH}.")
    try:
        config = settings()
    except SettingError as malformed:
        return error(503, "setting_invalid", str(malformed))
    cors: Dict[str, str] = {}
    # Same-origin and server-to-server calls need no CORS; other sites only when listed exactly.
    if origin and origin != f"http://{host}" and config.origins:
        if origin not in config.origins:
            return error(403, "origin_not_allowed", f"Pages on {origin} may not use this signer (see ALLOWED_ORIGINS).")
        cors = {"access-control-allow-origin": origin, "vary": "Origin"}
        if method == "OPTIONS":
            return 204, {**cors, "access-control-allow-methods": "POST", "access-control-allow-headers": "content-type",
                         "access-control-max-age": "600"}, None
    status, headers, body = sign(config, method, content_type, content_length, read_body)
    return status, {**headers, **cors}, body


def sign(config: Settings, method: str, content_type: Optional[str], content_length: Optional[int],
         read_body: Callable[[int], bytes]) -> Reply:
    if method != "POST":
        return error(405, "method_not_allowed", "Use POST.", headers={"allow": "POST"})
    key, secret = env_value("ZOOM_MEETING_SDK_KEY"), env_value("ZOOM_MEETING_SDK_SECRET")
    missing = [name for name, value in (("ZOOM_MEETING_SDK_KEY", key), ("ZOOM_MEETING_SDK_SECRET", secret)) if not value]
    if missing:
        return error(503, "signer_not_configured",
                     f"The signer is not configured: set {' and '.join(missing)} (your Meeting SDK app's Client ID "
                     "and Client Secret from the Zoom App Marketplace) in this server's environment.")
    if (content_type or "").split(";")[0].strip().lower() != "application/json":
        return error(415, "unsupported_media_type", 'Send the request body as JSON with "Content-Type: application/json".')
    too_large = error(413, "payload_too_large", f"The request body must be at most {MAX_REQUEST_BYTES} bytes.")
    if content_length is not None and content_length > MAX_REQUEST_BYTES:
        return too_large
    raw = read_body(MAX_REQUEST_BYTES)
    if len(raw) > MAX_REQUEST_BYTES:
        return too_large
    body = parse_json(raw)
    if body is INVALID_JSON:
        return error(400, "invalid_json", "The request body is not valid JSON.")
    request, fields = validate(body)
    if fields:
        return error(400, "invalid_request", f"Check these fields: {', '.join(fields)}.", fields=fields)
    if config.meetings and request["meeting_number"] not in config.meetings:
        return error(403, "meeting_not_allowed", "This site only serves the meetings listed in ZOOM_ALLOWED_MEETINGS.",
                     fields={"meetingNumber": ["is not one of the meetings this site may join"]})
    ceiling = config.max_expiration_seconds
    # Left out: 2 h, or the ceiling when lower (the page leaves it out). Asked for: refused above it, never shortened.
    request.setdefault("expiration_seconds", default_expiration_seconds(ceiling))
    if request["expiration_seconds"] > ceiling:
        return error(400, "invalid_request", "Check these fields: expirationSeconds.",
                     fields={"expirationSeconds": [f"must be at most {ceiling} on this site ({MAX_EXPIRATION_VARIABLE})"]})
    token, exp = sign_meeting_sdk_jwt(sdk_key=key, secret=secret, **request)
    expires_at = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(exp))
    return json_reply(200, {"signature": token, "sdkKey": key, "expiresAt": expires_at})


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)


def parse_json(raw: bytes) -> Any:
    """Strict JSON, as JavaScript's JSON.parse reads it: no NaN or Infinity, bad UTF-8 replaced, a BOM skipped."""
    text = raw.decode("utf-8", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        return INVALID_JSON


def validate(body: Any) -> Tuple[Dict[str, Any], Optional[Fields]]:
    """(request, None) or ({}, {field: [messages]}), with the function's messages, in its order."""
    if not isinstance(body, dict):
        return {}, {"body": ["must be a JSON object"]}
    fields: Fields = {}

    def add(name: str, message: str) -> None:
        fields.setdefault(name, []).append(message)

    request: Dict[str, Any] = {}
    meeting_number = meeting_number_text(body.get("meetingNumber", MISSING))
    if meeting_number is MISSING:
        add("meetingNumber", "is required")
    elif meeting_number is None:
        add("meetingNumber", "must be a string or a number")
    elif not MEETING_DIGITS.fullmatch(normalise_meeting_number(meeting_number)):
        add("meetingNumber", "must be 9 to 11 digits (spaces and dashes are ignored)")
    else:
        request["meeting_number"] = normalise_meeting_number(meeting_number)

    role = zero_or_one(body.get("role", MISSING))
    if role is MISSING:
        add("role", "is required")
    elif role is None:
        add("role", "must be 0 (attendee) or 1 (host)")
    else:
        request["role"] = role

    if "expirationSeconds" in body:  # left out: sign() picks the default, which depends on the ceiling
        seconds, problems = expiration_seconds(body["expirationSeconds"])
        for message in problems:
            add("expirationSeconds", message)
        if not problems:
            request["expiration_seconds"] = seconds

    if "videoWebRtcMode" in body:
        mode = zero_or_one(body["videoWebRtcMode"])
        if mode is None:
            add("videoWebRtcMode", "must be 0 or 1")
        else:
            request["video_webrtc_mode"] = mode

    for name in body:
        if name not in FIELDS:
            add(name, "is not an accepted field")
    return (request, None) if not fields else ({}, javascript_key_order(fields))


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def meeting_number_text(value: Any) -> Any:
    """A number is taken as JavaScript's String(number) would write it: only whole 9-to-11-digit values can pass."""
    if value is MISSING or isinstance(value, str):
        return value
    if is_number(value):
        if math.isfinite(value) and value == math.floor(value) and abs(value) < 1e11:
            return str(abs(int(value)))
        return "not digits"
    return None


def zero_or_one(value: Any) -> Any:
    """Zoom's auth sample coerces strings, so its clients send "0"/"1": exactly those strings count as numbers."""
    if value is MISSING:
        return value
    if is_number(value) and value in (0, 1):
        return int(value)
    return {"0": 0, "1": 1}.get(value) if isinstance(value, str) else None


def expiration_seconds(value: Any) -> Tuple[Optional[int], List[str]]:
    """(seconds, problems): a JSON number or a string of digits (Zoom's sample clients send "3600")."""
    whole = "must be a whole number of seconds"
    number: Optional[float] = None
    if is_number(value):
        number = value
    elif isinstance(value, str) and re.fullmatch("[0-9]+", value):
        number = float(value)
    if number is None or not math.isfinite(number) or number != math.floor(number):
        return None, [whole]
    # Beyond 2^53 a number is no longer exact: the function names both problems.
    if abs(number) > MAX_SAFE_INTEGER:
        return None, [whole, TOO_LONG if number > 0 else TOO_SHORT]
    if number < MIN_EXPIRATION_SECONDS:
        return None, [TOO_SHORT]
    if number > MAX_EXPIRATION_SECONDS:
        return None, [TOO_LONG]
    return int(number), []


def javascript_key_order(fields: Fields) -> Fields:
    """The function's error lists fields in JavaScript object order: integer-like names first, ascending."""
    def is_index(name: str) -> bool:
        return re.fullmatch("0|[1-9][0-9]*", name) is not None and int(name) < 4_294_967_295
    indices = sorted((name for name in fields if is_index(name)), key=int)
    return {name: fields[name] for name in indices + [name for name in fields if not is_index(name)]}
