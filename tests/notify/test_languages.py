"""Every mail in the language its recipient chose (at registration, or later on the profile),
English when notify does not know it: each kind of mail through its real event, the real broker
and the real SMTP server, read back in French, Arabic (right to left) and English."""

from __future__ import annotations

from datetime import datetime

from tests.notify import events as ev
from tests.notify.conftest import NotifyUnderTest
from tests.notify.test_mails import by_rcpt, html, rcpt, text

GENEVA_WEEK_1 = datetime.fromisoformat("2023-01-01T23:00:00+01:00")
# Sentences of the English mails that must not be left in a translated one.
ENGLISH = ("Hello ", "You get this", "Geneva time", "Project:", "Category:", "votes", "edition",
           "WSIS Prizes 20")


def assert_no_english(*bodies: str) -> None:
    for body in bodies:
        left = [phrase for phrase in ENGLISH if phrase in body]
        assert not left, f"English left in a translated mail: {left}"


def test_a_french_coordinator_gets_every_mail_in_french(notify: NotifyUnderTest) -> None:
    notify.publish(ev.edition_updated(2023))
    [mail] = notify.deliver(ev.registered("claire@clinique.example", "Claire", "http://wsis.test/v?t=1",
                                          language="fr"), mails=1)
    assert mail["Subject"] == "Confirmez votre adresse électronique pour les Prix du SMSI"
    assert "Bonjour Claire," in text(mail) and "Confirmer mon adresse électronique" in html(mail)
    assert '<html lang="fr" dir="ltr">' in html(mail)
    assert_no_english(text(mail), html(mail))

    coordinator = ev.person("Claire", "Claire@Clinique.example")  # the address as the form wrote it
    sam = ev.person("Sam", "sam@ngo.example")  # never registered with notify: English
    receipts = by_rcpt(notify.deliver(ev.accepted("fr-1", title="Rural e-health", coordinator=coordinator,
                                                  submitter=sam), mails=2))
    receipt = receipts["Claire@Clinique.example"]
    assert receipt["Subject"] == "Prix du SMSI 2023 : votre soumission « Rural e-health » est acceptée"
    assert "Votre projet a été accepté aux Prix du SMSI 2023 (12e édition)." in text(receipt)
    assert "C7-HLT: Applications TIC : cybersanté" in text(receipt), "the pages' name of the category"
    assert "25 décembre 2022" in text(receipt), "the date as French writes it"
    assert '<span lang="en" dir="ltr">Rural e-health</span>' in html(receipt), "the title as written"
    assert_no_english(text(receipt))
    english = receipts["sam@ngo.example"]
    assert english["Subject"] == "WSIS Prizes 2023: your submission “Rural e-health” is accepted"
    assert "Hello Sam," in text(english) and "25 December 2022" in text(english)

    [nominated] = notify.deliver(ev.outcome("fr-1", nominated=True, title="Rural e-health"), mails=1)
    assert nominated["Subject"] == "Prix du SMSI 2023 : votre projet « Rural e-health » est nominé"
    assert "le groupe d'experts a nominé votre projet" in text(nominated)
    assert "25 janvier 2023, 23:00 (heure de Genève)" in text(nominated), "the vote's close in Geneva time"

    week1 = ev.progress(1, {"C7-HLT": [("fr-1", 1250, 1)]}, as_of=GENEVA_WEEK_1)
    [progress] = notify.deliver(week1, mails=1)
    assert progress["Subject"] == "Prix du SMSI 2023, semaine 1 : « Rural e-health » compte 1\u202f250 voix"
    assert "Voix :" in text(progress) and "1\u202f250" in text(progress), "the number as French writes it"
    assert "c'est le premier bilan hebdomadaire" in text(progress)
    assert "Pour ne plus recevoir les bilans hebdomadaires des Prix du SMSI 2023" in text(progress)
    week2 = ev.progress(2, {"C7-HLT": [("fr-1", 1300, 1)]},
                        as_of=datetime.fromisoformat("2023-01-08T23:00:00+01:00"))
    [progress] = notify.deliver(week2, mails=1)
    assert "+50 voix, même rang\r\n" in text(progress), "the change ends its line"

    [finalist] = notify.deliver(ev.closed({"C7-HLT": [("fr-1", 1300, 1)]}), mails=1)
    assert finalist["Subject"] == "Prix du SMSI 2023 : « Rural e-health » est un Champion"
    assert "c'est un Champion des Prix du SMSI 2023" in text(finalist)
    assert "14 mars 2023, 18:00 (heure de Genève)" in text(finalist), "the ceremony"

    [notice] = notify.deliver(ev.winner("fr-1"), mails=1)
    assert notice["Subject"] == "Confidentiel : Prix du SMSI 2023, la décision du groupe d'experts"
    assert text(notice).startswith("CONFIDENTIEL : pour vous seul jusqu'à la cérémonie.")

    [announcement] = notify.deliver(ev.announced({"C7-HLT": ("fr-1", [])}), mails=1)
    assert announcement["Subject"] == "Prix du SMSI 2023 : « Project fr-1 » est le lauréat de sa catégorie"
    assert "votre projet est le LAURÉAT de sa catégorie" in text(announcement)
    assert "- C7-HLT: Applications TIC : cybersanté: Project fr-1" in text(announcement)
    for message in (nominated, progress, finalist, notice, announcement):
        assert rcpt(message) == "Claire@Clinique.example"
        assert_no_english(text(message), html(message).replace('lang="en"', ""))


