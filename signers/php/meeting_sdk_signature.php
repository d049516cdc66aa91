<?php
// The whole Zoom Meeting SDK signature: an HS256 JWT, written out so that every signed byte is visible.
// Copy this file into any PHP backend (Laravel: app/Support/meeting_sdk_signature.php, autoloaded via composer.json
// "files"). Standard library only. The tokens are byte-identical to this repository's other signers:
// signers/vectors.json proves it in CI.

declare(strict_types=1);

// Zoom rejects signatures whose clock runs ahead of its own; back-dating iat by 30 s absorbs small skew.
const MEETING_SDK_IAT_BACKDATE_SECONDS = 30;
// Zoom's bounds on a signature's lifetime (exp - iat).
const MEETING_SDK_MIN_EXPIRATION_SECONDS = 1800;
const MEETING_SDK_MAX_EXPIRATION_SECONDS = 172800;
// A signature is a bearer credential until it expires: at most 4 h unless ZOOM_MAX_EXPIRATION_SECONDS says more,
// so a leaked one is not good for two days.
const MEETING_SDK_MAX_EXPIRATION_VARIABLE = 'ZOOM_MAX_EXPIRATION_SECONDS';
const MEETING_SDK_DEFAULT_MAX_EXPIRATION_SECONDS = 14400;
// A lifetime left out: 2 h, or the ceiling when that is lower (a site capping signatures at 1 h still signs).
const MEETING_SDK_DEFAULT_EXPIRATION_SECONDS = 7200;
// Whitespace as JavaScript's trim() and \s see it, as a PCRE class body for /u patterns (\x0B, not PCRE's \v, which
// also means U+0085): settings read exactly as in this repository's Netlify function.
const MEETING_SDK_WHITESPACE = '\t\n\x0B\f\r \x{00a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}';

/** A setting this signer will not work with. The message names the variable and what it takes, never its value. */
final class MeetingSdkSettingError extends InvalidArgumentException
{
}

/** The variable's value, trimmed: a secret pasted with a trailing newline signs differently from the real one. */
function meeting_sdk_env(string $name): string
{
    $value = (string) getenv($name);
    $space = '[' . MEETING_SDK_WHITESPACE . ']+';
    return preg_replace("/^$space|$space\$/uD", '', $value) ?? trim($value); // not UTF-8: bytes trimmed
}

/**
 * The longest lifetime meeting_sdk_signature() hands out: ZOOM_MAX_EXPIRATION_SECONDS, whole seconds within Zoom's
 * bounds, or 4 h when unset. Anything else throws MeetingSdkSettingError: a typo must not quietly sign for longer.
 */
function meeting_sdk_max_expiration_seconds(): int
{
    $text = meeting_sdk_env(MEETING_SDK_MAX_EXPIRATION_VARIABLE);
    if ($text === '') {
        return MEETING_SDK_DEFAULT_MAX_EXPIRATION_SECONDS;
    }
    // ASCII digits only, leading zeros fine; (int) of a longer string stops at PHP_INT_MAX, above the bound.
    $seconds = preg_match('/^[0-9]+$/D', $text) ? (int) $text : 0;
    if ($seconds >= MEETING_SDK_MIN_EXPIRATION_SECONDS && $seconds <= MEETING_SDK_MAX_EXPIRATION_SECONDS) {
        return $seconds;
    }
    throw new MeetingSdkSettingError(MEETING_SDK_MAX_EXPIRATION_VARIABLE . ' is not valid: set a whole number of seconds from '
        . MEETING_SDK_MIN_EXPIRATION_SECONDS . ' to ' . MEETING_SDK_MAX_EXPIRATION_SECONDS . ', or leave it unset for '
        . MEETING_SDK_DEFAULT_MAX_EXPIRATION_SECONDS . '.');
}

/** The lifetime of a signature whose caller names none: 2 h, or the ceiling when lower. */
function meeting_sdk_default_expiration_seconds(?int $ceiling = null): int
{
    return min(MEETING_SDK_DEFAULT_EXPIRATION_SECONDS, $ceiling ?? meeting_sdk_max_expiration_seconds());
}

/**
 * Returns [jwt, exp]. $meetingNumber: digits only (strip spaces and dashes first); $role: 0 attendee, 1 host;
 * $expirationSeconds: 1800..172800, Zoom's limits, and at most meeting_sdk_max_expiration_seconds()
 * (InvalidArgumentException above it, never shortened); null (left out): meeting_sdk_default_expiration_seconds(),
 * 2 h or the ceiling when lower; $videoWebRtcMode: null (left out), 0 or 1; $now: seconds since 1970 (time()), for
 * tests.
 *
 * @return array{0: string, 1: int}
 */
function meeting_sdk_signature(
    string $sdkKey,
    string $secret,
    string $meetingNumber,
    int $role,
    ?int $expirationSeconds = null,
    ?int $videoWebRtcMode = null,
    ?int $now = null
): array {
    $ceiling = meeting_sdk_max_expiration_seconds();
    $expirationSeconds ??= meeting_sdk_default_expiration_seconds($ceiling);
    if ($expirationSeconds > $ceiling) {
        throw new InvalidArgumentException(
            "\$expirationSeconds $expirationSeconds is above " . MEETING_SDK_MAX_EXPIRATION_VARIABLE . " ($ceiling)"
        );
    }
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
