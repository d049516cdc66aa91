<?php
// POST /api/signature, the same contract as this repository's Netlify function (README, "API"): same validation,
// status codes, JSON errors and headers, free of any framework (server.php serves it with PHP's built-in server; a
// Laravel route can call handle() too). Standard library only.

declare(strict_types=1);

// Namespaced: names like handle() would collide in an existing application.
namespace ZoomSigner;

require_once __DIR__ . '/meeting_sdk_signature.php';

const SIGNER_PATH = '/api/signature';
const MAX_REQUEST_BYTES = 4096;
const MIN_EXPIRATION_SECONDS = \MEETING_SDK_MIN_EXPIRATION_SECONDS;
const MAX_EXPIRATION_SECONDS = \MEETING_SDK_MAX_EXPIRATION_SECONDS;
const MAX_SAFE_INTEGER = 9007199254740991;
const FIELDS = ['meetingNumber', 'role', 'expirationSeconds', 'videoWebRtcMode'];
// JavaScript's \s plus the dash: invites show "978-759-818" or "978 759 818", Zoom wants the digits.
const SEPARATORS = '/[' . \MEETING_SDK_WHITESPACE . '-]/u';
// An origin as browsers send it: lower case, no path. Listed ones are compared as exact strings.
const ORIGIN = '#^https?://([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(:[0-9]{1,5})?$#D';
const ORIGINS_INVALID = 'ALLOWED_ORIGINS is not valid: list exact origins (scheme://host or scheme://host:port, no path), '
    . 'separated by commas.';
const MEETINGS_INVALID = 'ZOOM_ALLOWED_MEETINGS is not valid: list meeting numbers of 9 to 11 digits (spaces and dashes '
    . 'are ignored), separated by commas.';
const TOO_SHORT = 'must be at least ' . MIN_EXPIRATION_SECONDS . ' (30 minutes)';
const TOO_LONG = 'must be at most ' . MAX_EXPIRATION_SECONDS . ' (48 hours)';

/** An answer: [status, headers, body or null]. */
function json_reply(int $status, array $body, array $headers = []): array
{
    return [$status, [
        'content-type' => 'application/json; charset=utf-8',
        'x-content-type-options' => 'nosniff',
        // A signature is per meeting and per moment: no cache may keep or share one.
        'cache-control' => 'no-store',
    ] + $headers, json_encode($body, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE)];
}

function error_reply(int $status, string $code, string $message, ?array $fields = null, array $headers = []): array
{
    $error = ['code' => $code, 'message' => $message];
    if ($fields !== null) {
        $error['fields'] = (object) $fields; // an object even when the only field is named "0"
    }
    return json_reply($status, ['error' => $error], $headers);
}

/** The digits of a meeting number; a value that is not UTF-8 (only a setting can be) is left to fail the checks. */
function normalise_meeting_number(string $value): string
{
    return preg_replace(SEPARATORS, '', $value) ?? $value;
}

/**
 * Every setting, checked in this order before anything else: a malformed one throws MeetingSdkSettingError, so the
 * signer refuses every request rather than guessing what was meant (a space-separated list of meetings, a typo).
 *
 * @return array{origins: list<string>, meetings: list<string>, maxExpirationSeconds: int}
 */
function settings(): array
{
    $origins = preg_split('/[' . \MEETING_SDK_WHITESPACE . ',]+/u', \meeting_sdk_env('ALLOWED_ORIGINS'), -1, PREG_SPLIT_NO_EMPTY);
    if ($origins === false || array_filter($origins, fn ($origin) => !preg_match(ORIGIN, $origin))) {
        throw new \MeetingSdkSettingError(ORIGINS_INVALID);
    }
    // Only commas and lines separate meetings: "978 759 818" is one meeting, as invites write it.
    $entries = array_map(__NAMESPACE__ . '\\normalise_meeting_number', preg_split('/[,\r\n]/', \meeting_sdk_env('ZOOM_ALLOWED_MEETINGS')));
    $meetings = array_values(array_filter($entries, fn ($meeting) => $meeting !== ''));
    if (array_filter($meetings, fn ($meeting) => !preg_match('/^[0-9]{9,11}$/D', $meeting))) {
        throw new \MeetingSdkSettingError(MEETINGS_INVALID);
    }
    return ['origins' => $origins, 'meetings' => $meetings, 'maxExpirationSeconds' => \meeting_sdk_max_expiration_seconds()];
}

/**
 * The whole request → answer.
 * $readBody($limit) returns at most $limit + 1 bytes of the body.
 */
