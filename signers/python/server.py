"""The signer as a standalone HTTP server: signature_endpoint.py behind http.server. Standard library only.

    ZOOM_MEETING_SDK_KEY=… ZOOM_MEETING_SDK_SECRET=… PORT=8897 python3 signers/python/server.py
"""
import os
import socket
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from signature_endpoint import error, handle  # noqa: E402


class BodyNotSent(Exception):
    """The client announced a body and did not send it: it stalled past the read deadline, or went away."""


class SignatureHandler(BaseHTTPRequestHandler):
    """http.server glue: every method, known or not, reaches handle()."""

    # The read deadline: a client that sends nothing for 10 s, in its headers or its body, is dropped (each
    # connection has a thread of its own, so a stalled one never holds up the others).
    timeout = 10

    def __getattr__(self, name: str) -> Any:
        if name.startswith("do_"):
            return self.answer
        raise AttributeError(name)

    def answer(self) -> None:
        length_header = (self.headers.get("content-length") or "").strip()
        content_length = int(length_header) if length_header.isdigit() and length_header.isascii() else None

        def read_body(limit: int) -> bytes:
            wanted = min(content_length or 0, limit + 1)
            try:
                body = self.rfile.read(wanted)
            except (socket.timeout, ConnectionError) as gone:
                raise BodyNotSent from gone
            if len(body) < wanted:
                raise BodyNotSent
            return body

        try:
            status, headers, body = handle(
                method=self.command,
                path=self.path.split("?", 1)[0],
                origin=self.headers.get("origin"),
                host=self.headers.get("host"),
                content_type=self.headers.get("content-type"),
                content_length=content_length,
                read_body=read_body,
            )
        except BodyNotSent:
            self.close_connection = True  # nothing to answer: the request never arrived whole
            return
        except Exception as failure:  # noqa: BLE001 (a JSON 500 rather than http.server's HTML page)
            print(f"signer: {type(failure).__name__}", file=sys.stderr)  # no message: it could hold request data
            status, headers, body = error(500, "internal_error", "The signer failed; see its log.")
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("content-length", str(len(body or b"")))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (http.server's signature)
        pass  # no access log: URLs and origins are the caller's business


if __name__ == "__main__":
    sys.setrecursionlimit(10_000)  # a 4 KB body can nest 2,000 deep; JSON.parse takes that
    server = ThreadingHTTPServer((os.environ.get("HOST", "127.0.0.1"), int(os.environ.get("PORT", "8897"))), SignatureHandler)
    server.serve_forever()
