"""Hand-built pathways with known dates, written straight through the models (as the benchmark's
generator does): the metrics read records, so a test states each record's dates exactly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from polku.accounts.models import Unit, User
from polku.attendance.models import AttendanceDay, DayStatus, Interruption, Notice, Source
from polku.clients import identity
from polku.clients.models import (
    Channel,
    Client,
    ClientRelationship,
    HandoverStatus,
    InformingItem,
    InformingTopic,
    Meeting,
    MeetingStatus,
    Stage,
    WorkerAssignment,
)
from polku.closure.models import (
    CallOutcome,
    Certificate,
    CertificateStatus,
    FollowUpCall,
    FollowUpPlan,
    RelationshipEnd,
)
from polku.core import clock
from polku.evaluation.models import (
    Evaluation,
    EvaluationKind,
    EvaluationSection,
    EvaluationStatus,
    EvaluationTemplate,
    Goal,
    SectionPart,
)
from polku.pathways.models import ActivationPlan, OptionKind, PlanOption, PlanStatus, PlanType
from polku.placements.models import (
    DeliveryMethod,
    IntroductoryVisit,
    Period,
    PeriodKind,
    PeriodStatus,
    StewardNotice,
    VisitStatus,
)

_counter = [0]


def person(born: dt.date, *, female: bool) -> Client:
    """A client whose identity code carries the gender (odd individual number: a man). The
    first free individual number 900–999 of that birth date is taken; when all fifty of the
    gender are in use, the next day's (one query per step, never a loop without end)."""
    _counter[0] += 1
    taken = set(Client.objects.filter(birth_date__gte=born).values_list("identity_code", flat=True))
    day = born
    while True:
        sign = "-" if day.year < 2000 else "A"
        for number in range(900 + (0 if female else 1), 1000, 2):
            code = identity.build_code(day, number, sign=sign)
            if code not in taken:
                return Client.objects.create(
                    first_name="Testi",
                    last_name=f"Mittariasiakas{_counter[0]}",
                    identity_code=code,
                    birth_date=day,
                )
        day += dt.timedelta(days=1)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def pathway(
    *,
    unit: Unit,
    worker: User,
    contact: dt.date,
    born: dt.date = dt.date(1985, 5, 5),
    female: bool = True,
    assigned: dt.date | None = None,
    met: dt.date | None = None,
    informed: bool = True,
    signed: dt.date | None = None,
    options: int = 1,
    review_due: dt.date | None = None,
    place: Unit | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    kind: str = PeriodKind.FULL,
    visit: bool = False,
    notice: bool = False,
    stage: str = Stage.S1_STARTED,
) -> dict[str, Any]:
    """One relationship through the steps given; returns the records made."""
    client = person(born, female=female)
    rel = ClientRelationship.objects.create(
        client=client,
        unit=unit,
        started_on=contact,
        source="self",
        reason="Testi",
        received_by=worker,
        stage=stage,
    )
    # The client's record is as old as the first contact, as the services would have made it.
    Client.objects.filter(pk=client.pk).update(created_at=at(contact, 8))
    made: dict[str, Any] = {"client": client, "relationship": rel}
    if assigned:
        rel.responsible_worker = worker
        rel.save(update_fields=["responsible_worker"])
        WorkerAssignment.objects.create(
            relationship=rel,
            worker=worker,
            assigned_by=worker,
            assigned_at=at(assigned),
            status=HandoverStatus.ACCEPTED,
        )
    if met:
        meeting = Meeting.objects.create(
            relationship=rel,
            is_first=True,
            worker=worker,
            starts_at=at(met),
            channel=Channel.IN_PERSON,
            status=MeetingStatus.HELD,
        )
        for topic in InformingTopic:
            InformingItem.objects.create(
                meeting=meeting, topic=topic, informed=informed or topic != InformingTopic.RIGHTS
            )
    if signed:
        plan = ActivationPlan.objects.create(
            relationship=rel,
            plan_type=PlanType.ACTIVATION,
            status=PlanStatus.SIGNED,
            author=worker,
            signed_on=signed,
            review_due=review_due,
        )
        for _i in range(options):
            PlanOption.objects.create(plan=plan, kind=OptionKind.OWN, note="Vaihtoehto")
        made["plan"] = plan
    if place and start:
        period = Period.objects.create(
            relationship=rel,
            place=place,
            kind=kind,
            # An ended period is ENDED: a PLANNED one would still take a place's capacity.
            status=PeriodStatus.ENDED
            if (end or start + dt.timedelta(days=90)) < clock.today()
            else PeriodStatus.PLANNED,
            starts_on=start,
            ends_on=end or start + dt.timedelta(days=90),
            weekdays="12345",
            hours_per_day=Decimal(4),
            author=worker,
        )
        made["period"] = period
        if visit:
            IntroductoryVisit.objects.create(
                relationship=rel,
                place=place,
                status=VisitStatus.RECORDED,
                visited_on=start - dt.timedelta(days=7),
                worker_present=True,
                reviewed_with_client=True,
                recorded_by=worker,
            )
        if notice:
            StewardNotice.objects.create(
                period=period,
                steward_name="Luottamus Mies",
                sent_on=start - dt.timedelta(days=3),
                method=DeliveryMethod.ELECTRONIC,
                recorded_by=worker,
            )
    return made


