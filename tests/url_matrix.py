"""Who may use each named URL: the expected status per role (STYLE.md §10).

Every named URL must have an entry here; `test_url_matrix.py` fails on a URL without one and
requests each URL as each role. A later issue adds its rows when it adds its URLs.

Statuses: 200 page, 302 redirect (anonymous → login, or a page that forwards), 403 a page the
role never uses, 404 a record the user may not see (or that does not exist), 405 wrong method.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from polku.pathways.models import ActivationPlan, PlanOption
from tests.people import ROLE_NAMES, People


def plan_of(people: People) -> ActivationPlan:
    """A draft plan of one of `worker`'s clients (built on first use)."""
    from tests.builders import draft_plan

    plan = ActivationPlan.objects.filter(relationship__responsible_worker=people.worker).first()
    if plan is None:
        from polku.pathways import services

        plan = draft_plan(worker=people.worker, unit=people.unit)
        services.plan_update(
            actor=people.worker,
            plan=plan,
            version=plan.version,
            employment_authority=people.employment_authority,
        )
    return plan


def joint_plan_of(people: People) -> ActivationPlan:
    """`plan_of` with a joint meeting booked: the official reads the draft for it."""
    import datetime as dt

    from django.utils import timezone

    from polku.core import clock
    from polku.pathways import services

    plan = plan_of(people)
    if plan.joint_meeting_id is None:
        starts_at = (timezone.localtime(clock.now()) + dt.timedelta(days=5)).replace(
            hour=13, minute=0, second=0, microsecond=0
        )
        plan = services.joint_meeting_book(
            actor=people.worker,
            plan=plan,
            starts_at=starts_at,
            duration_minutes=60,
            channel="in_person",
        )
    return plan


def option_of(people: People) -> PlanOption:
    from polku.pathways import services

    return services.option_add(
        actor=people.worker, plan=plan_of(people), kind="own", note="Oma vaihtoehto"
    )


def period_of(people: People) -> Any:
    """A planned period of one of `worker`'s clients, at S8 (built on first use)."""
    import datetime as dt
    from decimal import Decimal

    from polku.core import clock
    from polku.placements import services
    from polku.placements.models import Period
    from polku.placements.selectors import chosen_place
    from polku.placements.tests.builders import at_s8

    period = Period.objects.filter(relationship__responsible_worker=people.worker).first()
    if period is None:
        relationship = at_s8(people)
        start = clock.today() + dt.timedelta(days=21)
        place = chosen_place(relationship)
        assert place is not None
        period = services.period_plan(
            actor=people.worker,
            relationship=relationship,
            place=place,
            kind="full",
            starts_on=start,
            ends_on=start + dt.timedelta(days=120),
            weekdays="123",
            hours_per_day=Decimal(4),
            goal="Päivärytmi",
            description="Puutyöt",
            tasks="",
            support_and_guidance="Ohjaaja",
            other_services="Ei muita",
            evaluate_by=start + dt.timedelta(days=60),
        )
    return period


def decision_of(people: People) -> Any:
    """A drafted kuty decision for `decision_maker` to make (built on first use)."""
    from polku.placements import services
    from polku.placements.models import Decision

    decision = Decision.objects.filter(relationship__responsible_worker=people.worker).first()
    if decision is None:
        period = period_of(people)
        decision = services.decision_draft(
            actor=people.worker,
            relationship=period.relationship,
            kind="kuty",
            period=period,
            decision_maker=people.decision_maker,
            grounds="Perustelut",
        )
    return decision


def group_of(people: People) -> Any:
    """A group of `people.unit` instructed by `place_supervisor`, with `worker`'s client
    enrolled (another service) and one session (built on first use)."""
    import datetime as dt

    from polku.core import clock
    from polku.groups import services
    from polku.groups.models import Group

    found = Group.objects.filter(organiser=people.unit).first()
    if found is not None:
        return found
    today = clock.today()
    group = services.group_create(
        actor=people.worker,
        name="Matalan kynnyksen ryhmä",
        kind="low_threshold",
        organiser=people.unit,
        weekdays=str(today.isoweekday()),  # the session below is today
        starts_at=dt.time(10),
        ends_at=dt.time(12),
        capacity=8,
        starts_on=today - dt.timedelta(days=5),
        ends_on=today + dt.timedelta(days=60),
        instructors=[people.place_supervisor],
        place=people.place,
    )
    services.enrolment_add(
        actor=people.worker,
        group=group,
        relationship=people.relationship,
        status="other_service",
        other_service="Sosiaalinen kuntoutus",
        agreed_on=today,
        agreement="Kerran viikossa.",
        starts_on=today,
    )
    services.session_add(
        actor=people.worker,
        group=group,
        day=today,
        starts_at=dt.time(10),
        ends_at=dt.time(12),
        theme="Tutustuminen",
    )
    return group


def session_of(people: People) -> Any:
    return group_of(people).sessions.first()


