"""Every mail of the contest, each produced by its real event through the real broker and read
back from the real SMTP server, with its content checked: the text and HTML parts, who gets
it (the SMTP envelope, not only the header), and the footer saying why."""

from __future__ import annotations

from datetime import datetime

from devstack.mailcapture import body_of
from notify.models import Contact
from tests.notify import events as ev
from tests.notify.conftest import NotifyUnderTest

GENEVA_WEEK_1 = datetime.fromisoformat("2023-01-01T23:00:00+01:00")


def text(message) -> str:
    return body_of(message, "plain")


def html(message) -> str:
    return body_of(message, "html")


def rcpt(message) -> str:
    return str(message["X-Captured-Rcpt-To"])


def by_rcpt(messages) -> dict[str, object]:
    return {rcpt(m): m for m in messages}


def test_registration_sends_the_verification_mail(notify: NotifyUnderTest) -> None:
    url = "http://wsis.test/verify?token=abc123"
    [mail] = notify.deliver(ev.registered("amina@example.org", "Amina", url), mails=1)
    assert rcpt(mail) == "amina@example.org"
    assert mail["Subject"] == "Confirm your e-mail address for the WSIS Prizes"
    assert mail["From"] == "WSIS Prizes <prizes@wsis.test>"
    assert mail["X-WSIS-Mail-Kind"] == "verification"
    assert mail["Message-ID"].endswith("@wsis.test>")
    assert "Hello Amina," in text(mail) and url in text(mail)
    assert f'href="{url}"' in html(mail)
    assert "this address was used to register an account" in text(mail)
    assert "List-Unsubscribe" not in mail, "only progress mails can be unsubscribed from"


def test_an_accepted_submission_sends_a_receipt_to_its_coordinator_and_its_submitter(
    notify: NotifyUnderTest,
) -> None:
    notify.publish(ev.edition_updated(2023))
    coordinator = ev.person("Carla Coordinator", "carla@clinic.example")
    submitter = ev.person("Sam Submitter", "sam@ngo.example")
    accepted = ev.accepted("sub-1", title="Rural e-health <network>", coordinator=coordinator,
                           submitter=submitter)
    mails = by_rcpt(notify.deliver(accepted, mails=2))

    assert set(mails) == {"carla@clinic.example", "sam@ngo.example"}
    for message in mails.values():
        assert message["Subject"] == ("WSIS Prizes 2023: your submission "
                                      "“Rural e-health <network>” is accepted")
        body = text(message)
        assert "Rural e-health <network>" in body
        assert "C7-HLT: ICT applications: E-health" in body, "the category's name"
        assert "sub-1" in body and "Entity of sub-1" in body
        assert "25 December 2022" in body, "when the nominee lists are published"
        assert "Rural e-health &lt;network&gt;" in html(message), "HTML escapes stakeholders' text"
        assert "WSIS Prizes 2023" in html(message) and "(12th edition)" in body
    assert "you are named as its coordinator" in text(mails["carla@clinic.example"])
    assert "you submitted it" in text(mails["sam@ngo.example"])

    with notify.ctx.db.sessions() as session:
        contact = session.get(Contact, "sub-1")
    assert (contact.coordinator_email, contact.submitter_email) == ("carla@clinic.example", "sam@ngo.example")


def test_a_coordinator_who_also_submitted_gets_one_receipt(notify: NotifyUnderTest) -> None:
    same = ev.person("Ola", "ola@example.org")
    [mail] = notify.deliver(ev.accepted("sub-2", coordinator=same, submitter=same), mails=1)
    notify.settle()
    assert notify.smtp.count() == 1
    assert "you are named as its coordinator and submitted it" in text(mail)


def test_the_review_outcome_goes_to_the_coordinator_of_every_reviewed_submission(
    notify: NotifyUnderTest,
) -> None:
    notify.publish(ev.edition_updated(2023))
    notify.deliver(ev.accepted("nom", submitter=ev.person("S1", "s1@example.org")),
                   ev.accepted("not", submitter=ev.person("S2", "s2@example.org")), mails=4)
    mails = by_rcpt(notify.deliver(ev.outcome("nom", nominated=True), ev.outcome("not", nominated=False),
                                   mails=2))
    notify.settle()
    assert set(mails) == {"coord-nom@example.org", "coord-not@example.org"}, "coordinators only"
    assert notify.smtp.count() == 6

    nominated = mails["coord-nom@example.org"]
    assert nominated["Subject"] == 'WSIS Prizes 2023: your project “Project nom” is nominated'
    assert "has nominated your project" in text(nominated)
    assert "25 December 2022, 00:00 (Geneva time)" in text(nominated)
    assert "25 January 2023, 23:00 (Geneva time)" in text(nominated), "the vote's close, 23:00 Geneva"

    rejected = mails["coord-not@example.org"]
    assert "not among the nominees" in text(rejected)
    assert "conclusions are final" in text(rejected)
    assert "coordinator of every reviewed submission" in text(rejected)


