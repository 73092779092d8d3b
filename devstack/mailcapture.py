"""A real SMTP server for `make run` and the tests that sends nothing on: it keeps every mail
it accepts in a Maildir folder (one file per mail, readable with any mail program) and shows
them on a small web page.

    python -m devstack.mailcapture --maildir var/run/mail --smtp-port 1025 --http-port 8025

http://127.0.0.1:8025/ lists the mails (newest first); /messages/<key> shows one, /messages/
<key>.eml is the raw message, /api/messages is the list as JSON, /healthz answers 200. Tests
use `MailCapture` in-process; `reject` makes it answer 450 for some recipients.
"""

from __future__ import annotations

import argparse
import html
import itertools
import json
import os
import signal
import socket
import ssl
import threading
import time
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

_PARSER = BytesParser(policy=policy.default)


def _free_port(host: str) -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


class _Keep:
    """aiosmtpd handler: accept, then store the message with its envelope in the Maildir."""

    def __init__(self, capture: MailCapture) -> None:
        self.capture = capture

    async def handle_RCPT(self, server, session, envelope, address: str, rcpt_options) -> str:
        if address.lower() in self.capture.reject:
            return "450 4.2.1 Mailbox unavailable, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        # The envelope is what the server was told, which the headers need not repeat.
        trace = (f"X-Captured-Mail-From: {envelope.mail_from}\r\n"
                 f"X-Captured-Rcpt-To: {', '.join(envelope.rcpt_tos)}\r\n").encode()
        self.capture.store(trace + envelope.content)
        return "250 2.0.0 Message accepted"


class MailCapture:
    def __init__(self, maildir: Path, *, host: str = "127.0.0.1", smtp_port: int = 0,
                 credentials: tuple[str, str] | None = None, tls: ssl.SSLContext | None = None) -> None:
        self.maildir = Path(maildir)
        self.host = host
        self.smtp_port = smtp_port or _free_port(host)
        self.credentials = credentials  # when set, AUTH with them is required
        self.tls = tls  # when set, STARTTLS is offered and required before anything else
        self.reject: set[str] = set()
        for sub in ("tmp", "new", "cur"):  # the Maildir layout: any mail program can open it
            (self.maildir / sub).mkdir(parents=True, exist_ok=True)
        self._sequence = itertools.count()
        self._lock = threading.Lock()
        # A stored mail never changes: its listing entry is parsed once, not at every listing
        # (a replay lists thousands of mails again and again while it waits for some).
        self._summaries: dict[str, dict[str, str]] = {}
        self._controller: Controller | None = None

    # -- the SMTP server --

    def start(self) -> MailCapture:
        options: dict = {}
        if self.credentials is not None:
            options = {"auth_required": True, "auth_require_tls": self.tls is not None,
                       "authenticator": self._authenticate}
        if self.tls is not None:
            options.update(tls_context=self.tls, require_starttls=True)
        self._controller = Controller(_Keep(self), hostname=self.host, port=self.smtp_port,
                                      data_size_limit=50 * 1024 * 1024, **options)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def _authenticate(self, _server, _session, _envelope, _mechanism, data) -> AuthResult:
        given = (data.login.decode(), data.password.decode()) if isinstance(data, LoginPassword) else None
        return AuthResult(success=given == self.credentials)

    @property
    def running(self) -> bool:
        return self._controller is not None

    # -- the store: one file per mail in new/, named so that names sort in arrival order --

    def store(self, raw: bytes) -> None:
        # Written to tmp/ then renamed, as Maildir wants; no fsync (mailbox.Maildir's would
        # cost more than the rest of the SMTP exchange, and this is a capture, not a spool).
        with self._lock:
            name = f"{time.time_ns():020d}.{next(self._sequence):06d}.{os.getpid()}.capture"
        temporary = self.maildir / "tmp" / name
        temporary.write_bytes(raw)
        os.replace(temporary, self.maildir / "new" / name)

    def keys(self) -> list[str]:
        """Every stored message's key, oldest first."""
        return sorted(name for name in os.listdir(self.maildir / "new") if not name.startswith("."))

    def raw(self, key: str) -> bytes:
        if "/" in key or key.startswith("."):
            raise KeyError(key)
        return (self.maildir / "new" / key).read_bytes()

    def message(self, key: str) -> EmailMessage:
        return _PARSER.parsebytes(self.raw(key))

    def messages(self) -> list[EmailMessage]:
        return [self.message(key) for key in self.keys()]

    def summary(self, key: str) -> dict[str, str]:
        found = self._summaries.get(key)
        if found is None:
            found = self._summaries[key] = _summary(key, self.message(key))
        return found

    def count(self) -> int:
        return len(self.keys())

    def clear(self) -> None:
        for key in self.keys():
            (self.maildir / "new" / key).unlink(missing_ok=True)
        self._summaries.clear()