def attendance_period_of(people: People) -> Any:
    """A period under way at `people.place` (supervised by `place_supervisor`)."""
    return running_period_of(people)


def running_period_of(people: People) -> Any:
    """A period of one of `worker`'s clients under way today at `people.place` (S11)."""
    from polku.attendance.tests.builders import running_period
    from polku.core import clock
    from polku.placements.models import Period

    period = Period.objects.filter(
        relationship__responsible_worker=people.worker,
        place=people.place,
        starts_on__lte=clock.today(),
    ).first()
    return period or running_period(people)


def own_period_of(people: People) -> Any:
    """A period under way of the client whose OmaPolku login is `people.client` (built on
    first use): its decision, signed plan and info package are the client's own documents."""
    from polku.clients.models import Client
    from polku.placements.models import Period

    found = Period.objects.filter(relationship__client__user=people.client).first()
    if found is not None:
        return found
    period = running_period_of(people)
    Client.objects.filter(user=people.client).update(user=None)
    Client.objects.filter(pk=period.relationship.client_id).update(user=people.client)
    return period


def own_decision_of(people: People) -> Any:
    from polku.placements.models import Decision

    return Decision.objects.get(period=own_period_of(people))


def own_plan_of(people: People) -> Any:
    from polku.pathways.models import ActivationPlan

    relationship = own_period_of(people).relationship
    return ActivationPlan.objects.signed().filter(relationship=relationship).latest("number")


def interruption_of(people: People) -> Any:
    """An open interruption of `running_period_of`, reported by the place today."""
    from polku.attendance.models import Interruption
    from polku.attendance.services import interruption_report
    from polku.core import clock

    period = running_period_of(people)
    found = Interruption.objects.filter(period=period).first()
    return found or interruption_report(
        actor=people.place_supervisor,
        period=period,
        starts_on=clock.today(),
        reason="health",
        initiated_by="client",
    )


def evaluation_of(people: People) -> Any:
    """A mid-period evaluation of a period under way at `people.place` (the place supervisor's),
    of one of `worker`'s clients, whose login is `people.client` (built on first use). The
    decision maker made the period's decision, so they read the record with that basis."""
    from polku.clients.models import Client
    from polku.evaluation import services
    from polku.evaluation.models import Evaluation
    from polku.evaluation.tests.builders import period_with_goals

    evaluation = Evaluation.objects.filter(relationship__responsible_worker=people.worker).first()
    if evaluation is None:
        period, _goals = period_with_goals(people, goals=1)
        Client.objects.filter(user=people.client).update(user=None)
        Client.objects.filter(pk=period.relationship.client_id).update(user=people.client)
        evaluation = services.evaluation_start(
            actor=people.worker, relationship=period.relationship, kind="mid"
        )
    return evaluation


def proposal_of(people: People) -> Any:
    from polku.evaluation import services

    evaluation = evaluation_of(people)
    relationship = evaluation.relationship
    relationship.client.refresh_from_db()
    return services.proposal_create(
        actor=people.client, relationship=relationship, goal=None, text="Uusi tavoite"
    )


def closure_period_of(people: People) -> Any:
    """A full period at `people.place` that ended five days ago, with three participation
    days and a drafted certificate, its relationship at S13 (built on first use)."""
    from polku.closure.models import Certificate

    found = Certificate.objects.filter(period__place=people.place).first()
    if found is not None:
        return found.period
    from polku.closure.tests.builders import drafted, ended_period

    period = ended_period(people)
    drafted(people, period)
    return period


def opportunity_of(people: People) -> Any:
    """A public, current opportunity of a partner (built on first use by the manager)."""
    from polku.core import clock
    from polku.network import services
    from polku.network.models import Opportunity, Partner

    found = Opportunity.objects.first()
    if found is not None:
        return found
    partner = Partner.objects.first() or services.partner_create(
        actor=people.manager, name="Kierrätyskeskus Oy", business_id="1572860-0"
    )
    return services.opportunity_create(
        actor=people.manager,
        kind="work_trial",
        partner=partner,
        title="Työkokeilu myymälässä",
        starts_on=clock.today(),
        public=True,
    )


def certificate_of(people: People) -> Any:
    return closure_period_of(people).certificate


def report_period_of(people: People) -> Any:
    """A period of `worker`'s client under way at `people.place` (built on first use)."""
    return running_period_of(people)


def log_request_of(people: People) -> Any:
    """A log request of `worker`'s client (recorded on first use)."""
    from polku.core import clock
    from polku.records.models import LogRequest
    from polku.records.services import log_request_record

    found = LogRequest.objects.filter(relationship=people.relationship).first()
    if found is None:
        found = log_request_record(
            actor=people.worker,
            relationship=people.relationship,
            received_on=clock.today(),
            channel="letter",
            language="fi",
        )
    return found


