"""The certificate (SPEC §5): drafted from the period and the attendance, edited by the worker
and the place supervisor (versioned, audited), refused without participation days, given as a
PDF in Finnish or Swedish that does not name the service unless the client chose so."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import translation

from polku.audit.models import AuditEvent, EventKind
from polku.closure import hooks, services
from polku.closure.models import Certificate, CertificateStatus
from polku.closure.rules import SERVICE_TERMS
from polku.closure.tests.builders import drafted, ended_period, given
from polku.core import clock
from polku.core.tests.test_documents import pdf_text
from polku.core.versioning import EditConflict
from tests.people import People

pytestmark = pytest.mark.django_db


def codes(error: ValidationError) -> set[str | None]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def test_a_certificate_is_refused_for_a_client_with_no_participation_days(
    people: People,
) -> None:
    period = ended_period(people, present_days=0)
    with pytest.raises(ValidationError) as error:
        drafted(people, period)
    assert codes(error.value) == {"no_participation_days"}
    assert not Certificate.objects.exists()


def test_the_draft_comes_from_the_period_and_the_evaluation_hook(
    client: HttpClient, people: People
) -> None:
    period = ended_period(people)

    def from_evaluation(p):  # a stand-in for the evaluation app's reader
        return {"skills_shown": "Oma-aloitteisuus (loppuarviointi)"}

    hooks.register_evaluation_source(from_evaluation)
    try:
        client.force_login(people.worker)
        page = client.get(reverse("closure:certificate", args=[period.pk])).text
    finally:
        hooks._SOURCES.remove(from_evaluation)
    assert "Puutyöt" in page  # the period's tasks
    assert "Oma-aloitteisuus (loppuarviointi)" in page
    assert "Osallistumispäivät" in page


def test_worker_and_place_supervisor_both_edit_with_versions_and_audit(people: People) -> None:
    period = ended_period(people)
    certificate = drafted(people, period)
    assert certificate.participation_days == 3
    assert certificate.version == 1
    services.certificate_save(
        actor=people.place_supervisor,
        period=period,
        version=1,
        language="fi",
        tasks_done="Puutyöt",
        skills_shown="Täsmällisyys",
        skills_learned="Hiominen",
    )
    certificate.refresh_from_db()
    assert certificate.version == 2
    assert certificate.skills_learned == "Hiominen"
    with pytest.raises(EditConflict):  # the worker saw version 1
        services.certificate_save(
            actor=people.worker,
            period=period,
            version=1,
            language="fi",
            tasks_done="X",
            skills_shown="",
            skills_learned="",
        )
    changes = AuditEvent.objects.filter(
        kind=EventKind.CHANGE, record_type="closure.Certificate", what="certificate"
    )
    assert changes.count() == 2
    last = changes.order_by("pk").last()
    assert last is not None
    assert last.changes["skills_learned"] == ["Trukin käyttö", "Hiominen"]


def test_the_place_supervisor_edits_only_until_30_days_after_the_end(people: People) -> None:
    period = ended_period(people, ended_days_ago=31)
    with pytest.raises(ValidationError) as error:
        services.certificate_save(
            actor=people.place_supervisor,
            period=period,
            version=None,
            language="fi",
            tasks_done="Puutyöt",
            skills_shown="",
            skills_learned="",
        )
    assert codes(error.value) == {"supervisor_too_late"}


def test_the_place_supervisor_cannot_record_the_clients_choice_nor_give(people: People) -> None:
    period = ended_period(people)
    certificate = services.certificate_save(
        actor=people.place_supervisor,
        period=period,
        version=None,
        language="fi",
        tasks_done="Puutyöt",
        skills_shown="",
        skills_learned="",
        names_service=True,
    )
    assert certificate.names_service is False
    with pytest.raises(PermissionDenied):
        services.certificate_give(
            actor=people.place_supervisor,
            certificate=certificate,
            version=certificate.version,
            given_on=clock.today(),
        )


def test_text_naming_the_service_is_refused_without_the_clients_choice(people: People) -> None:
    period = ended_period(people)
    with pytest.raises(ValidationError) as error:
        drafted(people, period, tasks_done="Kuntouttava työtoiminta puutyöpajassa")
    assert codes(error.value) == {"service_named"}
    certificate = drafted(
        people, period, tasks_done="Kuntouttava työtoiminta puutyöpajassa", names_service=True
    )
    assert certificate.names_service


def test_the_refusal_names_the_word_as_written_not_the_stem(people: People) -> None:
    period = ended_period(people)
    with translation.override("fi"), pytest.raises(ValidationError) as error:
        drafted(people, period, additional="Jakso oli kuntouttavaa työtoimintaa.")
    (message,) = error.value.message_dict["additional"]
    assert "”kuntouttavaa”" in message
    assert "”kuntouttav”" not in message


def test_the_place_supervisors_refusal_does_not_offer_the_choice_they_cannot_record(
    people: People,
) -> None:
    # Found trying it: the place supervisor was told to "record the client's choice", which
    # their form does not have (only the responsible worker records it with the client).
    period = ended_period(people)
    with translation.override("fi"), pytest.raises(ValidationError) as error:
        services.certificate_save(
            actor=people.place_supervisor,
            period=period,
            version=None,
            language="fi",
            tasks_done="Kuntouttavassa työtoiminnassa puutöitä",
            skills_shown="",
            skills_learned="",
        )
    (message,) = error.value.message_dict["tasks_done"]
    assert "poista ”Kuntouttavassa”" in message
    assert "kirjaa asiakkaan valinta" not in message
    assert "Asiakkaan valinnan kirjaa vastuutyöntekijä." in message
    assert codes(error.value) == {"service_named"}


def _words(text: str) -> set[str]:
    lowered = text.lower()
    return {term for term in SERVICE_TERMS if term in lowered}


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_pdf_does_not_name_the_service_unless_chosen(people: People, language: str) -> None:
    period = ended_period(people)
    certificate = given(people, period, language=language)
    text = pdf_text(bytes(certificate.document or b""))
    assert period.relationship.client.full_name in text
    assert "Puutöiden viimeistely" in text
    assert "Trukin käyttö" in text
    assert period.place.name in text
    assert ("Todistus" if language == "fi" else "Intyg") in text
    assert _words(text) == set()
    assert "kuty" not in text.lower().split()
    for secret in (people.worker.last_name, "sosiaaliohjaaja", "Työikäisten", "Toimintaraha"):
        assert secret not in text


@pytest.mark.parametrize(
    ("language", "words"),
    [("fi", {"kuntouttav", "sosiaalipalvelu"}), ("sv", {"rehabiliteringssyfte"})],
)
def test_the_pdf_names_the_service_when_the_client_chose_so(
    people: People, language: str, words: set[str]
) -> None:
    period = ended_period(people)
    certificate = given(people, period, language=language, names_service=True)
    text = pdf_text(bytes(certificate.document or b"")).replace("\n", " ")
    assert words <= _words(text)


def test_giving_stores_the_pdf_and_logs_the_disclosure(client: HttpClient, people: People) -> None:
    period = ended_period(people)
    certificate = drafted(people, period)
    client.force_login(people.worker)
    response = client.post(
        reverse("closure:certificate_give", args=[period.pk]),
        {"given_on": clock.today().strftime("%d.%m.%Y"), "version": certificate.version},
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.GIVEN
    assert certificate.document
    assert AuditEvent.objects.filter(
        kind=EventKind.DISCLOSURE, what="certificate given", recipient="client"
    ).exists()
    with pytest.raises(ValidationError) as error:
        services.certificate_save(
            actor=people.worker,
            period=period,
            version=certificate.version,
            language="fi",
            tasks_done="Muutos",
            skills_shown="",
            skills_learned="",
        )
    assert codes(error.value) == {"certificate_given"}
    pdf = client.get(reverse("closure:certificate_pdf", args=[period.pk]))
    assert pdf.content == bytes(certificate.document or b"")


def test_the_staff_download_is_named_in_the_certificates_language(
    client: HttpClient, people: People
) -> None:
    period = ended_period(people)
    drafted(people, period, language="sv")
    client.force_login(people.worker)  # a Finnish page
    pdf = client.get(reverse("closure:certificate_pdf", args=[period.pk]))
    assert pdf["Content-Disposition"] == 'inline; filename="intyg.pdf"'


def test_the_client_downloads_their_own_certificate_logged_as_self(
    client: HttpClient, people: People
) -> None:
    period = ended_period(people)
    certificate = given(people, period)
    other = ended_period(people)  # another client of the same worker
    other_certificate = given(people, other)
    person = period.relationship.client
    person.user = people.client
    people.client_record.user = None
    people.client_record.save()
    person.save()
    client.force_login(people.client)
    listing = client.get(reverse("closure:own_certificates"))
    assert listing.status_code == 200
    assert period.place.name in listing.text
    response = client.get(reverse("closure:own_certificate_pdf", args=[certificate.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content == bytes(certificate.document or b"")
    assert response["Content-Disposition"] == 'inline; filename="todistus.pdf"'
    # The file name in the certificate's language, not the page's: a Finnish certificate is
    # not saved as intyg.pdf from a Swedish page, and the Swedish page says it is in Finnish.
    client.cookies["polku_language"] = "sv"
    swedish = client.get(reverse("closure:own_certificate_pdf", args=[certificate.pk]))
    assert swedish["Content-Disposition"] == 'inline; filename="todistus.pdf"'
    assert "(på finska)" in client.get(reverse("closure:own_certificates")).text
    del client.cookies["polku_language"]
    assert "(suomeksi)" not in listing.text  # a Finnish page says nothing of a Finnish PDF
    event = AuditEvent.objects.filter(kind=EventKind.ACCESS, what="certificate PDF").last()
    assert event is not None
    assert (event.basis, event.client_id) == ("self", person.pk)
    refused = client.get(reverse("closure:own_certificate_pdf", args=[other_certificate.pk]))
    assert refused.status_code == 404


def test_a_draft_is_not_in_omapolku(client: HttpClient, people: People) -> None:
    period = ended_period(people)
    certificate = drafted(people, period)
    person = period.relationship.client
    people.client_record.user = None
    people.client_record.save()
    person.user = people.client
    person.save()
    client.force_login(people.client)
    assert (
        client.get(reverse("closure:own_certificate_pdf", args=[certificate.pk])).status_code == 404
    )


def test_supervisor_pages_follow_the_window(client: HttpClient, people: People) -> None:
    during = ended_period(people, ended_days_ago=-10)
    client.force_login(people.place_supervisor)
    listing = client.get(reverse("closure:place_certificates"))
    assert during.relationship.client.last_name in listing.text
    assert client.get(reverse("closure:certificate", args=[during.pk])).status_code == 200
    with clock.frozen(clock.now() + dt.timedelta(days=10 + 31)):  # 31 days after the end: no longer
        assert client.get(reverse("closure:certificate", args=[during.pk])).status_code == 404
        listing = client.get(reverse("closure:place_certificates"))
        assert during.relationship.client.last_name not in listing.text


def _give(people: People, certificate: Certificate, on: dt.date) -> Certificate:
    certificate.refresh_from_db()
    return services.certificate_give(
        actor=people.worker, certificate=certificate, version=certificate.version, given_on=on
    )


def test_a_certificate_waits_for_the_period_end_without_a_final_evaluation(
    client: HttpClient, people: People
) -> None:
    """Under way, without a finished final evaluation: refused until the period's last day,
    on the page too, in Finnish and Swedish, naming the day."""
    period = ended_period(people, ended_days_ago=-10)
    certificate = drafted(people, period)
    with pytest.raises(ValidationError) as error:
        _give(people, certificate, clock.today())
    assert codes(error.value) == {"certificate_too_early"}
    last_day = f"{period.ends_on.day}.{period.ends_on.month}.{period.ends_on.year}"
    client.force_login(people.worker)
    url = reverse("closure:certificate_give", args=[period.pk])
    data = {"given_on": clock.today().strftime("%d.%m.%Y"), "version": certificate.version}
    page = client.post(url, data).text
    assert f"ei voi olla ennen {last_day}" in page
    client.post(reverse("core:set_language"), {"language": "sv", "next": "/"})
    assert last_day in client.post(url, data).text
    assert "slututvärdering" in client.post(url, data).text
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.DRAFT
    with clock.frozen(clock.now() + dt.timedelta(days=10)):
        assert _give(people, certificate, period.ends_on).status == CertificateStatus.GIVEN


def test_a_certificate_is_given_after_the_final_evaluation_before_the_period_ends(
    people: People,
) -> None:
    """The final evaluation finished three days ago: the certificate may be given from that
    day on, while the period still runs (the client is not sent home to wait), never before."""
    from polku.clients.models import Stage
    from polku.closure.tests.builders import at_stage
    from polku.evaluation import services as evaluation_services
    from polku.evaluation.tests.builders import complete_sections, goal_fields

    period = ended_period(people, ended_days_ago=-10)
    relationship = at_stage(period.relationship, Stage.S11_PERIOD)
    goals = [
        evaluation_services.goal_create(actor=people.worker, relationship=relationship, **fields)
        for fields in (goal_fields(), goal_fields(wording="Opettelen trukin käytön."))
    ]
    final = evaluation_services.evaluation_start(
        actor=people.worker, relationship=relationship, kind="final"
    )
    complete_sections(people, final, goals, [1, 0])
    final.refresh_from_db()
    met_on = clock.today() - dt.timedelta(days=3)
    evaluation_services.evaluation_finish(
        actor=people.worker, evaluation=final, version=final.version, met_on=met_on, participants=""
    )
    certificate = drafted(people, period)
    with pytest.raises(ValidationError) as error:
        _give(people, certificate, met_on - dt.timedelta(days=1))
    assert codes(error.value) == {"certificate_too_early"}
    assert "before the final evaluation" not in str(error.value)  # in the viewer's language
    assert _give(people, certificate, met_on).status == CertificateStatus.GIVEN
    assert period.ends_on > clock.today()


@pytest.mark.parametrize(
    ("language", "page", "shown", "not_shown"),
    [
        ("sv", "fi", "Verksamhetscentret Test", "Toimintakeskus Testi"),
        ("fi", "sv", "Toimintakeskus Testi", "Verksamhetscentret Test"),
    ],
)
def test_the_pdf_names_the_place_in_the_certificates_language(
    people: People, language: str, page: str, shown: str, not_shown: str
) -> None:
    """The place and the organiser by their names in the document's language (``name_in``),
    whatever the language of whoever makes it."""
    from polku.accounts.models import Unit

    Unit.objects.filter(pk=people.place.pk).update(name_sv="Verksamhetscentret Test")
    Unit.objects.filter(pk=people.organiser.pk).update(name_sv="Testilä välfärdsområde")
    period = ended_period(people)
    with translation.override(page):
        certificate = given(people, period, language=language)
    text = pdf_text(bytes(certificate.document or b"")).replace("\n", " ")
    assert shown in text
    assert not_shown not in text
    organiser = "Testilä välfärdsområde" if language == "sv" else "Testilän hyvinvointialue"
    assert organiser in text