function handle(string $method, string $path, ?string $origin, ?string $host, ?string $contentType, ?int $contentLength, callable $readBody): array
{
    if ($path !== SIGNER_PATH) {
        return error_reply(404, 'not_found', 'This server only answers ' . SIGNER_PATH . '.');
    }
    try {
        $settings = settings();
    } catch (\MeetingSdkSettingError $malformed) {
        return error_reply(503, 'setting_invalid', $malformed->getMessage());
    }
    $cors = [];
    // Same-origin and server-to-server calls need no CORS; other sites only when listed exactly.
    if ($origin !== null && $origin !== '' && $origin !== "http://$host" && $settings['origins']) {
        if (!in_array($origin, $settings['origins'], true)) {
            return error_reply(403, 'origin_not_allowed', "Pages on $origin may not use this signer (see ALLOWED_ORIGINS).");
        }
        $cors = ['access-control-allow-origin' => $origin, 'vary' => 'Origin'];
        if ($method === 'OPTIONS') {
            return [204, $cors + [
                'access-control-allow-methods' => 'POST',
                'access-control-allow-headers' => 'content-type',
                'access-control-max-age' => '600',
            ], null];
        }
    }
    [$status, $headers, $body] = sign_request($settings, $method, $contentType, $contentLength, $readBody);
    return [$status, $headers + $cors, $body];
}

function sign_request(array $settings, string $method, ?string $contentType, ?int $contentLength, callable $readBody): array
{
    if ($method !== 'POST') {
        return error_reply(405, 'method_not_allowed', 'Use POST.', null, ['allow' => 'POST']);
    }
    $key = \meeting_sdk_env('ZOOM_MEETING_SDK_KEY');
    $secret = \meeting_sdk_env('ZOOM_MEETING_SDK_SECRET');
    $missing = array_keys(array_filter(['ZOOM_MEETING_SDK_KEY' => $key, 'ZOOM_MEETING_SDK_SECRET' => $secret], fn ($v) => $v === ''));
    if ($missing) {
        return error_reply(503, 'signer_not_configured', 'The signer is not configured: set ' . implode(' and ', $missing)
            . " (your Meeting SDK app's Client ID and Client Secret from the Zoom App Marketplace) in this server's environment.");
    }
    if (strtolower(trim(explode(';', $contentType ?? '')[0])) !== 'application/json') {
        return error_reply(415, 'unsupported_media_type', 'Send the request body as JSON with "Content-Type: application/json".');
    }
    $tooLarge = error_reply(413, 'payload_too_large', 'The request body must be at most ' . MAX_REQUEST_BYTES . ' bytes.');
    if ($contentLength !== null && $contentLength > MAX_REQUEST_BYTES) {
        return $tooLarge;
    }
    $raw = $readBody(MAX_REQUEST_BYTES);
    if (strlen($raw) > MAX_REQUEST_BYTES) {
        return $tooLarge;
    }
    [$isJson, $body] = parse_json($raw);
    if (!$isJson) {
        return error_reply(400, 'invalid_json', 'The request body is not valid JSON.');
    }
    [$request, $fields] = validate($body);
    if ($fields) {
        return error_reply(400, 'invalid_request', 'Check these fields: ' . implode(', ', array_map('strval', array_keys($fields))) . '.', $fields);
    }
    if ($settings['meetings'] && !in_array($request['meetingNumber'], $settings['meetings'], true)) {
        return error_reply(403, 'meeting_not_allowed', 'This site only serves the meetings listed in ZOOM_ALLOWED_MEETINGS.',
            ['meetingNumber' => ['is not one of the meetings this site may join']]);
    }
    $ceiling = $settings['maxExpirationSeconds'];
    // Left out: 2 h, or the ceiling when lower (the page leaves it out). Asked for: refused above it, never shortened.
    $request['expirationSeconds'] ??= \meeting_sdk_default_expiration_seconds($ceiling);
    if ($request['expirationSeconds'] > $ceiling) {
        return error_reply(400, 'invalid_request', 'Check these fields: expirationSeconds.',
            ['expirationSeconds' => ["must be at most $ceiling on this site (" . \MEETING_SDK_MAX_EXPIRATION_VARIABLE . ')']]);
    }
    [$token, $exp] = meeting_sdk_signature($key, $secret, $request['meetingNumber'], $request['role'],
        $request['expirationSeconds'], $request['videoWebRtcMode']);
    return json_reply(200, ['signature' => $token, 'sdkKey' => $key, 'expiresAt' => gmdate('Y-m-d\TH:i:s.000\Z', $exp)]);
}

/**
 * Strict JSON as JavaScript's JSON.parse reads it: bad UTF-8 replaced, a BOM skipped. Returns [valid, object or
 * null]: PHP decodes objects and arrays alike, and anything but an object is refused as a whole anyway.
 */
function parse_json(string $raw): array
{
    $text = str_starts_with($raw, "\xEF\xBB\xBF") ? substr($raw, 3) : $raw;
    try {
        $value = json_decode($text, true, 100000, JSON_THROW_ON_ERROR | JSON_INVALID_UTF8_SUBSTITUTE);
    } catch (\JsonException) {
        return [false, null];
    }
    return [true, is_array($value) && str_starts_with(ltrim($text, " \t\n\r"), '{') ? $value : null];
}

