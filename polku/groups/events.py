"""The groups app's audit event types (polku.audit.events). Keys are stored and never
renamed."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from polku.audit.events import EventType


class GroupEvent(EventType):
    """Writes: groups, sessions, enrolments, session attendance, reminders."""

    GROUP = "group", pgettext_lazy("audit event", "Group saved")
    SESSION = "group session", pgettext_lazy("audit event", "Group session saved")
    ENROLMENT = "group enrolment", pgettext_lazy("audit event", "Enrolled in a group")
    ATTENDANCE = "group attendance", pgettext_lazy("audit event", "Group session attendance")
    REMINDER = "group reminder", pgettext_lazy("audit event", "Group reminder sent")
    ENROLMENT_END = (
        "group enrolment ended",
        pgettext_lazy("audit event", "Group participation ended"),
    )
    FEEDBACK = "group feedback", pgettext_lazy("audit event", "Group feedback saved")


class GroupRead(EventType):
    """Reads of client data on the group pages."""

    PARTICIPANTS = "group participants", pgettext_lazy("audit read", "Group participants")
    SESSION_ATTENDANCE = (
        "group session attendance",
        pgettext_lazy("audit read", "Group session attendance"),
    )
    ENROLMENT = "group enrolment page", pgettext_lazy("audit read", "Group enrolment")
