"""State builders for the pathway: reachable state, made through the real services."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from polku.accounts.models import Unit, User
from polku.clients import services as client_services
from polku.clients.models import ClientRelationship, InformingTopic, Outcome
from polku.core import clock
from polku.pathways import services
from polku.pathways.models import ActivationPlan, OptionKind, Party
from tests.factories import PlaceFactory
from tests.people import build_relationship


def relationship_after_first_meeting(
    *, worker: User, unit: Unit, outcome: str = Outcome.ACTIVATION_PLAN
) -> ClientRelationship:
    """S3 with the first meeting held and recorded (a week ago)."""
    relationship = build_relationship(worker=worker, unit=unit, days_ago=20)
    week_ago = clock.now() - dt.timedelta(days=7)
    with clock.frozen(week_ago - dt.timedelta(days=1)):
        meeting = client_services.meeting_book(
            actor=worker,
            relationship=relationship,
            starts_at=week_ago,
            duration_minutes=60,
            channel="in_person",
        )
    with clock.frozen(week_ago + dt.timedelta(hours=2)):
        client_services.meeting_record(
            actor=worker,
            meeting=meeting,
            version=meeting.version,
            informing={topic: (True, "") for topic in InformingTopic.values},
            mark_held=True,
            overall_situation="Asuu yksin; päivärytmi puuttuu.",
            service_need="Arjen tuki.",
            client_wishes="Haluan tehdä jotain käsillä.",
            outcome=outcome,
        )
    relationship.refresh_from_db()
    return relationship


def draft_plan(*, worker: User, unit: Unit) -> ActivationPlan:
    """S5 with a first activation plan in draft."""
    relationship = relationship_after_first_meeting(worker=worker, unit=unit)
    return services.plan_start(actor=worker, relationship=relationship, plan_type="activation")


def ready_to_sign(*, worker: User, unit: Unit, options: int = 2) -> ActivationPlan:
    """A draft with the notice given, the information recorded and ``options`` options."""
    plan = draft_plan(worker=worker, unit=unit)
    plan = services.plan_update(
        actor=worker,
        plan=plan,
        version=plan.version,
        notice_given_on=clock.today() - dt.timedelta(days=3),
        notice_method="meeting",
        official_name="Tiina Työllisyys",
        education="Ammattikoulu, puuseppä",
        work_history="Varastotyöt 2010–2019",
        agreed_measures="Kuntouttava työtoiminta 3 päivää viikossa.",
        job_search_obligation="Ei työnhakuvelvoitetta jakson aikana.",
        last_resort_informed=True,
        benefits_informed=True,
    )
    places = [PlaceFactory.create(parent=unit.parent) for _ in range(options)]
    for place in places:
        services.option_add(actor=worker, plan=plan, kind=OptionKind.PLACE, place=place, note="")
    return plan


def signed_plan(*, worker: User, unit: Unit) -> ActivationPlan:
    plan = ready_to_sign(worker=worker, unit=unit)
    for party, name in (
        (Party.CLIENT, plan.relationship.client.full_name),
        (Party.WORKER, worker.get_full_name()),
        (Party.OFFICIAL, "Tiina Työllisyys"),
    ):
        plan = services.plan_sign(
            actor=worker,
            plan=plan,
            party=party,
            signer_name=name,
            method="in_person",
            signed_on=clock.today(),
        )
    return plan


def pathway_through_s7(*, worker: User, unit: Unit, authority: Unit) -> ActivationPlan:
    """S1 to S7 through the services, writing most kinds of timeline event on the way: the
    client created and edited, the intake corrected, a hand-over declined, the first meeting
    with an item not relevant, a contact, an invitation, a meeting cancelled, an assessment
    completed and revised, the first plan with the employment authority, a client's own option
    added and removed, the joint meeting booked and held, a signature voided by a change, the
    plan signed at the joint meeting, the notice and the plan given out to each recipient, the
    decision date, a visit and the second plan. Returns the second plan."""
    from polku.accounts.roles import Role
    from polku.pathways.models import Assessment
    from tests.factories import artificial_identity_code, role_user, unique_last_name

    code, born = artificial_identity_code()
    start = clock.now() - dt.timedelta(days=20)
    with clock.frozen(start):
        person = client_services.client_create(
            actor=worker,
            first_name="Aino",
            last_name=unique_last_name(),
            identity_code=code,
            birth_date=born,
            language="fi",
        )
        person = client_services.client_update(
            actor=worker, client=person, version=person.version, phone="040 123 4567"
        )
        relationship = client_services.relationship_open(
            actor=worker,
            client=person,
            unit=unit,
            started_on=clock.today(),
            source="self",
            reason="Pitkäaikainen työttömyys.",
        )
        client_services.worker_assign(actor=worker, relationship=relationship, worker=worker)
        relationship.refresh_from_db()
        client_services.relationship_correct_intake(
            actor=worker,
            relationship=relationship,
            version=relationship.version,
            source="self",
            source_detail="Asiakas soitti itse",
            reason="Pitkäaikainen työttömyys, haluaa toimintaan.",
        )
        colleague = role_user(Role.WORKER, unit)
        assignment = client_services.handover_propose(
            actor=worker, relationship=relationship, worker=colleague, note="Lomien ajaksi."
        )
        client_services.handover_decide(actor=colleague, assignment=assignment, accept=False)
        first = client_services.meeting_book(
            actor=worker,
            relationship=relationship,
            starts_at=start + dt.timedelta(days=1),
            duration_minutes=60,
            channel="in_person",
        )
        client_services.invitation_send(actor=worker, meeting=first)
        extra = client_services.meeting_book(
            actor=worker,
            relationship=relationship,
            starts_at=start + dt.timedelta(days=2),
            duration_minutes=30,
            channel="phone",
        )
        client_services.meeting_cancel(actor=worker, meeting=extra, version=extra.version)
    with clock.frozen(start + dt.timedelta(days=1, hours=2)):
        first.refresh_from_db()
        informing = {topic: (True, "") for topic in InformingTopic.values}
        informing["benefits"] = (False, "Selvitetty jo aiemmin")
        client_services.meeting_record(
            actor=worker,
            meeting=first,
            version=first.version,
            informing=informing,
            mark_held=True,
            overall_situation="Asuu yksin.",
            outcome=Outcome.ACTIVATION_PLAN,
        )
        client_services.contact_log(
            actor=worker,
            relationship=relationship,
            kind="phone",
            contacted_on=clock.today(),
            outcome="reached",
        )
        relationship.refresh_from_db()
        assessment = services.document_save(
            actor=worker,
            model=Assessment,
            relationship=relationship,
            version=None,
            complete=True,
            fields={"summary": "Yhteenveto", "conclusion": "Johtopäätös", "client_view": "Oma"},
        )
        services.document_revise(actor=worker, doc=assessment, reason="Tarkennus")
        plan = services.plan_start(actor=worker, relationship=relationship, plan_type="activation")
        plan = services.plan_update(
            actor=worker,
            plan=plan,
            version=plan.version,
            notice_given_on=clock.today(),
            notice_method="meeting",
            official_name="Tiina Työllisyys",
            employment_authority=authority,
            last_resort_informed=True,
            benefits_informed=True,
        )
        for place in (PlaceFactory.create(parent=unit.parent) for _ in range(2)):
            services.option_add(
                actor=worker, plan=plan, kind=OptionKind.PLACE, place=place, note=""
            )
        own = services.option_add(actor=worker, plan=plan, kind=OptionKind.OWN, note="Kurssi")
        services.option_remove(actor=worker, option=own)
        services.notice_disclose(actor=worker, plan=plan)
    two_hours_ago = clock.now() - dt.timedelta(hours=2)
    with clock.frozen(two_hours_ago - dt.timedelta(days=1)):
        plan.refresh_from_db()
        plan = services.joint_meeting_book(
            actor=worker,
            plan=plan,
            starts_at=two_hours_ago,
            duration_minutes=60,
            channel="in_person",
        )
    services.joint_meeting_held(actor=worker, plan=plan)
    held_on = timezone.localdate(two_hours_ago)
    plan = services.plan_sign(
        actor=worker,
        plan=plan,
        party=Party.CLIENT,
        signer_name=person.full_name,
        method="joint_meeting",
        signed_on=held_on,
    )
    plan.refresh_from_db()
    plan = services.plan_update(
        actor=worker, plan=plan, version=plan.version, agreed_measures="Kuty 3 päivää viikossa."
    )  # voids the client's signature
    for party, name in (
        (Party.CLIENT, person.full_name),
        (Party.WORKER, worker.get_full_name()),
        (Party.OFFICIAL, "Tiina Työllisyys"),
    ):
        plan = services.plan_sign(
            actor=worker,
            plan=plan,
            party=party,
            signer_name=name,
            method="joint_meeting",
            signed_on=held_on,
        )
    for recipient in ("client", "employment_authority", "print"):
        services.plan_disclose(actor=worker, plan=plan, recipient=recipient)
    services.plan_reflection(actor=worker, plan=plan, reflection_due=clock.today())
    option = plan.options.first()
    assert option is not None
    services.visit_add(
        actor=worker,
        plan=plan,
        option=option,
        visited_on=clock.today(),
        with_worker=True,
        impression="Kiinnostava",
    )
    relationship.refresh_from_db()
    return services.plan_second(
        actor=worker, relationship=relationship, chosen_option=option, how="phone"
    )
