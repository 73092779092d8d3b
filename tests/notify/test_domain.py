"""The mail rules in plain Python: the weekly figures, days left in Geneva, retry delays,
who gets a receipt, what stays secret, and the settings read from the environment."""

from __future__ import annotations

from datetime import datetime

from notify import domain
from notify.config import MailSettings
from notify.domain import Recipient, Standing

CLOSES = datetime.fromisoformat("2023-01-25T23:00:00+01:00")


def test_the_first_week_has_nothing_to_compare_with() -> None:
    report = domain.progress_report(Standing(1, 40, 2), None, nominees_in_category=20,
                                    as_of=datetime.fromisoformat("2023-01-01T23:00:00+01:00"),
                                    voting_closes=CLOSES)
    assert (report.votes, report.rank, report.nominees_in_category) == (40, 2, 20)
    assert (report.votes_change, report.rank_change, report.compared_with_week) == (None, None, None)
    assert report.days_left == 24


def test_the_change_is_against_the_latest_earlier_week() -> None:
    report = domain.progress_report(Standing(3, 90, 1), Standing(2, 60, 4), nominees_in_category=20,
                                    as_of=datetime.fromisoformat("2023-01-15T23:00:00+01:00"),
                                    voting_closes=CLOSES)
    assert (report.votes_change, report.rank_change, report.compared_with_week) == (30, 3, 2)


def test_days_left_are_geneva_calendar_days_also_across_a_clock_change() -> None:
    closes = datetime.fromisoformat("2023-03-27T23:00:00+02:00")  # CEST, after the change
    assert domain.days_left(datetime.fromisoformat("2023-03-25T23:00:00+01:00"), closes) == 2
    assert domain.days_left(datetime.fromisoformat("2023-03-25T23:30:00+00:00"), closes) == 1, (
        "23:30 UTC on the 25th is already the 26th in Geneva")
    assert domain.days_left(datetime.fromisoformat("2023-03-27T22:00:00+00:00"), closes) == 0, (
        "after the close: none left, never negative")
    assert domain.days_left(datetime.fromisoformat("2023-03-28T10:00:00+02:00"), closes) == 0
    assert domain.days_left(datetime.fromisoformat("2023-03-27T08:00:00+02:00"), closes) == 0


def test_retries_double_and_are_capped() -> None:
    delays = [domain.retry_delay(n, base=60, cap=3600) for n in range(1, 9)]
    assert delays == [60, 120, 240, 480, 960, 1920, 3600, 3600]


def test_a_coordinator_who_submitted_gets_one_receipt_whatever_the_case() -> None:
    one = domain.receipt_recipients(Recipient("Ana", "Ana@Example.org"), Recipient("Ana", "ana@example.org "))
    assert one == [Recipient("Ana", "Ana@Example.org", ("coordinator", "submitter"))]
    two = domain.receipt_recipients(Recipient("Ana", "ana@example.org"), Recipient("Bo", "bo@example.org"))
    assert [r.roles for r in two] == [("coordinator",), ("submitter",)]


def test_only_the_winner_notice_is_secret_and_only_until_the_ceremony() -> None:
    ceremony = datetime.fromisoformat("2023-03-14T18:00:00+01:00")
    before, after = datetime.fromisoformat("2023-02-11T10:00:00+01:00"), ceremony
    assert domain.is_secret(domain.WINNER_NOTICE, ceremony, before)
    assert not domain.is_secret(domain.WINNER_NOTICE, ceremony, after)
    assert domain.is_secret(domain.WINNER_NOTICE, None, after), "no known ceremony: still secret"
    assert not any(domain.is_secret(kind, ceremony, before) for kind in domain.KINDS
                   if kind != domain.WINNER_NOTICE)
    assert {domain.PROGRESS} == domain.UNSUBSCRIBABLE


def test_ordinals() -> None:
    assert [domain.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"]


def test_the_smtp_server_is_configuration() -> None:
    settings = MailSettings.from_env({
        "SMTP_HOST": "mailpit", "SMTP_PORT": "1025", "SMTP_USER": "u", "SMTP_PASSWORD": "p",
        "SMTP_STARTTLS": "true", "MAIL_FROM": "WSIS Prizes <prizes@itu.example>",
        "PUBLIC_URL": "https://wsis.example/", "MAIL_MAX_ATTEMPTS": "5"})
    assert (settings.smtp_host, settings.smtp_port, settings.smtp_user, settings.smtp_password) == (
        "mailpit", 1025, "u", "p")
    assert settings.smtp_starttls and not settings.smtp_ssl
    assert (settings.from_address, settings.domain) == ("prizes@itu.example", "itu.example")
    assert settings.public_url == "https://wsis.example" and settings.max_attempts == 5
    assert MailSettings.from_env({}) == MailSettings(), "every setting has a default but secrets"
