<?php
// Prints the token for each input of signers/vectors.json (path as the argument), one per line; the tests compare.
declare(strict_types=1);

require_once __DIR__ . '/meeting_sdk_signature.php';

$vectors = json_decode(file_get_contents($argv[1]), true, 512, JSON_THROW_ON_ERROR)['vectors'];
foreach ($vectors as $vector) {
    $input = $vector['input'];
    [$token] = meeting_sdk_signature(
        $input['sdkKey'],
        $input['secret'],
        $input['meetingNumber'],
        $input['role'],
        $input['expirationSeconds'],
        $input['videoWebRtcMode'] ?? null,
        intdiv($input['nowMs'], 1000)
    );
    echo $token, "\n";
}
