"""Complaints (muistutus, 812/2000 §23): instructions, the client's form, the worker's record
of one written with the client, handling by the unit's managers, and the client seeing the
state and the answer."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from polku.audit.models import AuditEvent
from polku.core import clock
from polku.core.errors import CommonError
from polku.feedback import services
from polku.feedback.errors import FeedbackError
from polku.feedback.events import FeedbackEvent
from polku.feedback.models import Complaint

pytestmark = pytest.mark.django_db


def form(**data: str) -> dict[str, str]:
    payload = {
        "what_happened": "Minulle puhuttiin tylysti vastaanotolla.",
        "when": "toukokuussa",
        "wish": "Anteeksipyyntö",
        "reply_by": "omapolku",
        "contact": "",
        "submission": str(uuid.uuid4()),
    }
    payload.update(data)
    return payload


def test_the_instructions_say_to_whom_and_what_to_write(client, people):
    client.force_login(people.client)
    page = client.get(reverse("feedback:complaint_info"))
    assert page.status_code == 200
    assert f"yksikön vastuuhenkilölle ({people.unit.name})" in page.text
    assert "812/2000, 23 §" in page.text
    assert "Mitä kirjoitan?" in page.text
    client.cookies["polku_language"] = "sv"
    swedish = client.get(reverse("feedback:complaint_info"))
    assert "Så gör du en anmärkning" in swedish.text


def test_the_client_makes_a_complaint_routed_to_the_units_managers(client, people):
    client.force_login(people.client)
    response = client.post(reverse("feedback:complaint_new"), form())
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert (complaint.unit_id, complaint.client_id, complaint.helped_by_id, complaint.state) == (
        people.unit.pk,
        people.client_record.pk,
        None,
        "received",
    )
    assert AuditEvent.objects.get(what=FeedbackEvent.COMPLAINT_MADE).client_id == (
        people.client_record.pk
    )
    mine = client.get(reverse("feedback:complaint_info"))
    assert "Minulle puhuttiin tylysti" in mine.text
    assert "Vastaanotettu" in mine.text
    # The own worker cannot read it; the manager above the unit can.
    client.force_login(people.worker)
    assert client.get(reverse("feedback:complaint_list")).status_code == 403
    detail = reverse("feedback:complaint_detail", args=[complaint.pk])
    assert client.get(detail).status_code == 403
    client.force_login(people.manager)
    assert "Minulle puhuttiin tylysti" in client.get(detail).text


def test_an_empty_complaint_is_refused_and_what_was_typed_is_kept(client, people):
    client.force_login(people.client)
    response = client.post(
        reverse("feedback:complaint_new"), form(what_happened="  ", wish="Haluan vastauksen")
    )
    assert response.status_code == 200
    assert "Kirjoita, mitä tapahtui." in response.text
    assert "Haluan vastauksen" in response.text
    assert not Complaint.objects.exists()
    with pytest.raises(ValidationError) as refused:
        services.complaint_make(
            actor=people.client, client=people.client_record, what_happened="", reply_by="letter"
        )
    assert refused.value.error_dict["what_happened"][0].code == CommonError.REQUIRED
    assert refused.value.error_dict["contact"][0].code == CommonError.REQUIRED


def test_a_double_submit_stores_one_complaint(client, people):
    client.force_login(people.client)
    data = form()
    client.post(reverse("feedback:complaint_new"), data)
    client.post(reverse("feedback:complaint_new"), data)
    assert Complaint.objects.count() == 1
    assert AuditEvent.objects.filter(what=FeedbackEvent.COMPLAINT_MADE).count() == 1


def test_the_worker_records_a_complaint_written_with_the_client(client, people):
    client.force_login(people.worker)
    url = reverse("feedback:complaint_assist", args=[people.relationship.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, form(reply_by="letter", contact="Torikatu 1")).status_code == 302
    complaint = Complaint.objects.get()
    assert (complaint.helped_by_id, complaint.client_id, complaint.unit_id) == (
        people.worker.pk,
        people.client_record.pk,
        people.unit.pk,
    )
    event = AuditEvent.objects.get(what=FeedbackEvent.COMPLAINT_MADE)
    assert (event.actor_id, event.changes["helped_by"][1]) == (people.worker.pk, people.worker.pk)
    # The worker still cannot read the handlers' pages; the client sees who helped.
    assert client.get(reverse("feedback:complaint_list")).status_code == 403
    client.force_login(people.client)
    mine = client.get(reverse("feedback:complaint_info")).text
    assert f"{people.worker.get_full_name()} auttoi sinua kirjoittamaan sen." in mine
    # A worker of another unit gets the one 404.
    client.force_login(people.worker_other_unit)
    assert client.get(url).status_code == 404
    with pytest.raises(PermissionDenied):
        services.complaint_assist(
            actor=people.worker_other_unit,
            relationship=people.relationship,
            what_happened="x",
            reply_by="omapolku",
        )


def test_the_manager_answers_and_the_client_sees_the_answer(client, people):
    complaint = services.complaint_make(
        actor=people.client,
        client=people.client_record,
        what_happened="Ohjaaja ei vastannut puhelimeen.",
        reply_by="omapolku",
    )
    client.force_login(people.manager)
    url = reverse("feedback:complaint_detail", args=[complaint.pk])
    client.post(url, {"state": "in_progress", "version": "1"})
    complaint.refresh_from_db()
    assert complaint.state == "in_progress"
    refused = client.post(
        url,
        {"state": "answered", "version": str(complaint.version), "answer": "", "answered_on": ""},
    )
    assert refused.status_code == 200
    complaint.refresh_from_db()
    assert complaint.state == "in_progress"
    today = clock.today()
    client.post(
        url,
        {
            "state": "answered",
            "version": str(complaint.version),
            "answer": "Pahoittelemme. Puhelinajat tarkistetaan.",
            "answered_on": f"{today.day}.{today.month}.{today.year}",
        },
    )
    complaint.refresh_from_db()
    assert (complaint.state, complaint.handler_id) == ("answered", people.manager.pk)
    assert [
        e.changes["state"][1]
        for e in AuditEvent.objects.filter(what=FeedbackEvent.COMPLAINT_STATE).order_by("pk")
    ] == ["in_progress", "answered"]
    client.force_login(people.client)
    mine = client.get(reverse("feedback:complaint_info")).text
    assert "Pahoittelemme. Puhelinajat tarkistetaan." in mine
    assert "Vastattu" in mine
    with pytest.raises(ValidationError) as wrong:
        services.complaint_handle(
            actor=people.manager, complaint=complaint, version=complaint.version, state="answered"
        )
    assert wrong.value.code == FeedbackError.WRONG_STATE


def test_an_answer_in_the_future_is_refused(people):
    complaint = services.complaint_make(
        actor=people.client, client=people.client_record, what_happened="x", reply_by="omapolku"
    )
    with pytest.raises(ValidationError) as refused:
        services.complaint_handle(
            actor=people.manager,
            complaint=complaint,
            version=1,
            state="answered",
            answer="Vastaus",
            answered_on=clock.today() + dt.timedelta(days=1),
        )
    assert refused.value.error_dict["answered_on"][0].code == CommonError.FUTURE