def days(period: Period, worker: User, *, present: int, absent: int = 0, **absence: Any) -> None:
    """``present`` then ``absent`` weekdays from the period's start."""
    day = period.starts_on
    written = 0
    while written < present + absent:
        if day.weekday() < 5:
            is_present = written < present
            AttendanceDay.objects.create(
                period=period,
                relationship=period.relationship,
                day=day,
                status=DayStatus.PRESENT if is_present else DayStatus.ABSENT,
                hours=Decimal(4) if is_present else None,
                reason="" if is_present else absence.get("reason", "own_illness"),
                notice="" if is_present else absence.get("notice", Notice.ON_THE_DAY),
                reported_by=worker,
                reported_via=Source.PLACE,
                recorded_by=worker,
                recorded_via=Source.PLACE,
            )
            written += 1
        day += dt.timedelta(days=1)


def interruption(period: Period, worker: User, *, on: dt.date, reason: str = "health") -> None:
    Interruption.objects.create(
        period=period, starts_on=on, reason=reason, initiated_by="client", reported_by=worker
    )


def close(
    rel: ClientRelationship,
    worker: User,
    *,
    on: dt.date,
    destination: str = "studies",
    call: str | None = None,
    need: str = "",
) -> RelationshipEnd:
    rel.ended_on = on
    rel.stage = Stage.S14_CLOSED
    rel.save(update_fields=["ended_on", "stage"])
    end = RelationshipEnd.objects.create(
        relationship=rel,
        ended_on=on,
        destination=destination,
        no_further_need=True,
        recorded_by=worker,
    )
    if call:
        FollowUpCall.objects.create(
            end=end,
            called_on=on + dt.timedelta(days=35),
            outcome=call,
            need=need if call == CallOutcome.REACHED else "",
            recorded_by=worker,
        )
    return end


def finish_period(
    period: Period,
    worker: User,
    *,
    evaluated: bool = False,
    certificate: bool = False,
    follow_up: bool = False,
    levels: tuple[int, ...] = (),
) -> None:
    if evaluated:
        template = EvaluationTemplate.objects.first() or EvaluationTemplate.objects.create(
            key="testi", number=1, title_fi="T", title_sv="T", title_en="T"
        )
        evaluation = Evaluation.objects.create(
            relationship=period.relationship,
            period=period,
            kind=EvaluationKind.FINAL,
            template=template,
            status=EvaluationStatus.FINISHED,
            met_on=period.ends_on,
            started_by=worker,
            finished_by=worker,
        )
        data = {}
        for level in levels:
            goal = Goal.objects.create(
                relationship=period.relationship,
                period=period,
                wording="Tavoite",
                life_area="work",
                level_0="Odotettu",
                author=worker,
            )
            data[str(goal.pk)] = {"level": level}
        EvaluationSection.objects.create(
            evaluation=evaluation, part=SectionPart.GOALS, data=data, complete=True
        )
    if certificate:
        Certificate.objects.create(
            period=period,
            status=CertificateStatus.GIVEN,
            given_on=period.ends_on,
            drafted_by=worker,
        )
    if follow_up:
        FollowUpPlan.objects.create(
            period=period,
            destination="studies",
            next_step="Haku",
            next_on=period.ends_on + dt.timedelta(days=10),
            responsible="Asiakas",
            made_on=period.ends_on - dt.timedelta(days=5),
            author=worker,
        )
