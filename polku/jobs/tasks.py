"""The jobs the task runner (django-q2's cluster, ``manage.py qcluster``) runs by schedule.

Each job is a plain function named by its dotted path in a ``django_q.models.Schedule`` row
(migration ``0001_schedules``); the cluster runs it in a worker process, retries it when the
process dies, and keeps its result (the configuration site's "Successful tasks" and "Failed
tasks"). A job returns counts, never client data, since its result is stored and shown.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from polku.accounts.models import User
from polku.accounts.roles import Capability, roles_with
from polku.core import clock
from polku.pathways import workqueue

#: The alerts that need a clock (SPEC §4 "Alerts", §5, S15), as the notice counts them: each
#: work-queue kind by the line it is counted on. Every other item is counted as "other".
#: attendance_not_recorded: a place has not recorded its latest day of activity (yesterday, or
#:   the last day it was open in the past week);
#: illness_certificate: own illness longer than 3 days without a doctor's or nurse's
#:   certificate;
#: certificate_not_given: the work-activity certificate of a period ending or ended;
#: calls_due: the follow-up call one month after the end, and a call to make again.
NOTICE_LINES = {
    "place_not_recorded": "attendance_not_recorded",
    "illness_without_certificate": "illness_certificate",
    "certificate": "certificate_not_given",
    "follow_up_call": "calls_due",
    "follow_up_call_again": "calls_due",
}


@dataclass(frozen=True)
class Notice:
    """What one staff member's notice says: counts only."""

    total: int
    overdue: int
    by_kind: dict[str, int]


def queue_counts(user: User, today: dt.date) -> Notice:
    """The counts of the user's work queue, from the providers directly: nothing is shown to
    anyone, so no access is logged (the page logs its reads when the user opens it)."""
    items = [item for provider in workqueue.providers() for item in provider(user, today)]
    kinds = Counter(NOTICE_LINES.get(item.kind, "other") for item in items)
    overdue = sum(1 for item in items if item.due is not None and item.due < today)
    return Notice(total=len(items), overdue=overdue, by_kind=dict(kinds))


def _recipients() -> list[User]:
    desk = roles_with(Capability.USE_WORKER_DESK)
    return list(
        User.objects.filter(is_active=True, role_assignments__role__in=desk)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def daily_notices() -> dict[str, int]:
    """Each worker with items in their work queue gets one e-mail in their language: how many
    items, how many overdue, how many of the clock's alerts (attendance not recorded, an
    illness without a certificate, a work-activity certificate not given, a follow-up call
    due), and a link to the work queue. No client data: no names, no places, no dates of
    anyone's events (the items' labels are never used)."""
    today = clock.today()
    link = settings.POLKU_BASE_URL.rstrip("/") + reverse("pathways:today")
    messages = []
    for user in _recipients():
        notice = queue_counts(user, today)
        if notice.total == 0:
            continue
        with translation.override(user.language or settings.LANGUAGE_CODE):
            subject = render_to_string("jobs/notice_subject.txt", {"notice": notice}).strip()
            body = render_to_string(
                "jobs/notice_body.txt", {"notice": notice, "link": link, "user": user}
            )
        messages.append(EmailMessage(subject, body, to=[user.email]))
    sent = get_connection().send_messages(messages) if messages else 0
    return {"notices": len(messages), "sent": sent or 0}


def retention_dry_run() -> dict[str, int]:
    """The monthly retention dry run (polku.records.retention): a proposal with counts for a
    named person to approve on the retention page; it destroys nothing."""
    from polku.accounts.system import system_actor
    from polku.records.services import retention_dry_run as dry_run

    run = dry_run(actor=system_actor())
    return {"run": run.pk, "relationships": run.relationships, "audit_events": run.audit_events}


def group_reminders() -> dict[str, int]:
    """The reminder before a group starts, to each participant with an address, in their
    language: the group's name, first day, time and where it meets, nothing of anyone
    (docs/subsystems/groups.md). Each group's reminder goes out once; it is marked sent after
    its messages left, so a failed send is tried again the next day."""
    from polku.accounts.system import system_actor
    from polku.groups import services as groups

    actor = system_actor()
    today = clock.today()
    counts = {"groups": 0, "reminders": 0, "sent": 0}
    for group in groups.reminders_due(today=today):
        recipients = groups.reminder_recipients(group)
        messages = []
        for recipient in recipients:
            with translation.override(recipient.language or settings.LANGUAGE_CODE):
                context = {"group": group}
                subject = render_to_string("jobs/group_reminder_subject.txt", context).strip()
                body = render_to_string("jobs/group_reminder_body.txt", context)
            messages.append(EmailMessage(subject, body, to=[recipient.email]))
        sent = get_connection().send_messages(messages) if messages else 0
        groups.reminder_mark_sent(actor=actor, group=group, recipients=len(messages))
        counts["groups"] += 1
        counts["reminders"] += len(messages)
        counts["sent"] += sent or 0
    return counts


def attendance_summary() -> dict[str, int]:
    """The nightly count of the summaries the manager's dashboard reads: the attendance of
    every whole month before today's (polku.metrics.summary), then the pathway's facts for the
    lead times and shares (polku.metrics.facts), each from the records as they are now and in
    its own transaction. Counts only."""
    from polku.metrics import facts, summary

    return summary.refresh() | facts.refresh()
