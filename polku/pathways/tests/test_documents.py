"""The service-need assessment and the client plan: completing, revising, labels, audit keys."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from polku.audit.models import AuditEvent, EventKind
from polku.core.errors import CommonError
from polku.pathways import services
from polku.pathways.events import PathwayRead
from polku.pathways.models import Assessment, ClientPlan, DocumentStatus
from tests.builders import relationship_after_first_meeting
from tests.people import People

pytestmark = pytest.mark.django_db

ASSESSMENT = {
    "summary": "Tilanne: asuu yksin.",
    "conclusion": "Kuty sopii.",
    "client_view": "Haluan mukaan.",
}
CLIENT_PLAN = {
    "goals": "Päivärytmi",
    "services_and_measures": "Kuty 3 päivää viikossa",
    "follow_up": "Arvio kolmen kuukauden päästä",
}


def completed(people: People, model: type[Assessment] | type[ClientPlan], fields: dict) -> object:
    relationship = relationship_after_first_meeting(worker=people.worker, unit=people.unit)
    return services.document_save(
        actor=people.worker,
        model=model,
        relationship=relationship,
        version=None,
        complete=True,
        fields=fields,
    )


@pytest.mark.parametrize("kind", ["arviointi", "asiakassuunnitelma"])
def test_a_new_version_with_a_blank_reason_is_a_form_error(client, people: People, kind) -> None:
    model, fields = (Assessment, ASSESSMENT) if kind == "arviointi" else (ClientPlan, CLIENT_PLAN)
    doc = completed(people, model, fields)
    client.force_login(people.worker)
    url = reverse("pathways:document", args=[doc.relationship_id, kind])  # type: ignore[attr-defined]
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 200
    assert "error-summary" in response.text
    assert model.objects.filter(relationship_id=doc.relationship_id).count() == 1  # type: ignore[attr-defined]


@pytest.mark.parametrize(("model", "fields"), [(Assessment, ASSESSMENT), (ClientPlan, CLIENT_PLAN)])
def test_completing_needs_the_defining_content(people: People, model, fields) -> None:
    relationship = relationship_after_first_meeting(worker=people.worker, unit=people.unit)
    with pytest.raises(ValidationError) as error:
        services.document_save(
            actor=people.worker,
            model=model,
            relationship=relationship,
            version=None,
            complete=True,
            fields={name: "   " for name in fields},
        )
    assert set(error.value.error_dict) == set(fields)
    assert {e.code for errors in error.value.error_dict.values() for e in errors} == {
        CommonError.INCOMPLETE
    }
    assert not model.objects.filter(relationship=relationship).exists()
    one_missing = dict(fields) | {next(iter(fields)): ""}
    with pytest.raises(ValidationError) as error:
        services.document_save(
            actor=people.worker,
            model=model,
            relationship=relationship,
            version=None,
            complete=True,
            fields=one_missing,
        )
    assert list(error.value.error_dict) == [next(iter(fields))]
    doc = services.document_save(
        actor=people.worker,
        model=model,
        relationship=relationship,
        version=None,
        complete=True,
        fields=fields,
    )
    assert doc.status == DocumentStatus.COMPLETED


def test_completing_an_empty_assessment_names_what_is_missing_on_the_form(
    client, people: People
) -> None:
    relationship = relationship_after_first_meeting(worker=people.worker, unit=people.unit)
    client.force_login(people.worker)
    url = reverse("pathways:document", args=[relationship.pk, "arviointi"])
    response = client.post(url, {"summary": "Tilanne", "complete": "on"})
    assert response.status_code == 200
    summary = response.text.split('id="error-summary-title"')[1].split("</div>")[0]
    assert "Ammattihenkilön johtopäätös" in summary
    assert "Yhteenveto" not in summary
    assert ">\nTilanne</textarea>" in response.text
    assert not Assessment.objects.filter(relationship=relationship).exists()


def test_labels_are_in_sentence_case_and_a_new_version_starts_from_the_last(
    client, people: People
) -> None:
    doc = completed(people, ClientPlan, CLIENT_PLAN)
    client.force_login(people.worker)
    url = reverse("pathways:document", args=[doc.relationship_id, "asiakassuunnitelma"])  # type: ignore[attr-defined]
    client.post(url, {"reason": "Tilanne muuttui"})
    page = client.get(url).text
    with translation.override("fi"):
        label = str(ClientPlan._meta.get_field("goals").verbose_name)
    assert f">{label[0].upper()}{label[1:]}" in page
    assert f">{label}<" not in page
    assert "Kuty 3 päivää viikossa</textarea>" in page


def test_the_audit_stores_stable_document_keys_whatever_the_language(
    client, people: People
) -> None:
    doc = completed(people, Assessment, ASSESSMENT)
    relationship_id = doc.relationship_id  # type: ignore[attr-defined]
    url = reverse("pathways:document", args=[relationship_id, "arviointi"])
    for language in ("fi", "sv", "en"):
        people.worker.language = language
        people.worker.save()
        client.force_login(people.worker)
        client.get(url, headers={"accept-language": language})
    client.post(url, {"reason": "Uusi tieto"})
    whats = set(
        AuditEvent.objects.filter(client_id=doc.relationship.client_id).values_list(  # type: ignore[attr-defined]
            "what", flat=True
        )
    )
    assert not any("arvi" in what or "bedöm" in what or "service-need" in what for what in whats)
    assert (
        AuditEvent.objects.filter(kind=EventKind.ACCESS, what=PathwayRead.ASSESSMENT).count() >= 3
    )
    assert AuditEvent.objects.filter(
        kind=EventKind.CHANGE, what="assessment", changes__has_key="correction_reason"
    ).exists()
