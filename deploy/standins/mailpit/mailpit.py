"""A stand-in for Mailpit (axllent/mailpit): an SMTP server on 1025 that accepts and keeps every
mail, and this much of Mailpit's API on 8025:

  GET    /api/v1/messages?start=&limit=   the mails, newest first (summaries)
  GET    /api/v1/message/<ID|latest>      one mail: headers, Text and HTML bodies
  GET    /api/v1/message/<ID>/raw         the mail as received
  DELETE /api/v1/messages                 forget every mail
  GET    /livez, /readyz                  200
"""

from __future__ import annotations

import json
import threading
import uuid
from datetime import UTC, datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from aiosmtpd.controller import Controller

_PARSER = BytesParser(policy=policy.default)
_lock = threading.Lock()
_mails: list[dict[str, Any]] = []  # oldest first


def _addresses(message: EmailMessage, header: str) -> list[dict[str, str]]:
    found = message.get(header)
    if found is None:
        return []
    result = []
    for address in getattr(found, "addresses", ()):
        assert isinstance(address, Address)
        result.append({"Name": address.display_name, "Address": address.addr_spec})
    return result


def _body(message: EmailMessage, subtype: str) -> str:
    part = message.get_body(preferencelist=(subtype,))
    return part.get_content() if part is not None and part.get_content_subtype() == subtype else ""


def _keep(raw: bytes) -> None:
    message = _PARSER.parsebytes(raw)
    assert isinstance(message, EmailMessage)
    text = _body(message, "plain")
    mail = {
        "ID": uuid.uuid4().hex,
        "MessageID": str(message.get("Message-ID", "")).strip("<>"),
        "Read": False,
        "From": (_addresses(message, "From") or [{"Name": "", "Address": ""}])[0],
        "To": _addresses(message, "To"), "Cc": _addresses(message, "Cc"),
        "Bcc": [], "ReplyTo": _addresses(message, "Reply-To"),
        "Subject": str(message.get("Subject", "")),
        "Created": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        "Tags": [], "Size": len(raw), "Attachments": 0,
        "Snippet": " ".join(text.split())[:250],
        "_text": text, "_html": _body(message, "html"), "_raw": raw,
    }
    with _lock:
        _mails.append(mail)


class _Handler:
    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        _keep(envelope.original_content or envelope.content)
        return "250 2.0.0 Ok: queued"


def _summary(mail: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in mail.items() if not k.startswith("_")}


class Api(BaseHTTPRequestHandler):
    def _send(self, status: int, body: Any, content_type: str = "application/json") -> None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _find(self, key: str) -> dict[str, Any] | None:
        with _lock:
            if key == "latest":
                return _mails[-1] if _mails else None
            return next((m for m in _mails if m["ID"] == key), None)

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        parts = [p for p in url.path.split("/") if p]
        if url.path in ("/livez", "/readyz"):
            self._send(200, b"ok\n", "text/plain")
        elif parts == ["api", "v1", "messages"]:
            query = parse_qs(url.query)
            start = int(query.get("start", ["0"])[0])
            limit = int(query.get("limit", ["50"])[0])
            with _lock:
                newest = [_summary(m) for m in reversed(_mails)]
            page = newest[start:start + limit]
            self._send(200, {"total": len(newest), "unread": len(newest), "count": len(page),
                             "messages_count": len(newest), "start": start, "tags": [], "messages": page})
        elif len(parts) in (4, 5) and parts[:3] == ["api", "v1", "message"]:
            mail = self._find(parts[3])
            if mail is None:
                self._send(404, b"message not found\n", "text/plain")
            elif len(parts) == 5 and parts[4] == "raw":
                self._send(200, mail["_raw"], "text/plain; charset=utf-8")
            elif len(parts) == 4:
                self._send(200, {**_summary(mail), "Date": mail["Created"], "ReturnPath": "",
                                 "Text": mail["_text"], "HTML": mail["_html"], "Inline": [],
                                 "Attachments": []})
            else:
                self._send(404, b"not found\n", "text/plain")
        else:
            self._send(404, b"not found\n", "text/plain")

    def do_DELETE(self) -> None:
        if urlsplit(self.path).path != "/api/v1/messages":
            self._send(404, b"not found\n", "text/plain")
            return
        with _lock:
            _mails.clear()
        self._send(200, b"ok", "text/plain")

    def log_message(self, format: str, *args: Any) -> None:  # one line per request, as Mailpit's -v
        print(f"mailpit: {self.address_string()} {format % args}", flush=True)


def main() -> None:
    smtp = Controller(_Handler(), hostname="0.0.0.0", port=1025, data_size_limit=0)
    smtp.start()
    print("mailpit stand-in: SMTP on 0.0.0.0:1025, HTTP API on 0.0.0.0:8025", flush=True)
    ThreadingHTTPServer(("0.0.0.0", 8025), Api).serve_forever()


if __name__ == "__main__":
    main()