def body_of(message: EmailMessage, subtype: str = "plain") -> str:
    part = message.get_body(preferencelist=(subtype,))
    return part.get_content() if part is not None else ""


# -- the web page --

def _summary(key: str, message: EmailMessage) -> dict[str, str]:
    fields = {"date": "Date", "from": "From", "to": "To", "subject": "Subject",
              "message_id": "Message-ID", "kind": "X-WSIS-Mail-Kind"}
    return {"key": key, **{name: str(message.get(header, "")) for name, header in fields.items()}}


def _handler_for(capture: MailCapture) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_args: object) -> None:
            pass

        def _reply(self, status: int, body: bytes | str, content_type: str) -> None:
            data = body.encode() if isinstance(body, str) else body
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path == "/healthz":
                return self._reply(200, "ok", "text/plain")
            keys = list(reversed(capture.keys()))
            if path == "/api/messages":
                listing = [capture.summary(k) for k in keys]
                return self._reply(200, json.dumps(listing), "application/json")
            if path == "/":
                return self._reply(200, _index(capture, keys), "text/html; charset=utf-8")
            if path.startswith("/messages/"):
                key = path.removeprefix("/messages/")
                raw_wanted = key.endswith(".eml")
                key = key.removesuffix(".eml")
                if key not in keys:
                    return self._reply(404, "no such message", "text/plain")
                if raw_wanted:
                    return self._reply(200, capture.raw(key), "message/rfc822")
                message = capture.message(key)
                page = body_of(message, "html") or f"<pre>{html.escape(body_of(message))}</pre>"
                return self._reply(200, page, "text/html; charset=utf-8")
            return self._reply(404, "not found", "text/plain")

        def do_DELETE(self) -> None:
            if self.path == "/api/messages":
                capture.clear()
                return self._reply(204, b"", "text/plain")
            return self._reply(404, "not found", "text/plain")

    return Handler


def _index(capture: MailCapture, keys: list[str]) -> str:
    rows = []
    for key in keys:
        s = {k: html.escape(v) for k, v in capture.summary(key).items()}
        rows.append(f"<tr><td>{s['date']}</td><td>{s['to']}</td><td>{s['kind']}</td>"
                    f"<td><a href='/messages/{s['key']}'>{s['subject']}</a></td>"
                    f"<td><a href='/messages/{s['key']}.eml'>.eml</a></td></tr>")
    return ("<!doctype html><meta charset='utf-8'><title>Captured mail</title>"
            "<body style='font-family:Arial,sans-serif;margin:24px'>"
            f"<h1>Captured mail ({len(keys)})</h1><p>SMTP on {capture.host}:{capture.smtp_port}; "
            f"folder {html.escape(str(capture.maildir))}</p>"
            "<table cellpadding='6' style='border-collapse:collapse'>"
            "<tr><th>date</th><th>to</th><th>kind</th><th>subject</th><th></th></tr>"
            + "".join(rows) + "</table></body>")


def serve_http(capture: MailCapture, port: int, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    server = ThreadingHTTPServer((host, port), _handler_for(capture))
    threading.Thread(target=server.serve_forever, name="mailcapture-http", daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m devstack.mailcapture")
    parser.add_argument("--maildir", type=Path, default=Path("var/run/mail"))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--smtp-port", type=int, default=1025)
    parser.add_argument("--http-port", type=int, default=8025)
    args = parser.parse_args()
    capture = MailCapture(args.maildir, host=args.host, smtp_port=args.smtp_port).start()
    server = serve_http(capture, args.http_port, args.host)
    print(f"capturing mail: smtp://{args.host}:{capture.smtp_port}, read it at "
          f"http://{args.host}:{args.http_port}/ or in {args.maildir}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    while not stop.wait(0.5):
        pass
    server.shutdown()
    capture.stop()


if __name__ == "__main__":
    main()
