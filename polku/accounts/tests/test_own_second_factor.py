"""A staff user's own second factor: new recovery codes and a new phone, without the
administrator (docs/subsystems/authentication.md, "The user's own second factor")."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from polku.accounts import second_factor, views
from polku.accounts.models import RecoveryCode
from polku.audit.models import AuditEvent
from polku.core import clock
from tests.people import People
from tests.second_factor import current_code

pytestmark = pytest.mark.django_db

CODE = re.compile(r"<code>([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})</code>")


def enrolled(people: People) -> tuple[TOTPDevice, list[str]]:
    """The worker enrolled through the service, as the enrolment page does."""
    device = second_factor.enrolment_device(people.worker)
    codes = second_factor.second_factor_enrol(
        actor=people.worker, device=device, token=current_code(device)
    )
    return device, codes


@pytest.fixture
def worker(client: HttpClient, people: People) -> tuple[HttpClient, TOTPDevice, list[str]]:
    """The worker, enrolled and logged in with their own device."""
    device, codes = enrolled(people)
    client.force_login(people.worker)  # verified with the device enrolled above
    return client, device, codes


def events(what: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(kind="change", what=what).order_by("pk"))


def works(user_codes: list[str], people: People) -> list[bool]:
    rows = list(RecoveryCode.objects.filter(user=people.worker, used_at__isnull=True))
    return [
        any(
            second_factor.HASHER.verify(second_factor.normalise_recovery_code(code), row.code_hash)
            for row in rows
        )
        for code in user_codes
    ]


def test_the_user_menu_leads_staff_to_their_second_factor(
    client: HttpClient, people: People
) -> None:
    client.force_login(people.worker)
    page = client.get(reverse("clients:caseload")).text
    assert f'href="{reverse("accounts:second_factor")}"' in page
    client.force_login(people.client)
    assert reverse("accounts:second_factor") not in client.get(reverse("portal:client_start")).text


def test_the_page_says_what_is_in_use(worker, people: People) -> None:
    client, _, _ = worker
    page = client.get(reverse("accounts:second_factor")).text
    assert "<h1>Toinen tunnistautumisvaihe</h1>" in page
    assert "Käytössä" in page
    assert "<dd>10</dd>" in page
    assert reverse("accounts:otp_new_codes") in page
    assert reverse("accounts:otp_replace") in page


def test_new_recovery_codes_need_a_code_from_the_app_and_replace_the_old(
    worker, people: People, settings
) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no wait after the wrong code
    client, device, old_codes = worker
    url = reverse("accounts:otp_new_codes")
    assert "Tee uudet varakoodit" in client.get(url).text

    wrong = client.post(url, {"code": "000000"})
    assert "Koodi on väärä tai vanhentunut" in wrong.text
    assert works(old_codes, people) == [True] * 10
    assert events("recovery codes renewed") == []

    shown = client.post(url, {"code": current_code(device, forget_last=True)})
    assert shown.status_code == 200
    assert "Vanhat varakoodisi eivät enää toimi" in shown.text
    new_codes = CODE.findall(shown.text)
    assert len(set(new_codes)) == 10
    assert works(old_codes, people) == [False] * 10
    assert works(new_codes, people) == [True] * 10
    (event,) = events("recovery codes renewed")
    assert event.actor_id == people.worker.pk
    assert event.record_id == str(people.worker.pk)
    assert event.changes == {"recovery_codes": [10, 10]}
    stored = json.dumps(event.changes)
    assert not any(code in stored for code in new_codes + old_codes)
    # Shown once: the page itself lists no codes afterwards.
    assert CODE.findall(client.get(reverse("accounts:second_factor")).text) == []


def test_new_recovery_codes_after_some_were_used(worker, people: People) -> None:
    client, device, codes = worker
    second_factor.recovery_code_use(actor=people.worker, code=codes[0])
    second_factor.recovery_code_use(actor=people.worker, code=codes[1])
    assert "<dd>8</dd>" in client.get(reverse("accounts:second_factor")).text
    client.post(reverse("accounts:otp_new_codes"), {"code": current_code(device, forget_last=True)})
    assert events("recovery codes renewed")[0].changes == {"recovery_codes": [8, 10]}


def scan_new_phone(client: HttpClient) -> TOTPDevice:
    page = client.get(reverse("accounts:otp_replace_scan"))
    assert page.status_code == 200
    assert "<svg" in page.text
    return TOTPDevice.objects.get(confirmed=False)


def test_a_new_phone_after_a_code_from_the_old_one(worker, people: People, settings) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no wait after the wrong code
    client, old, codes = worker
    other_session = HttpClient()
    other_session.force_login(people.worker)  # another browser, verified with the old phone
    assert other_session.get(reverse("clients:caseload")).status_code == 200

    assert client.get(reverse("accounts:otp_replace")).status_code == 200
    proof = client.post(
        reverse("accounts:otp_replace"), {"code": current_code(old, forget_last=True)}
    )
    assert proof["Location"] == reverse("accounts:otp_replace_scan")
    new = scan_new_phone(client)

    wrong = client.post(reverse("accounts:otp_replace_scan"), {"code": current_code(old)})
    assert "Koodi on väärä tai vanhentunut" in wrong.text
    assert TOTPDevice.objects.get(pk=old.pk).confirmed

    done = client.post(reverse("accounts:otp_replace_scan"), {"code": current_code(new)})
    assert done["Location"] == reverse("accounts:second_factor")
    assert list(TOTPDevice.objects.filter(user=people.worker)) == [new]
    new.refresh_from_db()
    assert new.confirmed
    # This session goes on with the new phone; the other must pass the new phone's code.
    followed = client.get(done["Location"])
    assert "Toinen tunnistautumisvaihe on nyt uudessa puhelimessasi" in followed.text
    assert client.get(reverse("clients:caseload")).status_code == 200
    refused = other_session.get(reverse("clients:caseload"))
    assert refused["Location"].startswith(reverse("accounts:otp_verify"))
    # The recovery codes stay.
    assert works(codes, people) == [True] * 10
    (event,) = events("second factor moved to a new phone")
    assert event.actor_id == people.worker.pk
    assert event.changes == {"second_factor_device": [old.pk, new.pk]}


def test_a_new_phone_after_a_recovery_code(worker, people: People) -> None:
    client, old, codes = worker
    proof = client.post(reverse("accounts:otp_replace"), {"code": codes[3].lower()})
    assert proof["Location"] == reverse("accounts:otp_replace_scan")
    assert works([codes[3]], people) == [False]
    assert len(events("recovery code used")) == 1
    new = scan_new_phone(client)
    client.post(reverse("accounts:otp_replace_scan"), {"code": current_code(new)})
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    assert len(events("second factor moved to a new phone")) == 1


def test_a_wrong_proof_keeps_the_user_on_the_first_step(worker, people: People) -> None:
    client, _, _ = worker
    refused = client.post(reverse("accounts:otp_replace"), {"code": "AAAA-AAAA-AAAA"})
    assert refused.status_code == 200
    assert "Varakoodi on väärä tai jo käytetty" in refused.text
    step_two = client.get(reverse("accounts:otp_replace_scan"))
    assert step_two["Location"] == reverse("accounts:otp_replace")
    assert not TOTPDevice.objects.filter(user=people.worker, confirmed=False).exists()


def test_the_proof_expires(worker, people: People) -> None:
    client, old, _ = worker
    client.post(reverse("accounts:otp_replace"), {"code": current_code(old, forget_last=True)})
    session = client.session
    session[views.REPLACE_PROOF_SESSION_KEY] = (
        clock.now().timestamp() - views.REPLACE_PROOF_SECONDS - 1
    )
    session.save()
    assert client.get(reverse("accounts:otp_replace_scan"))["Location"] == reverse(
        "accounts:otp_replace"
    )


def test_too_many_wrong_codes_end_the_session(worker, people: People, settings) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    client, _, _ = worker
    for _ in range(settings.POLKU_OTP_FAILURE_LIMIT):
        response = client.post(reverse("accounts:otp_new_codes"), {"code": "000000"})
    assert response["Location"] == reverse("accounts:login")
    assert len(events("second factor locked")) == 1
    assert len(events("recovery codes renewed")) == 0


@pytest.mark.parametrize(
    ("language", "text"),
    [("sv", "Byt till en ny telefon"), ("en", "Switch to a new phone")],
)
def test_the_pages_read_in_swedish_and_english(
    worker, people: People, language: str, text: str
) -> None:
    client, _, _ = worker
    client.post(reverse("core:set_language"), {"language": language, "next": "/"})
    assert text in client.get(reverse("accounts:second_factor")).text
    assert text in client.get(reverse("accounts:otp_replace")).text


def test_in_the_demo_without_a_second_factor_the_page_says_so(
    client: HttpClient, people: People, settings
) -> None:
    settings.POLKU_STAFF_OTP_REQUIRED = False
    client.force_login(people.worker)
    TOTPDevice.objects.filter(user=people.worker).delete()
    page = client.get(reverse("accounts:second_factor")).text
    assert "seuraavalla kirjautumiskerralla" not in page
    assert reverse("accounts:otp_new_codes") not in page
    assert client.get(reverse("accounts:otp_new_codes"))["Location"] == reverse(
        "accounts:second_factor"
    )
