<?php
// The whole Zoom Meeting SDK signature: an HS256 JWT, written out so that every signed byte is visible.
// Copy this file into any PHP backend (Laravel: app/Support/meeting_sdk_signature.php, autoloaded via composer.json
// "files"). Standard library only. The tokens are byte-identical to this repository's other signers:
// signers/vectors.json proves it in CI.

declare(strict_types=1);

// Zoom rejects signatures whose clock runs ahead of its own; back-dating iat by 30 s absorbs small skew.
const MEETING_SDK_IAT_BACKDATE_SECONDS = 30;

/**
 * Returns [jwt, exp]. $meetingNumber: digits only (strip spaces and dashes first); $role: 0 attendee, 1 host;
 * $expirationSeconds: 1800..172800, Zoom's limits; $videoWebRtcMode: null (left out), 0 or 1;
 * $now: seconds since 1970 (time()), for tests.
 *
 * @return array{0: string, 1: int}
 */
function meeting_sdk_signature(
    string $sdkKey,
    string $secret,
    string $meetingNumber,
    int $role,
    int $expirationSeconds = 7200,
    ?int $videoWebRtcMode = null,
    ?int $now = null
): array {
    $iat = ($now ?? time()) - MEETING_SDK_IAT_BACKDATE_SECONDS;
    $exp = $iat + $expirationSeconds;
    $header = ['alg' => 'HS256', 'typ' => 'JWT'];
    // Zoom reads these by name, but the order is kept identical in every language so tokens compare byte for byte.
    $claims = [
        'appKey' => $sdkKey, // required since Meeting SDK 5.0
        'sdkKey' => $sdkKey,
        'mn' => $meetingNumber,
        'role' => $role,
        'iat' => $iat,
        'exp' => $exp,
        'tokenExp' => $exp,
    ];
    if ($videoWebRtcMode !== null) {
        $claims['video_webrtc_mode'] = $videoWebRtcMode;
    }
    $unsigned = meeting_sdk_base64url(meeting_sdk_json($header)) . '.' . meeting_sdk_base64url(meeting_sdk_json($claims));
    return [$unsigned . '.' . meeting_sdk_base64url(hash_hmac('sha256', $unsigned, $secret, true)), $exp];
}

/** JSON.stringify's bytes: PHP would otherwise write "\/" and "\u00e9". */
function meeting_sdk_json(array $value): string
{
    return json_encode($value, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR);
}

function meeting_sdk_base64url(string $bytes): string
{
    return rtrim(strtr(base64_encode($bytes), '+/', '-_'), '=');
}
