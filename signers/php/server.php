<?php
// The signer as a standalone HTTP server: signature_endpoint.php as a router script for PHP's built-in server.
//   ZOOM_MEETING_SDK_KEY=… ZOOM_MEETING_SDK_SECRET=… PHP_CLI_SERVER_WORKERS=4 \
//     php -d enable_post_data_reading=0 -S 127.0.0.1:8897 signers/php/server.php
// (enable_post_data_reading=0: PHP must not parse form bodies itself; the signer refuses them with 415. The built-in
// server has no read deadline; four workers keep it answering longer while clients stall, see README.md.)

declare(strict_types=1);

require __DIR__ . '/signature_endpoint.php';

// The built-in server's glue: every method and path reaches handle().
header_remove('X-Powered-By');
ini_set('default_mimetype', ''); // a 204 carries no body, so no Content-Type either
$lengthHeader = $_SERVER['CONTENT_LENGTH'] ?? '';
try {
    [$status, $headers, $body] = ZoomSigner\handle(
        $_SERVER['REQUEST_METHOD'],
        (string) parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH),
        $_SERVER['HTTP_ORIGIN'] ?? null,
        $_SERVER['HTTP_HOST'] ?? null,
        $_SERVER['CONTENT_TYPE'] ?? $_SERVER['HTTP_CONTENT_TYPE'] ?? null,
        ctype_digit($lengthHeader) ? (int) $lengthHeader : null,
        fn (int $limit) => (string) file_get_contents('php://input', false, null, 0, $limit + 1)
    );
} catch (Throwable $failure) {
    error_log('signer: ' . get_class($failure)); // no message: it could hold request data
    [$status, $headers, $body] = ZoomSigner\error_reply(500, 'internal_error', 'The signer failed; see its log.');
}
http_response_code($status);
foreach ($headers as $name => $value) {
    header("$name: $value");
}
if ($body !== null) {
    echo $body;
}
