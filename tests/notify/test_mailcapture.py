"""The capturing SMTP server of `make run` (devstack/mailcapture.py) as devstack runs it: a
process that accepts mail over SMTP, keeps it in a Maildir folder and lists it over HTTP."""

from __future__ import annotations

import signal
import smtplib
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import requests

from devstack.stack import ROOT, free_port
from tests.harness.probe import wait_until


def _answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=1).status_code == 200
    except requests.RequestException:
        return False


def test_the_capture_process_keeps_mail_in_a_maildir_and_shows_it(tmp_path: Path) -> None:
    smtp_port, http_port, maildir = free_port(), free_port(), tmp_path / "mail"
    process = subprocess.Popen(
        [sys.executable, "-m", "devstack.mailcapture", "--maildir", str(maildir),
         "--smtp-port", str(smtp_port), "--http-port", str(http_port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_until(lambda: _answers(f"{base}/healthz"), what="the capture server")
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = "a@wsis.test", "b@example.org", "Hello <b>"
        message["Message-ID"] = "<m1@wsis.test>"
        message.set_content("plain words")
        message.add_alternative("<p>html words</p>", subtype="html")
        with smtplib.SMTP("127.0.0.1", smtp_port, timeout=5) as smtp:
            smtp.send_message(message)

        [listed] = requests.get(f"{base}/api/messages", timeout=5).json()
        assert (listed["to"], listed["subject"], listed["message_id"]) == (
            "b@example.org", "Hello <b>", "<m1@wsis.test>")
        assert "Hello &lt;b&gt;" in requests.get(base, timeout=5).text
        assert "<p>html words</p>" in requests.get(f"{base}/messages/{listed['key']}", timeout=5).text
        raw = requests.get(f"{base}/messages/{listed['key']}.eml", timeout=5)
        assert raw.headers["Content-Type"] == "message/rfc822" and b"plain words" in raw.content
        assert [p.name for p in (maildir / "new").iterdir()] == [listed["key"]], "one file per mail"
        assert b"X-Captured-Rcpt-To: b@example.org" in (maildir / "new" / listed["key"]).read_bytes()
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(10) == 0
