"""Assessment, client plan and activation plan: rules, versions, PDF and the work queue."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from polku.accounts.models import ProducerType
from polku.audit.models import AuditEvent, EventKind
from polku.core import clock, statutory
from polku.pathways import rules, selectors, services, workqueue
from polku.pathways.errors import PathwayError
from polku.pathways.models import (
    ActivationPlan,
    Assessment,
    ClientPlan,
    DocumentStatus,
    OptionKind,
    PlanStatus,
)
from tests.builders import draft_plan, ready_to_sign, relationship_after_first_meeting, signed_plan
from tests.factories import PlaceFactory
from tests.people import People, build_relationship
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_statutory_values_follow_their_effective_dates() -> None:
    assert statutory.int_value("max_days_per_week", on=dt.date(2015, 6, 30)) == 5
    assert statutory.int_value("max_days_per_week", on=dt.date(2015, 7, 1)) == 4
    assert statutory.int_value("plan_review_max_months", on=dt.date(2026, 1, 1)) == 3
    with pytest.raises(statutory.MissingStatutoryValue):
        statutory.value("plan_review_max_months", on=dt.date(1999, 1, 1))


def test_assessment_is_versioned_and_completed_is_read_only(client, people: People) -> None:
    relationship = relationship_after_first_meeting(worker=people.worker, unit=people.unit)
    client.force_login(people.worker)
    url = reverse("pathways:document", args=[relationship.pk, "arviointi"])
    response = client.post(
        url,
        {
            "summary": "Tilanne: asuu yksin.",
            "conclusion": "Kuty sopii.",
            "client_view": "Haluan mukaan.",
            "complete": "on",
        },
    )
    assert response.status_code == 302
    first = Assessment.objects.get(relationship=relationship)
    assert (first.status, first.number, first.author) == (
        DocumentStatus.COMPLETED,
        1,
        people.worker,
    )
    with pytest.raises(ValidationError):
        services.document_save(
            actor=people.worker,
            model=Assessment,
            relationship=relationship,
            version=first.version,
            complete=False,
            fields={"summary": "muutos"},
        )
    client.post(url, {"reason": "Tilanne muuttui"})
    second = Assessment.objects.get(relationship=relationship, number=2)
    assert second.status == DocumentStatus.DRAFT
    assert second.summary == "Tilanne: asuu yksin."
    assert second.correction_reason == "Tilanne muuttui"
    first.refresh_from_db()
    assert first.summary == "Tilanne: asuu yksin."


def test_client_plan_keeps_the_clients_view_and_disagreement(client, people: People) -> None:
    relationship = relationship_after_first_meeting(worker=people.worker, unit=people.unit)
    client.force_login(people.worker)
    url = reverse("pathways:document", args=[relationship.pk, "asiakassuunnitelma"])
    client.post(
        url,
        {"goals": "Päivärytmi", "client_view": "Haluan töihin", "disagreement": "En halua ryhmään"},
    )
    plan = ClientPlan.objects.get(relationship=relationship)
    assert (plan.client_view, plan.disagreement) == ("Haluan töihin", "En halua ryhmään")
    assert "En halua ryhmään" in client.get(url).text


def test_plan_for_a_client_without_a_responsible_worker_is_refused(people: People) -> None:
    relationship = build_relationship(worker=None, unit=people.unit)
    from django.core.exceptions import PermissionDenied

    with pytest.raises((ValidationError, PermissionDenied)):
        services.plan_start(actor=people.worker, relationship=relationship, plan_type="activation")


def test_plan_start_needs_the_mapping(people: People) -> None:
    with pytest.raises(ValidationError) as error:
        services.plan_start(
            actor=people.worker, relationship=people.relationship, plan_type="activation"
        )
    assert "ensimmäistä tapaamista ei ole vielä" in " ".join(error.value.messages).lower()


def test_signing_with_one_option_without_notice_and_information_names_what_is_missing(
    client, people: People
) -> None:
    plan = draft_plan(worker=people.worker, unit=people.unit)
    services.option_add(actor=people.worker, plan=plan, kind=OptionKind.OWN, note="Oma idea")
    client.force_login(people.worker)
    response = client.post(
        reverse("pathways:plan_sign", args=[plan.pk]),
        {
            "party": "client",
            "signer_name": "Matti Meikäläinen",
            "method": "in_person",
            "signed_on": clock.today().strftime("%d.%m.%Y"),
        },
    )
    assert response.status_code == 200
    for expected in (
        "Tiedotetta aktivointisuunnitelmasta ei ole annettu",
        "vähintään 2",
        "etuuksista ja korvauksista",
    ):
        assert expected in response.text
    assert 'value="Matti Meikäläinen"' in response.text
    assert not plan.signatures.exists()


def test_three_signatures_sign_the_plan_and_set_the_review(people: People) -> None:
    plan = signed_plan(worker=people.worker, unit=people.unit)
    assert plan.status == PlanStatus.SIGNED
    assert plan.review_due == rules.add_months(clock.today(), 3)
    assert selectors.current_plan(plan.relationship) == plan
    with pytest.raises(ValidationError):
        services.plan_update(
            actor=people.worker, plan=plan, version=plan.version, education="muutos"
        )


def test_review_more_than_three_months_away_is_refused(client, people: People) -> None:
    plan = ready_to_sign(worker=people.worker, unit=people.unit)
    client.force_login(people.worker)
    data = {
        key: value
        for key, value in {
            "version": plan.version,
            "plan_type": "activation",
            "notice_given_on": clock.today().strftime("%d.%m.%Y"),
            "notice_method": "meeting",
            "education": "Ammattikoulu",
            "agreed_measures": "Kuty",
            "last_resort_informed": "on",
            "benefits_informed": "on",
            "review_due": (clock.today() + dt.timedelta(days=120)).strftime("%d.%m.%Y"),
        }.items()
    }
    response = client.post(reverse("pathways:plan", args=[plan.pk]), data)
    assert response.status_code == 200
    assert "vähintään 3 kuukauden välein" in response.text
    assert "Ammattikoulu" in response.text
    plan.refresh_from_db()
    assert plan.review_due is None


def test_company_place_is_refused_as_an_option(people: People) -> None:
    plan = draft_plan(worker=people.worker, unit=people.unit)
    with pytest.raises(ValidationError) as error:
        services.option_add(
            actor=people.worker, plan=plan, kind=OptionKind.PLACE, place=people.company_place
        )
    assert "13 § 2 mom" in error.value.message_dict["place"][0]


def test_refusal_needs_the_consequences_explained(people: People) -> None:
    plan = draft_plan(worker=people.worker, unit=people.unit)
    with pytest.raises(ValidationError):
        services.plan_refuse(actor=people.worker, plan=plan, consequences_explained=False)
    services.plan_refuse(actor=people.worker, plan=plan, consequences_explained=True)
    plan.refresh_from_db()
    assert (plan.status, plan.refused, plan.consequences_explained) == (
        PlanStatus.REFUSED,
        True,
        True,
    )


def test_correction_is_a_new_version_and_the_signed_one_stays(people: People) -> None:
    plan = signed_plan(worker=people.worker, unit=people.unit)
    new = services.plan_correct(actor=people.worker, plan=plan, reason="Tavoite tarkentui")
    assert (new.number, new.status, new.correction_reason) == (
        plan.number + 1,
        PlanStatus.DRAFT,
        "Tavoite tarkentui",
    )
    assert new.options.count() == plan.options.count()
    assert selectors.current_plan(plan.relationship) == plan  # the draft is not current yet
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SIGNED


def test_reflection_visits_and_second_plan(client, people: People) -> None:
    plan = signed_plan(worker=people.worker, unit=people.unit)
    client.force_login(people.worker)
    client.post(
        reverse("pathways:plan_reflection", args=[plan.pk]),
        {"reflection_due": (clock.today() + dt.timedelta(days=10)).strftime("%d.%m.%Y")},
    )
    option = plan.options.first()
    assert option is not None
    client.post(
        reverse("pathways:visit_add", args=[plan.pk]),
        {
            "option": option.pk,
            "visited_on": clock.today().strftime("%d.%m.%Y"),
            "with_worker": "on",
            "impression": "Mukava porukka",
        },
    )
    assert plan.visits.get().impression == "Mukava porukka"
    response = client.post(
        reverse("pathways:plan_second", args=[plan.pk]),
        {"chosen_option": option.pk, "how": "phone"},
    )
    assert response.status_code == 302
    second = ActivationPlan.objects.get(relationship=plan.relationship, round=2)
    assert second.chosen_option is not None
    assert second.chosen_option.place == option.place
    assert second.previous == plan
    page = client.get(reverse("pathways:plan", args=[second.pk])).text
    assert option.place is not None
    assert option.place.name in page


def test_mts_has_a_deadline_from_the_assessment_start(people: People) -> None:
    relationship = relationship_after_first_meeting(worker=people.worker, unit=people.unit)
    with pytest.raises(ValidationError):
        services.plan_start(actor=people.worker, relationship=relationship, plan_type="mts")
    plan = services.plan_start(
        actor=people.worker,
        relationship=relationship,
        plan_type="mts",
        assessment_started_on=dt.date(2026, 1, 31),
    )
    assert rules.mts_deadline(plan) == dt.date(2026, 4, 30)


def test_concurrent_plan_edit_is_refused(people: People) -> None:
    plan = draft_plan(worker=people.worker, unit=people.unit)
    stale = plan.version
    services.plan_update(actor=people.worker, plan=plan, version=stale, education="A")
    from polku.core.versioning import EditConflict

    with pytest.raises(EditConflict):
        services.plan_update(
            actor=people.worker,
            plan=ActivationPlan.objects.get(pk=plan.pk),
            version=stale,
            education="B",
        )


def test_plan_pdf_has_the_contents_and_is_a_disclosure(client, people: People) -> None:
    plan = signed_plan(worker=people.worker, unit=people.unit)
    client.force_login(people.worker)
    response = client.post(
        reverse("pathways:plan_pdf", args=[plan.pk]), {"recipient": "employment_authority"}
    )
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    person = plan.relationship.client
    place = plan.options.select_related("place")[0].place
    assert place is not None
    for expected in (
        "Aktivointisuunnitelma 1",
        person.full_name,
        "Ammattikoulu, puuseppä",
        "Tiina Työllisyys",
        "Työikäisten palvelut",
        place.name,
    ):
        assert expected in text
    event = AuditEvent.objects.get(kind=EventKind.DISCLOSURE, record_id=str(plan.pk))
    assert event.what == "activation plan PDF"


def test_plan_pdf_in_swedish_for_a_swedish_client(client, people: People) -> None:
    plan = signed_plan(worker=people.worker, unit=people.unit)
    person = plan.relationship.client
    person.language = "sv"
    person.save()
    client.force_login(people.worker)
    text = pdf_text(
        client.post(reverse("pathways:plan_pdf", args=[plan.pk]), {"recipient": "client"}).content
    )
    assert "Aktiveringsplan 1" in text


def test_work_queue_lists_what_is_due(client, people: People) -> None:
    unassigned = build_relationship(worker=None, unit=people.unit)
    no_meeting = build_relationship(worker=people.worker, unit=people.unit)
    plan = draft_plan(worker=people.worker, unit=people.unit)
    signed = signed_plan(worker=people.worker, unit=people.unit)
    ActivationPlan.objects.filter(pk=signed.pk).update(
        review_due=clock.today() - dt.timedelta(days=1)
    )
    items = workqueue.work_queue(viewer=people.worker)
    kinds = {(item.kind, item.client_id) for item in items}
    assert ("intake", None) in kinds
    assert unassigned.client.last_name not in {item.client_name for item in items}
    assert ("book_meeting", no_meeting.client_id) in kinds
    assert ("notice", plan.relationship.client_id) in kinds
    assert ("review", signed.relationship.client_id) in kinds
    assert ("invitation", people.client_record.pk) in kinds
    assert items[0].overdue
    assert not AuditEvent.objects.filter(what="work queue", client_id=None).exists()
    client.force_login(people.worker)
    page = client.get(reverse("pathways:today")).text
    assert "myöhässä" in page


def test_work_queue_has_a_constant_number_of_queries(client, people: People) -> None:
    """A worker with one client at each kind of item, then with a hundred more clients."""
    draft_plan(worker=people.worker, unit=people.unit)

    def grow() -> None:
        for index in range(100):
            build_relationship(worker=people.worker if index % 2 else None, unit=people.unit)
        for _ in range(3):
            draft_plan(worker=people.worker, unit=people.unit)

    client.force_login(people.worker)
    assert_flat_queries(client, reverse("pathways:today"), grow=grow)


def test_places_of_a_company_are_kept_out_of_kuty_but_listed(people: People) -> None:
    place = PlaceFactory.create(producer_type=ProducerType.FOUNDATION)
    plan = draft_plan(worker=people.worker, unit=people.unit)
    option = services.option_add(actor=people.worker, plan=plan, kind=OptionKind.PLACE, place=place)
    assert option.place == place


def test_overdue_review_is_shown_on_the_plan_pages(client, people: People) -> None:
    plan = signed_plan(worker=people.worker, unit=people.unit)
    client.force_login(people.worker)
    assert "myöhässä" not in client.get(reverse("pathways:plan", args=[plan.pk])).text
    ActivationPlan.objects.filter(pk=plan.pk).update(
        review_due=clock.today() - dt.timedelta(days=1)
    )
    assert "myöhässä" in client.get(reverse("pathways:plan", args=[plan.pk])).text
    assert "myöhässä" in client.get(reverse("pathways:plans", args=[plan.relationship_id])).text


def test_official_reads_joint_plans_only_where_a_party_and_enabled(client, people: People) -> None:
    plan = signed_plan(worker=people.worker, unit=people.unit)
    other = signed_plan(worker=people.worker, unit=people.unit)
    services.plan_correct(actor=people.worker, plan=other, reason="x")
    ActivationPlan.objects.filter(pk=plan.pk).update(
        employment_authority=people.employment_authority
    )
    client.force_login(people.employment_official)
    listing = client.get(reverse("pathways:joint_plans")).text
    assert plan.relationship.client.last_name in listing
    # By link, not by name: two random clients may share a last name.
    assert reverse("pathways:joint_plan", args=[other.pk]) not in listing
    page = client.get(reverse("pathways:joint_plan", args=[plan.pk]))
    assert "Ammattikoulu, puuseppä" in page.text
    event = AuditEvent.objects.filter(
        actor_id=people.employment_official.pk, what="joint activation plan"
    ).get()
    assert event.basis == "employment_authority_party"
    assert client.get(reverse("pathways:joint_plan", args=[other.pk])).status_code == 404
    # The organisation's policy switched off: the same plan is no longer visible.
    type(people.employment_authority).objects.filter(pk=people.employment_authority.pk).update(
        joint_plan_access=False
    )
    assert client.get(reverse("pathways:joint_plan", args=[plan.pk])).status_code == 404


def test_information_notice_pdf_in_the_clients_language_is_a_disclosure(
    client, people: People
) -> None:
    plan = draft_plan(worker=people.worker, unit=people.unit)
    client.force_login(people.worker)
    text = pdf_text(client.post(reverse("pathways:notice_pdf", args=[plan.pk])).content)
    assert "Tiedote aktivointisuunnitelmasta" in text
    assert "viimesijainen" in text
    assert plan.relationship.client.full_name in text
    assert AuditEvent.objects.filter(
        kind=EventKind.DISCLOSURE, what="activation plan information notice"
    ).exists()
    person = plan.relationship.client
    person.language = "sv"
    person.save()
    swedish = pdf_text(client.post(reverse("pathways:notice_pdf", args=[plan.pk])).content)
    assert "aktiveringsplan" in swedish.lower()


def test_joint_meeting_is_one_of_the_clients_joint_meetings(people: People) -> None:
    plan = draft_plan(worker=people.worker, unit=people.unit)
    with pytest.raises(ValidationError):
        services.plan_update(
            actor=people.worker, plan=plan, version=plan.version, joint_meeting=people.meeting
        )
    own = plan.relationship.meetings.first()  # the first meeting: not a joint meeting
    with pytest.raises(ValidationError) as error:
        services.plan_update(
            actor=people.worker, plan=plan, version=plan.version, joint_meeting=own
        )
    assert error.value.error_dict["joint_meeting"][0].code == PathwayError.NOT_A_JOINT_MEETING


def test_client_sees_own_meetings_and_signed_plan_on_omapolku(client, people: People) -> None:
    from polku.accounts.roles import Role
    from tests.factories import role_user

    plan = signed_plan(worker=people.worker, unit=people.unit)
    person = plan.relationship.client
    person.user = role_user(Role.CLIENT, people.unit)
    person.save()
    client.force_login(person.user)
    page = client.get(reverse("portal:client_start")).text
    assert "Kuntouttava työtoiminta 3 päivää viikossa." in page
    assert plan.review_due is not None
    assert plan.review_due.strftime("%-d.%-m.%Y") in page
    # Another client's plan and meetings are not there.
    client.force_login(people.client)
    other = client.get(reverse("portal:client_start")).text
    assert "Kuntouttava työtoiminta 3 päivää viikossa." not in other
    from django.utils import timezone

    assert timezone.localtime(people.meeting.starts_at).strftime("%-d.%-m.%Y") in other


def test_pending_handover_recipient_cannot_give_out_the_plan(client, people: People) -> None:
    from polku.accounts.roles import Role
    from polku.clients import services as client_services
    from tests.factories import role_user

    plan = signed_plan(worker=people.worker, unit=people.unit)
    colleague = role_user(Role.WORKER, people.unit)
    client_services.handover_propose(
        actor=people.worker, relationship=plan.relationship, worker=colleague, note="Siirto"
    )
    client.force_login(colleague)
    response = client.post(reverse("pathways:plan_pdf", args=[plan.pk]), {"recipient": "client"})
    assert response.status_code == 403
    notice = client.post(reverse("pathways:notice_pdf", args=[plan.pk]))
    assert notice.status_code == 403
    assert not AuditEvent.objects.filter(kind=EventKind.DISCLOSURE, actor_id=colleague.pk).exists()


def test_a_change_after_signing_began_voids_the_signatures(people: People) -> None:
    plan = ready_to_sign(worker=people.worker, unit=people.unit)
    plan = services.plan_sign(
        actor=people.worker,
        plan=plan,
        party="client",
        signer_name="X",
        method="paper",
        signed_on=clock.today(),
    )
    assert plan.signatures.count() == 1
    services.plan_update(
        actor=people.worker, plan=plan, version=plan.version, agreed_measures="Toinen teksti"
    )
    assert plan.signatures.count() == 0
    assert AuditEvent.objects.filter(what="signatures voided", record_id=str(plan.pk)).exists()
    services.plan_sign(
        actor=people.worker,
        plan=plan,
        party="client",
        signer_name="X",
        method="paper",
        signed_on=clock.today(),
    )
    services.option_add(actor=people.worker, plan=plan, kind=OptionKind.OWN, note="Kurssi")
    assert plan.signatures.count() == 0


def test_only_the_newest_signed_version_is_corrected_once(people: People) -> None:
    plan = signed_plan(worker=people.worker, unit=people.unit)
    services.plan_correct(actor=people.worker, plan=plan, reason="Tarkennus")
    with pytest.raises(ValidationError):
        services.plan_correct(actor=people.worker, plan=plan, reason="Toinen tarkennus")


def test_second_plan_needs_the_reflection_stage(people: People) -> None:
    plan = signed_plan(worker=people.worker, unit=people.unit)
    with pytest.raises(ValidationError):
        services.plan_second(
            actor=people.worker,
            relationship=plan.relationship,
            chosen_option=plan.options.first(),
            how="phone",
        )


def test_mts_start_date_far_in_the_future_is_a_form_error(client, people: People) -> None:
    relationship = relationship_after_first_meeting(worker=people.worker, unit=people.unit)
    client.force_login(people.worker)
    response = client.post(
        reverse("pathways:plan_start", args=[relationship.pk]),
        {"plan_type": "mts", "assessment_started_on": "31.12.9999"},
    )
    assert response.status_code == 200
    assert "1900" in response.text
    assert not ActivationPlan.objects.filter(relationship=relationship).exists()


def test_work_queue_forgets_a_client_after_the_hand_over(people: People) -> None:
    from polku.accounts.roles import Role
    from polku.clients import services as client_services
    from tests.factories import role_user

    colleague = role_user(Role.WORKER, people.unit)
    assignment = client_services.handover_propose(
        actor=people.worker, relationship=people.relationship, worker=colleague, note="Siirto"
    )
    client_services.handover_decide(actor=colleague, assignment=assignment, accept=True)
    names = {item.client_id for item in workqueue.work_queue(viewer=people.worker)}
    assert people.client_record.pk not in names