def retention_run_of(people: People) -> Any:
    """A retention dry run (made on first use)."""
    from polku.records.models import RetentionRun
    from polku.records.services import retention_dry_run

    return RetentionRun.objects.first() or retention_dry_run(actor=people.administrator)


def survey_period_of(people: People) -> Any:
    """`closure_period_of` (ended five days ago), its client's login being `people.client`:
    the end-of-period survey is open to them."""
    from polku.clients.models import Client

    period = closure_period_of(people)
    if period.relationship.client.user_id != people.client.pk:
        Client.objects.filter(user=people.client).update(user=None)
        Client.objects.filter(pk=period.relationship.client_id).update(user=people.client)
    return period


def feedback_message_of(people: People) -> Any:
    """A feedback-box message of `people.client` to their unit (the manager's, above it)."""
    from polku.feedback import services
    from polku.feedback.models import FeedbackMessage

    found = FeedbackMessage.objects.first()
    return found or services.message_send(
        actor=people.client, client=people.client_record, text="Kahvia ei ollut."
    )


def complaint_of(people: People) -> Any:
    """A complaint of `people.client` to their unit."""
    from polku.feedback import services
    from polku.feedback.models import Complaint

    found = Complaint.objects.first()
    return found or services.complaint_make(
        actor=people.client,
        client=people.client_record,
        what_happened="Minulle puhuttiin tylysti.",
        reply_by="omapolku",
    )


ANON = "anonymous"
ALL_ROLES = (ANON, *ROLE_NAMES)


@dataclass(frozen=True)
class Entry:
    """Expected statuses for one URL name, and how to build its arguments."""

    expect: dict[str, int]
    args: Callable[[People], list[Any]] = lambda people: []
    method: str = "get"
    data: dict[str, str] = field(default_factory=dict)


def only(status: int, *roles: str, others: int = 403, anonymous: int = 302) -> dict[str, int]:
    """``status`` for ``roles``, ``others`` for every other logged-in role."""
    expect = {role: (status if role in roles else others) for role in ROLE_NAMES}
    expect[ANON] = anonymous
    return expect


def everyone(status: int, *, anonymous: int = 302) -> dict[str, int]:
    return only(status, *ROLE_NAMES, anonymous=anonymous)


DESK_ROLES = ("worker", "worker_other_unit", "decision_maker")
STAFF_WITH_UNITS = ("worker", "worker_other_unit", "decision_maker", "place_supervisor")
DESK = ("worker", "worker_other_unit", "decision_maker")
# A record of `worker`'s own client: a colleague of the same unit and a worker of another unit
# get the same 404 as for a missing record; roles that never use worker pages get 403.
CLIENT_RECORD = only(200, "worker") | {"worker_other_unit": 404, "decision_maker": 404}