/** [request, null] or [null, [field => [messages]]], with the function's messages, in its order. */
function validate(mixed $body): array
{
    if (!is_array($body)) {
        return [null, ['body' => ['must be a JSON object']]];
    }
    $fields = [];
    $request = [];

    $meetingNumber = array_key_exists('meetingNumber', $body) ? meeting_number_text($body['meetingNumber']) : false;
    if ($meetingNumber === false) {
        $fields['meetingNumber'][] = 'is required';
    } elseif ($meetingNumber === null) {
        $fields['meetingNumber'][] = 'must be a string or a number';
    } elseif (!preg_match('/^[0-9]{9,11}$/D', normalise_meeting_number($meetingNumber))) {
        $fields['meetingNumber'][] = 'must be 9 to 11 digits (spaces and dashes are ignored)';
    } else {
        $request['meetingNumber'] = normalise_meeting_number($meetingNumber);
    }

    $role = array_key_exists('role', $body) ? zero_or_one($body['role']) : false;
    if ($role === false) {
        $fields['role'][] = 'is required';
    } elseif ($role === null) {
        $fields['role'][] = 'must be 0 (attendee) or 1 (host)';
    } else {
        $request['role'] = $role;
    }

    // Left out (null): sign_request() picks the default, which depends on the ceiling.
    $request['expirationSeconds'] = null;
    if (array_key_exists('expirationSeconds', $body)) {
        [$seconds, $problems] = expiration_seconds($body['expirationSeconds']);
        foreach ($problems as $message) {
            $fields['expirationSeconds'][] = $message;
        }
        $request['expirationSeconds'] = $seconds;
    }

    $request['videoWebRtcMode'] = null;
    if (array_key_exists('videoWebRtcMode', $body)) {
        $mode = zero_or_one($body['videoWebRtcMode']);
        if ($mode === null) {
            $fields['videoWebRtcMode'][] = 'must be 0 or 1';
        }
        $request['videoWebRtcMode'] = $mode;
    }

    foreach (array_keys($body) as $name) {
        if (!in_array((string) $name, FIELDS, true)) {
            $fields[(string) $name][] = 'is not an accepted field';
        }
    }
    return $fields ? [null, javascript_key_order($fields)] : [$request, null];
}

/** A number is taken as JavaScript's String(number) would write it: only whole 9-to-11-digit values can pass. */
function meeting_number_text(mixed $value): ?string
{
    if (is_string($value)) {
        return $value;
    }
    if (is_int($value) || is_float($value)) {
        $magnitude = abs((float) $value);
        return is_finite($magnitude) && $magnitude === floor($magnitude) && $magnitude < 1e11 ? sprintf('%.0f', $magnitude) : 'not digits';
    }
    return null;
}

/** Zoom's auth sample coerces strings, so its clients send "0"/"1": exactly those strings count as numbers. */
function zero_or_one(mixed $value): ?int
{
    if (is_int($value) || is_float($value)) {
        return $value == 0 ? 0 : ($value == 1 ? 1 : null);
    }
    return $value === '0' ? 0 : ($value === '1' ? 1 : null);
}

/** [seconds, problems]: a JSON number or a string of digits (Zoom's sample clients send "3600"). */
function expiration_seconds(mixed $value): array
{
    $whole = 'must be a whole number of seconds';
    $number = null;
    if (is_int($value) || is_float($value)) {
        $number = (float) $value;
    } elseif (is_string($value) && preg_match('/^[0-9]+$/D', $value)) {
        $number = (float) $value;
    }
    if ($number === null || !is_finite($number) || $number !== floor($number)) {
        return [null, [$whole]];
    }
    // Beyond 2^53 a number is no longer exact: the function names both problems.
    if (abs($number) > MAX_SAFE_INTEGER) {
        return [null, [$whole, $number > 0 ? TOO_LONG : TOO_SHORT]];
    }
    if ($number < MIN_EXPIRATION_SECONDS) {
        return [null, [TOO_SHORT]];
    }
    if ($number > MAX_EXPIRATION_SECONDS) {
        return [null, [TOO_LONG]];
    }
    return [(int) $number, []];
}

/** The function's error lists fields in JavaScript object order: integer-like names first, ascending. */
function javascript_key_order(array $fields): array
{
    $isIndex = fn ($name) => preg_match('/^(0|[1-9][0-9]*)$/D', (string) $name) && (float) $name < 4294967295;
    $indices = array_filter(array_keys($fields), $isIndex);
    usort($indices, fn ($a, $b) => (float) $a <=> (float) $b);
    $ordered = [];
    foreach ([...$indices, ...array_filter(array_keys($fields), fn ($name) => !$isIndex($name))] as $name) {
        $ordered[$name] = $fields[$name];
    }
    return $ordered;
}
