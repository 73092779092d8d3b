"""SMTP through smtplib: the MIME message of a queued mail, and a client that keeps one
connection for a run of mails and tells a server outage from a refused mail."""

from __future__ import annotations

import contextlib
import logging
import smtplib
import ssl
from email.charset import QP, Charset
from email.header import Header
from email.message import Message
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from email.utils import formataddr, formatdate, parseaddr
from typing import Protocol

from notify.config import MailSettings

log = logging.getLogger(__name__)

_UTF8_QP = Charset("utf-8")
_UTF8_QP.body_encoding = QP  # readable in the raw message, unlike utf-8's default base64


class ServerUnavailable(Exception):
    """The server could not be reached or would not talk to us: no mail's fault, so no
    mail's attempt is spent on it."""


class MailRefused(Exception):
    """The server refused this mail; `permanent` (5xx) means trying again cannot help."""

    def __init__(self, reason: str, *, permanent: bool) -> None:
        super().__init__(reason)
        self.permanent = permanent


class QueuedMail(Protocol):
    message_id: str
    kind: str
    edition: int | None
    to_email: str
    to_name: str
    subject: str
    text_body: str
    html_body: str
    headers: dict[str, str]


def _body(text: str, subtype: str) -> MIMENonMultipart:
    part = MIMENonMultipart("text", subtype)
    part.set_payload(text, charset=_UTF8_QP)
    return part


def _header(value: str) -> str | Header:
    return value if value.isascii() else Header(value, "utf-8")


def build_message(mail: QueuedMail, settings: MailSettings) -> Message:
    """The MIME message (text and HTML alternatives). Built with the compat32 classes: the
    modern EmailMessage API costs ~9 ms a mail, a third of a 360-mail run."""
    address = parseaddr(mail.to_email)[1]
    if address != mail.to_email.strip() or address.count("@") != 1 or not all(address.split("@")):
        raise MailRefused(f"not a usable address: {mail.to_email!r}", permanent=True)
    message = MIMEMultipart("alternative", _subparts=[_body(mail.text_body, "plain"),
                                                       _body(mail.html_body, "html")])
    message["From"] = formataddr(parseaddr(settings.mail_from), charset="utf-8")
    message["To"] = formataddr((mail.to_name, address), charset="utf-8")
    message["Subject"] = _header(mail.subject)
    message["Message-ID"] = mail.message_id
    message["Date"] = formatdate(usegmt=True)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies, please
    message["X-WSIS-Mail-Kind"] = mail.kind
    if mail.edition is not None:
        message["X-WSIS-Edition"] = str(mail.edition)
    for name, value in (mail.headers or {}).items():
        message[name] = _header(value)
    return message


# Replies that refuse the session, whatever the mail: 421 closing the channel; 530 STARTTLS or
# authentication required, 534 a stronger mechanism, 538 encryption required for it (RFC 3207,
# 4954). A configuration to fix, not mails to fail: they stay queued, no attempt spent.
_SESSION_REFUSALS = frozenset({421, 530, 534, 538})


def _code_of(exc: smtplib.SMTPResponseException) -> int:
    return int(getattr(exc, "smtp_code", 0) or 0)


class SmtpMailer:
    """One SMTP session, opened at the first mail and reused for the run (`with` closes it)."""

    def __init__(self, settings: MailSettings) -> None:
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpMailer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def send(self, message: Message, *, to: str) -> None:
        for _ in range(2):
            fresh = self._smtp is None
            smtp = self._smtp or self._connect()
            try:
                smtp.send_message(message, from_addr=self.settings.from_address, to_addrs=[to])
                return
            except smtplib.SMTPRecipientsRefused as exc:
                code, reply = exc.recipients.get(to, (0, b""))
                raise MailRefused(f"recipient refused: {code} {_text(reply)}", permanent=code >= 500) from exc
            except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
                if _code_of(exc) in _SESSION_REFUSALS:  # the server, not this mail: an outage
                    self._drop()
                    raise ServerUnavailable(f"{_code_of(exc)} {_text(exc.smtp_error)}") from exc
                raise MailRefused(f"{_code_of(exc)} {_text(exc.smtp_error)}",
                                  permanent=_code_of(exc) >= 500) from exc
            except (smtplib.SMTPServerDisconnected, smtplib.SMTPResponseException, OSError) as exc:
                self._drop()
                if fresh:
                    raise MailRefused(f"connection lost while sending: {exc!r}", permanent=False) from exc
                # A connection kept from an earlier mail went stale: try once on a new one.
        raise AssertionError("unreachable")

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        try:
            if s.smtp_ssl:
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(s.smtp_host, s.smtp_port, timeout=s.smtp_timeout,
                                                      context=ssl.create_default_context())
            else:
                smtp = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=s.smtp_timeout)
            smtp.ehlo()
            if s.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if s.smtp_user:
                smtp.login(s.smtp_user, s.smtp_password or "")
            if smtp.sock is not None:  # set up: the replies to a mail may take longer (config.py)
                smtp.sock.settimeout(s.smtp_reply_timeout)
        except (OSError, smtplib.SMTPException) as exc:
            raise ServerUnavailable(f"{s.smtp_host}:{s.smtp_port}: {exc!r}") from exc
        self._smtp = smtp
        return smtp

    def abandon(self) -> None:
        """Forget the connection without a goodbye (its state is unknown): the next mail opens a new one."""
        self._drop()

    def _drop(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            with contextlib.suppress(OSError):
                smtp.close()

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()


def _text(reply: bytes | str) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