MATRIX: dict[str, Entry] = {
    "accounts:home": Entry(expect=everyone(302) | {"no_role": 200}),
    "accounts:login": Entry(expect=everyone(302, anonymous=200)),
    "accounts:logout": Entry(expect=everyone(302, anonymous=302), method="post"),
    # Strong identification of clients: open to everyone (logged in or not), and not there at
    # all without a provider, as in the tests and the demo. The flow itself:
    # polku/accounts/tests/test_strong_identification.py, tests/browser/test_strong_identification.py.
    "accounts:identification_start": Entry(expect=everyone(404, anonymous=404)),
    "accounts:identification_return": Entry(expect=everyone(404, anonymous=404)),
    "accounts:identification_refused": Entry(expect=everyone(404, anonymous=404)),
    # The second factor: every logged-in user here has passed it (or, as a client, does not
    # use it), so each page sends them on; polku/accounts/tests/test_second_factor.py tests
    # the pages before the code.
    "accounts:otp_enrol": Entry(expect=everyone(302)),
    "accounts:otp_verify": Entry(expect=everyone(302)),
    "accounts:otp_recovery": Entry(expect=everyone(302)),
    # The user's own second factor: every staff role; a client has none to manage.
    "accounts:second_factor": Entry(expect=everyone(200) | {"client": 403}),
    "accounts:otp_new_codes": Entry(expect=everyone(200) | {"client": 403}),
    "accounts:otp_replace": Entry(expect=everyone(200) | {"client": 403}),
    # Without a code given on the first page, staff are sent back to it.
    "accounts:otp_replace_scan": Entry(expect=everyone(302) | {"client": 403}),
    "core:set_language": Entry(
        expect=everyone(302, anonymous=302), method="post", data={"language": "sv", "next": "/"}
    ),
    # The load balancer's health check: anyone, no session needed, no client data.
    "core:health": Entry(expect=everyone(200, anonymous=200)),
    "pathways:today": Entry(expect=only(200, *DESK_ROLES)),
    "accounts:place_start": Entry(expect=only(200, "place_supervisor")),
    "accounts:manager_start": Entry(expect=only(200, "manager")),
    "portal:client_start": Entry(expect=only(200, "client")),
    # A worker's own phone hours (what their clients read on OmaPolku): the worker role only.
    "phone_hours:edit": Entry(expect=only(200, "worker", "worker_other_unit")),
    # OmaPolku's attendance (issue 16): the client's own; every staff role 403.
    "portal:absence_report": Entry(expect=only(200, "client")),
    "portal:my_attendance": Entry(expect=only(200, "client")),
    # OmaPolku's documents (issue 19): the client's own only; staff use their own pages (403);
    # another client's record is the one 404 (polku/portal/tests/test_start_and_documents.py).
    "portal:my_documents": Entry(expect=only(200, "client")),
    "portal:own_decision": Entry(
        expect=only(200, "client"), args=lambda p: [own_decision_of(p).pk]
    ),
    "portal:own_decision_pdf": Entry(
        expect=only(200, "client"), args=lambda p: [own_decision_of(p).pk]
    ),
    "portal:own_plan_pdf": Entry(expect=only(200, "client"), args=lambda p: [own_plan_of(p).pk]),
    "portal:info_package": Entry(expect=only(200, "client"), args=lambda p: [own_period_of(p).pk]),
    "portal:info_package_pdf": Entry(
        expect=only(200, "client"), args=lambda p: [own_period_of(p).pk]
    ),
    "accounts:admin_start": Entry(expect=only(200, "administrator")),
    "accounts:unit_list": Entry(expect=only(200, *STAFF_WITH_UNITS, "manager", "administrator")),
    # The unit of `worker`: its own staff, the manager above it and the administrator see it;
    # staff of other units get the same 404 as for a unit that does not exist.
    "accounts:unit_detail": Entry(
        expect=only(200, "worker", "decision_maker", "manager", "administrator")
        | {"worker_other_unit": 404, "place_supervisor": 404},
        args=lambda people: [people.unit.pk],
    ),
    # Clients (S1–S3): desk roles only; a client's records only on a verified relationship.
    "clients:caseload": Entry(expect=only(200, *DESK)),
    "clients:intake_queue": Entry(expect=only(200, *DESK)),
    "clients:search": Entry(expect=only(200, *DESK)),
    "clients:intake_new": Entry(expect=only(200, *DESK)),
    # Without a search hit chosen in the session there is nothing to open.
    "clients:intake_existing": Entry(expect=only(404, *DESK)),
    "clients:cover": Entry(expect=only(200, *DESK)),
    "clients:covered": Entry(expect=only(404, *DESK)),
    "clients:detail": Entry(expect=CLIENT_RECORD, args=lambda p: [p.client_record.pk]),
    "clients:edit": Entry(expect=CLIENT_RECORD, args=lambda p: [p.client_record.pk]),
    "clients:reveal_identity_code": Entry(
        expect=CLIENT_RECORD, args=lambda p: [p.client_record.pk], method="post"
    ),
    # Own client's own relationship: no purpose asked, back to the client page.
    "clients:relationship_purpose": Entry(
        expect=only(302, "worker") | {"worker_other_unit": 404, "decision_maker": 404},
        args=lambda p: [p.client_record.pk, p.relationship.pk],
    ),
    "clients:assign": Entry(expect=CLIENT_RECORD, args=lambda p: [p.relationship.pk]),
    "clients:intake_correct": Entry(expect=CLIENT_RECORD, args=lambda p: [p.relationship.pk]),
    "clients:handover": Entry(expect=CLIENT_RECORD, args=lambda p: [p.relationship.pk]),
    "clients:meeting_new": Entry(expect=CLIENT_RECORD, args=lambda p: [p.relationship.pk]),
    "clients:contact_new": Entry(expect=CLIENT_RECORD, args=lambda p: [p.relationship.pk]),
    "clients:meeting_record": Entry(expect=CLIENT_RECORD, args=lambda p: [p.meeting.pk]),
    "clients:meeting_invitation": Entry(expect=CLIENT_RECORD, args=lambda p: [p.meeting.pk]),
    "clients:meeting_cancel": Entry(
        expect=CLIENT_RECORD | {"worker": 302}, args=lambda p: [p.meeting.pk], method="post"
    ),
    # A hand-over waits on `worker`; the proposer and everyone else get 404.
    "clients:handover_decide": Entry(expect=CLIENT_RECORD, args=lambda p: [p.handover.pk]),
    # Joint plans: the employment-authority official of a party authority (policy enabled).
    "pathways:joint_plans": Entry(expect=only(200, "employment_official")),
    "pathways:joint_plan": Entry(
        expect=only(200, "employment_official"), args=lambda p: [joint_plan_of(p).pk]
    ),
    # Plans (S4–S7): the same record rule; a state is built only when the URL needs it.
    "pathways:plans": Entry(expect=CLIENT_RECORD, args=lambda p: [p.relationship.pk]),
    "pathways:document": Entry(
        expect=CLIENT_RECORD, args=lambda p: [p.relationship.pk, "arviointi"]
    ),
    "pathways:plan_start": Entry(
        expect=CLIENT_RECORD,
        args=lambda p: [p.relationship.pk],
        method="post",
        data={"plan_type": "activation"},
    ),
    # Refused here (the first meeting is not held yet), which is a redirect with a message.
    "pathways:transition": Entry(
        expect=CLIENT_RECORD | {"worker": 302},
        args=lambda p: [p.relationship.pk],
        method="post",
        data={"stage": "s5"},
    ),
    "pathways:plan": Entry(expect=CLIENT_RECORD, args=lambda p: [plan_of(p).pk]),
    "placements:catalogue": Entry(expect=only(200, *DESK)),
    "placements:place_clients": Entry(expect=only(200, "place_supervisor")),
    # The place portal: the supervisor of the place only; a supervisor of another place gets
    # 404 (polku/attendance/tests/test_place_views.py), every other role 403. One place: the
    # home pages forward to it. A refused row is shown again on the page (200).
    "attendance:place_today_home": Entry(expect=only(302, "place_supervisor")),
    "attendance:place_week_home": Entry(expect=only(302, "place_supervisor")),
    "attendance:place_today": Entry(
        expect=only(200, "place_supervisor"), args=lambda p: [p.place.pk]
    ),
    "attendance:place_day_record": Entry(
        expect=only(200, "place_supervisor"),
        args=lambda p: [p.place.pk, attendance_period_of(p).pk],
        method="post",
    ),
    # Groups (polku/groups): a group's facts for the desk, its instructors and the managers
    # of its organiser; sessions by an instructor or a worker of the organiser; attendance by
    # the instructors only.
    "groups:list": Entry(expect=only(200, *DESK, "place_supervisor", "manager")),
    "groups:new": Entry(expect=only(200, *DESK)),
    "groups:detail": Entry(
        expect=only(200, *DESK, "place_supervisor", "manager"),
        args=lambda p: [group_of(p).pk],
    ),
    "groups:session_new": Entry(
        expect=only(200, "worker", "decision_maker", "place_supervisor")
        | {"worker_other_unit": 404},
        args=lambda p: [group_of(p).pk],
    ),
    "groups:enrol": Entry(expect=only(200, *DESK), args=lambda p: [group_of(p).pk]),
    "groups:edit": Entry(
        expect=only(200, "worker", "decision_maker") | {"worker_other_unit": 404},
        args=lambda p: [group_of(p).pk],
    ),
    "groups:enrolment_end": Entry(
        expect=only(200, "worker") | {"worker_other_unit": 404, "decision_maker": 404},
        args=lambda p: [group_of(p).enrolments.first().pk],
    ),
    "groups:feedback": Entry(
        expect=only(200, "worker", "decision_maker", "place_supervisor")
        | {"worker_other_unit": 404},
        args=lambda p: [group_of(p).pk, "mid"],
    ),
    "groups:session": Entry(
        expect=only(200, "place_supervisor") | {role: 404 for role in DESK},
        args=lambda p: [session_of(p).pk],
    ),
    "attendance:place_week": Entry(
        expect=only(200, "place_supervisor"), args=lambda p: [p.place.pk]
    ),
    "attendance:place_close": Entry(
        expect=only(200, "place_supervisor"),
        args=lambda p: [p.place.pk],
        method="post",
        data={"first_day": "", "last_day": "", "reason": ""},
    ),
    "placements:suggestions": Entry(expect=CLIENT_RECORD, args=lambda p: [p.relationship.pk]),
    "placements:period_new": Entry(expect=CLIENT_RECORD, args=lambda p: [p.relationship.pk]),
    "placements:period": Entry(expect=CLIENT_RECORD, args=lambda p: [period_of(p).pk]),
    "placements:steward_notice": Entry(expect=CLIENT_RECORD, args=lambda p: [period_of(p).pk]),
    "placements:decision_new": Entry(expect=CLIENT_RECORD, args=lambda p: [p.relationship.pk]),
    # The decision maker named on the decision reads it with that basis.
    "placements:decision": Entry(
        expect=CLIENT_RECORD | {"decision_maker": 200}, args=lambda p: [decision_of(p).pk]
    ),
    "placements:decision_pdf": Entry(
        expect=CLIENT_RECORD | {"decision_maker": 200}, args=lambda p: [decision_of(p).pk]
    ),
    # The worker may not make it (403); the decision maker's empty date is refused on the form.
    "placements:decision_make": Entry(
        expect=CLIENT_RECORD | {"worker": 403, "decision_maker": 200},
        args=lambda p: [decision_of(p).pk],
        method="post",
        data={"decided_on": "", "version": "1"},
    ),
    # A draft cannot be delivered: refused on the form (200).
    "placements:decision_deliver": Entry(
        expect=CLIENT_RECORD | {"decision_maker": 200},
        args=lambda p: [decision_of(p).pk],
        method="post",
        data={"method": "letter", "sent_on": ""},
    ),
    # A draft is not corrected: refused on the form (200).
    "placements:decision_correct": Entry(
        expect=CLIENT_RECORD | {"decision_maker": 200},
        args=lambda p: [decision_of(p).pk],
        method="post",
        data={"grounds": "Korjaus"},
    ),
    "placements:placement": Entry(expect=CLIENT_RECORD, args=lambda p: [p.relationship.pk]),
    # At S1 the visit is refused on the form (200), never written.
    "placements:visit_record": Entry(
        expect=CLIENT_RECORD,
        args=lambda p: [p.relationship.pk],
        method="post",
        data={"skip_reason": "x"},
    ),
    "placements:visit_skip": Entry(
        expect=CLIENT_RECORD,
        args=lambda p: [p.relationship.pk],
        method="post",
        data={"skip_reason": "x"},
    ),
    # Attendance: the responsible worker's pages of a period (a colleague covering too).
    "attendance:period_attendance": Entry(
        expect=CLIENT_RECORD, args=lambda p: [running_period_of(p).pk]
    ),
    "attendance:interruption_new": Entry(
        expect=CLIENT_RECORD, args=lambda p: [running_period_of(p).pk]
    ),
    "attendance:interruption": Entry(expect=CLIENT_RECORD, args=lambda p: [interruption_of(p).pk]),
    # The place portal: the supervisor of the period's place (of another place: 404,
    # polku/attendance/tests/test_interruptions.py).
    "attendance:place_interruption": Entry(
        expect=only(200, "place_supervisor"), args=lambda p: [running_period_of(p).pk]
    ),
    "pathways:option_add": Entry(
        expect=CLIENT_RECORD, args=lambda p: [plan_of(p).pk], method="post", data={"kind": "own"}
    ),
    "pathways:option_remove": Entry(
        expect=CLIENT_RECORD | {"worker": 302}, args=lambda p: [option_of(p).pk], method="post"
    ),
    "pathways:plan_sign": Entry(
        expect=CLIENT_RECORD, args=lambda p: [plan_of(p).pk], method="post"
    ),
    "pathways:plan_refuse": Entry(
        expect=CLIENT_RECORD, args=lambda p: [plan_of(p).pk], method="post"
    ),
    "pathways:plan_reflection": Entry(
        expect=CLIENT_RECORD, args=lambda p: [plan_of(p).pk], method="post"
    ),
    "pathways:visit_add": Entry(
        expect=CLIENT_RECORD, args=lambda p: [plan_of(p).pk], method="post"
    ),
    "pathways:plan_second": Entry(
        expect=CLIENT_RECORD, args=lambda p: [plan_of(p).pk], method="post"
    ),
    "pathways:plan_correct": Entry(
        expect=CLIENT_RECORD, args=lambda p: [plan_of(p).pk], method="post"
    ),
    "pathways:notice_pdf": Entry(
        expect=CLIENT_RECORD, args=lambda p: [plan_of(p).pk], method="post"
    ),
    "pathways:joint_meeting_book": Entry(
        expect=CLIENT_RECORD, args=lambda p: [plan_of(p).pk], method="post"
    ),
    "pathways:joint_meeting_held": Entry(
        expect=CLIENT_RECORD, args=lambda p: [joint_plan_of(p).pk]
    ),
    "pathways:joint_invitation": Entry(expect=CLIENT_RECORD, args=lambda p: [joint_plan_of(p).pk]),
    "pathways:plan_pdf": Entry(
        expect=CLIENT_RECORD,
        args=lambda p: [plan_of(p).pk],
        method="post",
        data={"recipient": "client"},
    ),
    # Goals and evaluation (S11–S13): the worker's pages follow the record rule; the decision
    # maker of the period's decision reads them (basis decision_maker) but writes nothing.
    "evaluation:overview": Entry(
        expect=CLIENT_RECORD | {"decision_maker": 200},
        args=lambda p: [evaluation_of(p).relationship_id],
    ),
    "evaluation:goal_new": Entry(
        expect=CLIENT_RECORD | {"decision_maker": 200},
        args=lambda p: [evaluation_of(p).relationship_id],
    ),
    "evaluation:goal_edit": Entry(
        expect=CLIENT_RECORD | {"decision_maker": 200},
        args=lambda p: [evaluation_of(p).relationship.goals.first().pk],
    ),
    # The mid-period evaluation is already started: refused on the form (200).
    "evaluation:evaluation_start": Entry(
        expect=CLIENT_RECORD | {"decision_maker": 403},
        args=lambda p: [evaluation_of(p).relationship_id],
        method="post",
        data={"kind": "mid"},
    ),
    # An empty answer is refused on the form (200).
    "evaluation:proposal_answer": Entry(
        expect=CLIENT_RECORD | {"decision_maker": 403},
        args=lambda p: [proposal_of(p).pk],
        method="post",
        data={"answer": ""},
    ),
    "evaluation:evaluation": Entry(
        expect=CLIENT_RECORD | {"decision_maker": 200}, args=lambda p: [evaluation_of(p).pk]
    ),
    # The place supervisor: the evaluations of periods at their place, and their section.
    "evaluation:place_list": Entry(expect=only(200, "place_supervisor")),
    "evaluation:place_evaluation": Entry(
        expect=only(200, "place_supervisor"), args=lambda p: [evaluation_of(p).pk]
    ),
    # OmaPolku: the client's own goals and evaluation.
    "evaluation:my_goals": Entry(expect=only(200, "client")),
    "evaluation:my_evaluation": Entry(
        expect=only(200, "client"), args=lambda p: [evaluation_of(p).pk]
    ),
    # S13–S15 (closure): the worker's pages follow the record rule; an empty form is refused
    # on the page (200).
    "closure:closure": Entry(expect=CLIENT_RECORD, args=lambda p: [p.relationship.pk]),
    "closure:relationship_end": Entry(
        expect=CLIENT_RECORD, args=lambda p: [p.relationship.pk], method="post"
    ),
    "closure:follow_up_call": Entry(expect=CLIENT_RECORD, args=lambda p: [p.relationship.pk]),
    "closure:reopen": Entry(
        expect=CLIENT_RECORD, args=lambda p: [p.relationship.pk], method="post"
    ),
    "closure:relationship_new": Entry(
        expect=CLIENT_RECORD, args=lambda p: [p.relationship.pk], method="post"
    ),
    "closure:follow_up_plan": Entry(expect=CLIENT_RECORD, args=lambda p: [period_of(p).pk]),
    "closure:period_end": Entry(
        expect=CLIENT_RECORD, args=lambda p: [period_of(p).pk], method="post"
    ),
    # The certificate: the worker, the supervisor of the period's place (until 30 days after
    # the end) and the decision maker of the period's decision read it; only the worker gives.
    "closure:certificate": Entry(
        expect=CLIENT_RECORD | {"place_supervisor": 200, "decision_maker": 200},
        args=lambda p: [closure_period_of(p).pk],
    ),
    "closure:certificate_pdf": Entry(
        expect=CLIENT_RECORD | {"place_supervisor": 200, "decision_maker": 200},
        args=lambda p: [closure_period_of(p).pk],
    ),
    "closure:certificate_give": Entry(
        expect=CLIENT_RECORD | {"place_supervisor": 403, "decision_maker": 403},
        args=lambda p: [closure_period_of(p).pk],
        method="post",
    ),
    "closure:place_certificates": Entry(expect=only(200, "place_supervisor")),
    "closure:own_certificates": Entry(expect=only(200, "client")),
    # Another client's certificate (a draft besides): the client gets the one 404.
    "closure:own_certificate_pdf": Entry(
        expect=only(404, "client"), args=lambda p: [certificate_of(p).pk]
    ),
    # The client's log request (703/2023 §11): the worker of the client's relationship.
    "records:log_requests": Entry(expect=CLIENT_RECORD, args=lambda p: [p.relationship.pk]),
    "records:log_request": Entry(expect=CLIENT_RECORD, args=lambda p: [log_request_of(p).pk]),
    # Producing answers with a redirect to the request's page.
    "records:log_report_produce": Entry(
        expect=CLIENT_RECORD | {"worker": 302},
        args=lambda p: [log_request_of(p).pk],
        method="post",
    ),
    # Before the report is produced the worker is sent back to the request's page.
    "records:log_report_pdf": Entry(
        expect=CLIENT_RECORD | {"worker": 302}, args=lambda p: [log_request_of(p).pk]
    ),
    # The client's own log request in OmaPolku: the client only (their own, no id in the URL).
    "records:own_log_requests": Entry(expect=only(200, "client")),
    # Retention: counts only, for the one who approves destruction (the administrator).
    "records:retention_runs": Entry(expect=only(200, "administrator")),
    "records:retention_run": Entry(
        expect=only(200, "administrator"), args=lambda p: [retention_run_of(p).pk]
    ),
    # Eligibility (issue 21): the relationship's page, by the record rule (a decision maker
    # with a basis reads it too: polku/eligibility/tests/test_page.py).
    "eligibility:eligibility": Entry(expect=CLIENT_RECORD, args=lambda p: [p.relationship.pk]),
    # The month report: a client's period for the responsible worker and the place's
    # supervisor; a place for its supervisor and the manager above it; the organiser for its
    # manager. Each as a page, a PDF and an XLSX.
    **{
        f"attendance:report_period{suffix}": Entry(
            expect=CLIENT_RECORD | {"place_supervisor": 200},
            args=lambda p: [report_period_of(p).pk],
        )
        for suffix in ("", "_pdf", "_xlsx")
    },
    **{
        f"attendance:report_place{suffix}": Entry(
            expect=only(200, "place_supervisor", "manager"), args=lambda p: [p.place.pk]
        )
        for suffix in ("", "_pdf", "_xlsx")
    },
    **{
        f"attendance:report_organiser{suffix}": Entry(
            expect=only(200, "manager"), args=lambda p: [p.organiser.pk]
        )
        for suffix in ("", "_pdf", "_xlsx")
    },
    # Feedback (issue 19): the client's own pages; the survey of the client's ended period.
    "feedback:home": Entry(expect=only(200, "client")),
    "feedback:survey": Entry(expect=only(200, "client"), args=lambda p: [survey_period_of(p).pk]),
    "feedback:message_new": Entry(expect=only(200, "client")),
    "feedback:complaint_info": Entry(expect=only(200, "client")),
    "feedback:complaint_new": Entry(expect=only(200, "client")),
    # The results: a place's supervisor and the managers; aggregates only.
    "feedback:results": Entry(expect=only(200, "place_supervisor", "manager")),
    # The feedback box and complaints: the managers of the client's unit, never the worker.
    "feedback:message_list": Entry(expect=only(200, "manager")),
    "feedback:message_detail": Entry(
        expect=only(200, "manager"), args=lambda p: [feedback_message_of(p).pk]
    ),
    "feedback:complaint_list": Entry(expect=only(200, "manager")),
    "feedback:complaint_detail": Entry(
        expect=only(200, "manager"), args=lambda p: [complaint_of(p).pk]
    ),
    # A complaint written with the client: the record rule.
    "feedback:complaint_assist": Entry(expect=CLIENT_RECORD, args=lambda p: [p.relationship.pk]),
    # The service network (docs/subsystems/network.md): the map, partners and opportunities are
    # read at the desk and by those who manage the network (managers, administrators: the map
    # holds no client data), who alone write; the public ones are shown at the place and in
    # OmaPolku.
    "network:map": Entry(expect=only(200, *DESK, "manager", "administrator")),
    "network:partners": Entry(expect=only(200, *DESK, "manager", "administrator")),
    "network:partner": Entry(
        expect=only(200, *DESK, "manager", "administrator"),
        args=lambda p: [opportunity_of(p).partner_id],
    ),
    "network:partner_new": Entry(expect=only(200, "manager", "administrator")),
    "network:partner_edit": Entry(
        expect=only(200, "manager", "administrator"),
        args=lambda p: [opportunity_of(p).partner_id],
    ),
    "network:opportunities": Entry(expect=only(200, *DESK, "manager", "administrator")),
    "network:opportunity": Entry(
        expect=only(200, *DESK, "manager", "administrator"),
        args=lambda p: [opportunity_of(p).pk],
    ),
    "network:opportunity_new": Entry(expect=only(200, "manager", "administrator")),
    "network:opportunity_edit": Entry(
        expect=only(200, "manager", "administrator"), args=lambda p: [opportunity_of(p).pk]
    ),
    "network:place_opportunities": Entry(expect=only(200, "place_supervisor")),
    "network:own_opportunities": Entry(expect=only(200, "client")),
    **{
        f"metrics:{name}": Entry(expect=only(200, "manager"))
        for name in (
            "dashboard",
            "dashboard_pdf",
            "dashboard_export",
            "statistics",
            "statistics_export",
        )
    },
    # The clients behind a figure: its own capability (the manager's), a purpose, logged.
    "metrics:figure_clients": Entry(expect=only(200, "manager"), args=lambda p: ["stages", "s1"]),
}

