"""Prints the token for each input of signers/vectors.json (path as the argument), one per line; the tests compare."""
import json
import os
import sys
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from meeting_sdk_signature import sign_meeting_sdk_jwt  # noqa: E402

with open(sys.argv[1], encoding="utf-8") as file:
    vectors = json.load(file)["vectors"]
for vector in vectors:
    given = vector["input"]
    token, _ = sign_meeting_sdk_jwt(
        sdk_key=given["sdkKey"],
        secret=given["secret"],
        meeting_number=given["meetingNumber"],
        role=given["role"],
        expiration_seconds=given["expirationSeconds"],
        video_webrtc_mode=given.get("videoWebRtcMode"),
        # Decimal: milliseconds / 1000 as a float could land just below a whole second.
        now=Decimal(given["nowMs"]) / 1000,
    )
    print(token)