def test_the_weekly_progress_tells_each_coordinator_votes_rank_change_and_days_left(
    notify: NotifyUnderTest,
) -> None:
    notify.publish(ev.edition_updated(2023))
    notify.deliver(*(ev.accepted(s) for s in ("a", "b", "c")), mails=3)

    week1 = ev.progress(1, {"C7-HLT": [("a", 40, 1), ("b", 25, 2), ("c", 10, 3)]}, as_of=GENEVA_WEEK_1)
    mails = by_rcpt(notify.deliver(week1, mails=3))
    first = text(mails["coord-b@example.org"])
    assert mails["coord-b@example.org"]["Subject"] == 'WSIS Prizes 2023, week 1: 25 votes for “Project b”'
    assert "Votes:              25" in first
    assert "Rank:               2 of 3 nominees in the category" in first
    assert "this is the first weekly report" in first
    assert "Days left:          24" in first, "1 January to 25 January, in Geneva"
    assert "25 January 2023, 23:00 (Geneva time)" in first

    week2 = ev.progress(2, {"C7-HLT": [("b", 70, 1), ("a", 55, 2), ("c", 12, 3)]},
                        as_of=datetime.fromisoformat("2023-01-08T23:00:00+01:00"))
    mails = by_rcpt(notify.deliver(week2, mails=3))
    assert "Since week 1:       +45 votes, up 1 place" in text(mails["coord-b@example.org"])
    assert "Since week 1:       +15 votes, down 1 place" in text(mails["coord-a@example.org"])
    assert "Since week 1:       +2 votes, same rank" in text(mails["coord-c@example.org"])
    assert "Days left:          17" in text(mails["coord-c@example.org"])
    assert "+45 votes, up 1 place" in html(mails["coord-b@example.org"])

    message = mails["coord-a@example.org"]
    assert message["List-Unsubscribe"].strip().startswith("<http://wsis.test/api/v1/mail/unsubscribe?token=")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "To stop the weekly progress mails of WSIS Prizes 2023, open: http://wsis.test/" in text(message)
    assert "at the end of each voting week its coordinator is told" in text(message)


def test_finalists_are_told_they_are_champions_and_nothing_names_a_winner(notify: NotifyUnderTest) -> None:
    notify.publish(ev.edition_updated(2027))
    notify.deliver(*(ev.accepted(s, year=2027) for s in ("f1", "f2", "out")), mails=3)
    mails = by_rcpt(notify.deliver(ev.closed({"C7-HLT": [("f1", 900, 1), ("f2", 800, 2)]}, year=2027),
                                   mails=2))
    notify.settle()
    assert set(mails) == {"coord-f1@example.org", "coord-f2@example.org"}
    assert notify.smtp.count() == 5, "no mail for a nominee that is not a finalist"
    message = mails["coord-f2@example.org"]
    assert message["Subject"] == 'WSIS Prizes 2027: “Project f2” is a Champion'
    assert "it is a WSIS Prizes 2027 Champion" in text(message)
    assert "Votes:     800 (rank 2)" in text(message)
    assert "14 March 2027, 18:00 (Geneva time)" in text(message), "the ceremony"
    for m in mails.values():
        assert "winner" not in text(m).lower() and "winner" not in html(m).lower()


def test_the_winner_notice_goes_to_the_winners_contact_alone(notify: NotifyUnderTest) -> None:
    notify.publish(ev.edition_updated(2027))
    submitter = ev.person("Sub Mitter", "submitter@example.org")
    notify.deliver(ev.accepted("win", submitter=submitter, year=2027),
                   ev.accepted("other", year=2027), mails=3)
    [mail] = notify.deliver(ev.winner("win", year=2027), mails=1)
    notify.settle()
    assert notify.smtp.count() == 4, "one mail, nobody else"
    assert rcpt(mail) == "coord-win@example.org" and str(mail["To"]).endswith("<coord-win@example.org>")
    assert mail["Subject"] == "Confidential: WSIS Prizes 2027, the expert group's decision"
    assert "Project" not in str(mail["Subject"]), "the subject line names no project"
    assert text(mail).startswith("CONFIDENTIAL: for you only until the ceremony.")
    assert "as the winner of its category" in text(mail) and "Project win" in text(mail)
    assert "14 March 2027, 18:00 (Geneva time)" in text(mail)
    assert "CONFIDENTIAL" in html(mail)
    assert "List-Unsubscribe" not in mail, "the winner notice can never be unsubscribed from"


def test_the_announcement_after_the_ceremony_tells_winners_and_champions(notify: NotifyUnderTest) -> None:
    notify.publish(ev.edition_updated(2023))
    notify.deliver(*(ev.accepted(s, category=c) for s, c in
                     (("w1", "C7-HLT"), ("c1", "C7-HLT"), ("w2", "C4"), ("c2", "C4"))), mails=4)
    results = {"C7-HLT": ("w1", ["c1"]), "C4": ("w2", ["c2"])}
    mails = by_rcpt(notify.deliver(ev.announced(results), mails=4))
    won = text(mails["coord-w1@example.org"])
    assert mails["coord-w1@example.org"]["Subject"] == (
        "WSIS Prizes 2023: “Project w1” is the winner of its category")
    assert "your project is the WINNER of its category" in won
    champion = text(mails["coord-c2@example.org"])
    assert "your project is a WSIS Prizes 2023 Champion" in champion
    for body in (won, champion):
        assert "- C7-HLT: ICT applications: E-health: Project w1" in body
        assert "- C4: Capacity building: Project w2" in body
        assert "Project c1" not in body.split("The winners of")[1], "champions are not listed as winners"