# Django admin (the configuration site) is one guarded site: these representative pages are
# requested as every role; every other admin URL is covered by the same `has_permission`.
ADMIN_EXPECT = only(200, "administrator")
ADMIN_SAMPLES: dict[str, Callable[[People], list[Any]]] = {
    "admin:index": lambda people: [],
    "admin:accounts_user_changelist": lambda people: [],
    "admin:accounts_unit_changelist": lambda people: [],
    "admin:accounts_unit_change": lambda people: [people.place.pk],
    "admin:accounts_user_change": lambda people: [people.worker.pk],
    "admin:placements_placeprofile_changelist": lambda people: [],
    "admin:placements_placeprofile_add": lambda people: [],
    "admin:attendance_attendancepolicy_changelist": lambda people: [],
    "admin:attendance_attendancepolicy_add": lambda people: [],
    "admin:evaluation_evaluationtemplate_changelist": lambda people: [],
    "admin:portal_reachabletime_changelist": lambda people: [],
    "admin:portal_reachabletime_add": lambda people: [],
    "admin:eligibility_eligibilityrule_changelist": lambda people: [],
    "admin:eligibility_eligibilityrule_add": lambda people: [],
    "admin:eligibility_sanctionrule_changelist": lambda people: [],
}
ADMIN_NAMESPACE = "admin:"