def test_an_arabic_mail_reads_right_to_left_and_keeps_the_project_as_written(notify: NotifyUnderTest) -> None:
    notify.publish(ev.edition_updated(2023))
    [mail] = notify.deliver(ev.registered("amal@example.org", "Amal", "http://wsis.test/v?t=2",
                                          language="ar"), mails=1)
    assert mail["Subject"] == "أكّد عنوان بريدك الإلكتروني لجوائز القمة العالمية لمجتمع المعلومات"
    assert '<html lang="ar" dir="rtl">' in html(mail) and "مرحباً Amal،" in text(mail)
    assert "تأكيد عنوان بريدي الإلكتروني" in html(mail)
    assert_no_english(text(mail), html(mail))

    amal = ev.person("Amal", "amal@example.org")
    [receipt] = notify.deliver(ev.accepted("ar-1", title="Clinics <online>", coordinator=amal,
                                           submitter=amal), mails=1)
    assert receipt["Subject"] == "جوائز القمة العالمية لمجتمع المعلومات 2023: قُبل طلبك «Clinics <online>»"
    assert 'dir="rtl"' in html(receipt) and "الصحة الإلكترونية" in text(receipt)
    assert '<span lang="en" dir="ltr">Clinics &lt;online&gt;</span>' in html(receipt)
    assert "تتلقى هذه الرسالة لأنك مذكور منسقاً للمشروع وقدّمته" in text(receipt), "one mail, both roles"


def test_a_language_changed_on_the_profile_is_the_language_of_the_next_mail(notify: NotifyUnderTest) -> None:
    notify.publish(ev.edition_updated(2023))
    notify.deliver(ev.registered("lena@example.org", "Lena", "http://wsis.test/v?t=3", language="en"),
                   mails=1)
    lena = ev.person("Lena", "lena@example.org")
    [before] = notify.deliver(ev.accepted("ch-1", coordinator=lena, submitter=lena), mails=1)
    assert "Hello Lena," in text(before)

    notify.publish(ev.account_updated("lena@example.org", "Lena", "es"))
    [after] = notify.deliver(ev.outcome("ch-1", nominated=False), mails=1)
    assert after["Subject"] == "Premios de la CMSI 2023: la evaluación de su proyecto «Project ch-1»"
    assert "Hola, Lena:" in text(after) and "no figura entre los nominados" in text(after)
    assert_no_english(text(after))
