"""The staff second factor (SPEC §8): enrolment, verification, recovery codes, throttling,
the administrator's reset, and the demo banner."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.test import Client as HttpClient
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from polku.accounts import second_factor
from polku.accounts.models import RecoveryCode
from polku.audit.models import AuditEvent
from tests.people import People
from tests.second_factor import current_code, password_only_login, staff_device

pytestmark = pytest.mark.django_db

STAFF = (
    "worker",
    "decision_maker",
    "place_supervisor",
    "manager",
    "employment_official",
    "administrator",
    "no_role",
)


def session_key(client: HttpClient) -> str:
    return client.cookies["sessionid"].value


def enrolled_codes(people: People) -> tuple[TOTPDevice, list[str]]:
    """The worker enrolled through the service (as the enrolment page does)."""
    device = second_factor.enrolment_device(people.worker)
    codes = second_factor.second_factor_enrol(
        actor=people.worker, device=device, token=current_code(device)
    )
    return device, codes


@pytest.mark.parametrize("role", STAFF)
def test_every_staff_role_is_sent_to_enrolment_at_first_login(
    client, people: People, role: str
) -> None:
    password_only_login(client, getattr(people, role))
    response = client.get(reverse("accounts:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_enrol"))


@pytest.mark.parametrize(
    ("name", "method", "args"),
    [
        ("pathways:today", "get", []),  # a start page
        ("clients:caseload", "get", []),  # a list
        ("accounts:unit_detail", "get", ["unit"]),  # a record page
        ("clients:intake_new", "post", []),  # a form post
    ],
)
def test_staff_without_the_second_factor_is_redirected_from_every_kind_of_page(
    client, people: People, name: str, method: str, args: list[str]
) -> None:
    staff_device(people.worker)
    password_only_login(client, people.worker)
    url = reverse(name, args=[getattr(people, a).pk for a in args])
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_verify"))
    if method == "get":
        assert "next=" in response["Location"]


def test_htmx_requests_are_redirected_by_htmx(client, people: People) -> None:
    password_only_login(client, people.worker)
    response = client.get(reverse("clients:caseload"), headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith(reverse("accounts:otp_enrol"))


def test_configuration_site_needs_the_second_factor(client, people: People) -> None:
    password_only_login(client, people.administrator)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_enrol"))


def test_logout_and_language_work_before_the_second_factor(client, people: People) -> None:
    password_only_login(client, people.worker)
    response = client.post(reverse("core:set_language"), {"language": "sv", "next": "/"})
    assert response["Location"] == "/"
    assert client.get(reverse("accounts:otp_enrol")).status_code == 200
    assert client.post(reverse("accounts:logout"))["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_a_client_does_not_use_the_second_factor(client, people: People) -> None:
    password_only_login(client, people.client)
    assert client.get(reverse("portal:client_start")).status_code == 200
    for name in ("accounts:otp_enrol", "accounts:otp_verify", "accounts:otp_recovery"):
        assert client.get(reverse(name))["Location"] == reverse("accounts:home")
    assert not TOTPDevice.objects.filter(user=people.client).exists()


def test_enrolment_shows_a_local_qr_code_and_gives_ten_hashed_recovery_codes(
    client, people: People
) -> None:
    password_only_login(client, people.worker)
    page = client.get(reverse("accounts:otp_enrol"), {"next": reverse("clients:caseload")})
    assert page.status_code == 200
    assert "<svg" in page.text
    assert 'role="img"' in page.text
    assert "http://" not in page.text.split("<svg", 1)[1].split("</svg>", 1)[0]
    device = TOTPDevice.objects.get(user=people.worker)
    assert not device.confirmed
    assert second_factor.device_secret(device) in page.text

    before = session_key(client)
    response = client.post(
        reverse("accounts:otp_enrol"),
        {"code": current_code(device), "next": reverse("clients:caseload")},
    )
    assert response.status_code == 200
    codes = re.findall(r"<code>([A-Z0-9-]{14})</code>", response.text)
    assert len(codes) == 10 == len(set(codes))
    assert session_key(client) != before  # the session was rotated
    device.refresh_from_db()
    assert device.confirmed
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(reverse("clients:caseload")).status_code == 200

    rows = list(RecoveryCode.objects.filter(user=people.worker))
    assert len(rows) == 10
    for row, code in zip(rows, codes, strict=True):
        assert row.code_hash.startswith("pbkdf2_sha256_recovery$")
        assert code.replace("-", "") not in row.code_hash

    event = AuditEvent.objects.get(what="second factor enrolled")
    assert event.actor_id == people.worker.pk
    assert event.record_id == str(people.worker.pk)
    assert event.changes == {
        "second_factor": ["not enrolled", "enrolled"],
        "recovery_codes": [0, 10],
    }
    dumped = str(event.changes)
    assert device.key not in dumped
    assert all(code not in dumped for code in codes)


def test_the_recovery_codes_are_shown_once(client, people: People) -> None:
    password_only_login(client, people.worker)
    client.get(reverse("accounts:otp_enrol"))
    device = TOTPDevice.objects.get(user=people.worker)
    client.post(reverse("accounts:otp_enrol"), {"code": current_code(device)})
    again = client.get(reverse("accounts:otp_enrol"), follow=True)
    assert "<code>" not in again.text


def test_verification_logs_in_and_rotates_the_session(client, people: People) -> None:
    device = staff_device(people.worker)
    password_only_login(client, people.worker)
    before = session_key(client)
    response = client.post(
        reverse("accounts:otp_verify"),
        {"code": current_code(device), "next": reverse("clients:caseload")},
    )
    assert response["Location"] == reverse("clients:caseload")
    assert session_key(client) != before
    assert client.get(reverse("clients:caseload")).status_code == 200


def test_a_code_works_only_once(client, people: People) -> None:
    device = staff_device(people.worker)
    code = current_code(device)
    password_only_login(client, people.worker)
    assert client.post(reverse("accounts:otp_verify"), {"code": code}).status_code == 302
    other = HttpClient()
    password_only_login(other, people.worker)
    response = other.post(reverse("accounts:otp_verify"), {"code": code})
    assert response.status_code == 200
    assert "Koodi on väärä tai vanhentunut" in response.text


def test_wrong_codes_are_throttled(client, people: People, settings) -> None:
    assert settings.OTP_TOTP_THROTTLE_FACTOR > 0  # on in the real settings
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # a slow test machine still sees the wait
    device = staff_device(people.worker)
    password_only_login(client, people.worker)
    wrong = client.post(reverse("accounts:otp_verify"), {"code": "000000"})
    assert "Koodi on väärä tai vanhentunut" in wrong.text
    # The right code right after a wrong one is refused until the wait is over.
    throttled = client.post(reverse("accounts:otp_verify"), {"code": current_code(device)})
    assert throttled.status_code == 200
    assert "Liian monta väärää koodia" in throttled.text
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    assert client.get(reverse("clients:caseload")).status_code == 302


def test_the_failure_limit_ends_the_session_and_is_audited(
    client, people: People, settings
) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no waiting between the attempts in this test
    settings.POLKU_OTP_FAILURE_LIMIT = 3
    staff_device(people.worker)
    password_only_login(client, people.worker)
    for _ in range(2):
        client.post(reverse("accounts:otp_verify"), {"code": "000000"})
    assert not AuditEvent.objects.filter(what="second factor locked").exists()
    response = client.post(reverse("accounts:otp_verify"), {"code": "000000"})
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(what="second factor locked")
    assert event.actor_id == people.worker.pk
    assert event.changes == {"second_factor_failures": [2, 3]}
    page = client.get(reverse("accounts:login"))
    assert "Liian monta väärää koodia peräkkäin" in page.text


def test_a_recovery_code_works_once(client, people: People) -> None:
    _, codes = enrolled_codes(people)
    password_only_login(client, people.worker)
    response = client.post(
        reverse("accounts:otp_recovery"), {"code": codes[3].lower().replace("-", " ")}
    )
    assert response["Location"] == reverse("accounts:home")
    assert client.get(reverse("clients:caseload")).status_code == 200
    event = AuditEvent.objects.get(what="recovery code used")
    assert event.changes == {"recovery_codes": [10, 9]}
    assert codes[3] not in str(event.changes)

    other = HttpClient()
    password_only_login(other, people.worker)
    again = other.post(reverse("accounts:otp_recovery"), {"code": codes[3]})
    assert again.status_code == 200
    assert "Varakoodi on väärä tai jo käytetty" in again.text
    assert "appisi" not in again.text
    assert other.get(reverse("clients:caseload")).status_code == 302


def test_wrong_recovery_codes_are_throttled(client, people: People, settings) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    _, codes = enrolled_codes(people)
    password_only_login(client, people.worker)
    client.post(reverse("accounts:otp_recovery"), {"code": "AAAA-AAAA-AAAA"})
    throttled = client.post(reverse("accounts:otp_recovery"), {"code": codes[0]})
    assert "Liian monta väärää koodia" in throttled.text
    assert RecoveryCode.objects.filter(user=people.worker, used_at__isnull=True).count() == 10


def test_the_administrator_resets_the_second_factor_with_an_audited_action(
    client, people: People
) -> None:
    enrolled_codes(people)
    worker_session = HttpClient()
    worker_session.force_login(people.worker)  # verified with the worker's device
    assert worker_session.get(reverse("clients:caseload")).status_code == 200

    client.force_login(people.administrator)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [people.worker.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=people.worker).exists()
    assert not RecoveryCode.objects.filter(user=people.worker).exists()
    event = AuditEvent.objects.get(what="second factor reset")
    assert event.actor_id == people.administrator.pk
    assert event.record_type == "accounts.User"
    assert event.record_id == str(people.worker.pk)
    assert event.changes == {"second_factor": ["enrolled", "reset"]}
    # The worker's verified session lost its device: enrol again.
    response = worker_session.get(reverse("clients:caseload"))
    assert response["Location"].startswith(reverse("accounts:otp_enrol"))


def test_device_keys_are_not_on_the_configuration_site() -> None:
    assert not admin.site.is_registered(TOTPDevice)


def test_next_goes_only_to_this_site(client, people: People) -> None:
    device = staff_device(people.worker)
    password_only_login(client, people.worker)
    response = client.post(
        reverse("accounts:otp_verify"),
        {"code": current_code(device), "next": "https://example.com/"},
    )
    assert response["Location"] == reverse("accounts:home")


def test_the_demo_without_a_second_factor_says_so_on_every_page(
    client, people: People, settings
) -> None:
    banner = "Demo ilman toista tunnistautumisvaihetta"
    assert banner not in client.get(reverse("accounts:login")).text
    settings.POLKU_STAFF_OTP_REQUIRED = False
    assert banner in client.get(reverse("accounts:login")).text
    password_only_login(client, people.worker)
    page = client.get(reverse("pathways:today"))
    assert page.status_code == 200
    assert banner in page.text
    assert banner in client.get("/ei-ole/").text  # the 404 page too
    client.force_login(people.administrator)
    assert banner in client.get(reverse("admin:index")).text  # and the configuration site
    assert banner in client.get(reverse("admin:accounts_user_changelist")).text


def test_the_menu_waits_for_the_second_factor(client, people: People) -> None:
    password_only_login(client, people.worker)
    page = client.get(reverse("accounts:otp_enrol"))
    assert reverse("clients:caseload") not in page.text
    assert reverse("accounts:logout") in page.text


def test_a_client_who_is_also_staff_needs_the_second_factor(client, people: People) -> None:
    from polku.accounts.models import RoleAssignment
    from polku.accounts.roles import Role

    RoleAssignment.objects.create(user=people.client, role=Role.WORKER, unit=people.unit)
    password_only_login(client, people.client)
    response = client.get(reverse("portal:client_start"))
    assert response["Location"].startswith(reverse("accounts:otp_enrol"))
