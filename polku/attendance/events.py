"""The attendance app's audit event types (polku.audit.events). Keys are stored and never
renamed."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from polku.audit.events import EventType


class AttendanceEvent(EventType):
    """Writes and disclosures of attendance."""

    DAY = "attendance day", pgettext_lazy("audit event", "Attendance recorded")
    CLOSED_DAYS = "place closed days", pgettext_lazy("audit event", "Closed days marked")
    CONTACT = "absence contact", pgettext_lazy("audit event", "Contact about an absence recorded")
    INTERRUPTION = "interruption", pgettext_lazy("audit event", "Interruption recorded")
    REPORT = "attendance report", pgettext_lazy("audit event", "Attendance report produced")
    INTERRUPTION_RESOLVED = (
        "interruption resolved",
        pgettext_lazy("audit event", "Interruption clarified and resolved"),
    )
    PERIOD_ENDED = (
        "period ended by interruption",
        pgettext_lazy("audit event", "Period ended after an interruption"),
    )


class AttendanceRead(EventType):
    """Reads of attendance pages."""

    PLACE_DAY = "place day", pgettext_lazy("audit read", "The place's day")
    PLACE_WEEK = "place week", pgettext_lazy("audit read", "The place's week")
    PERIOD_ATTENDANCE = "period attendance", pgettext_lazy("audit read", "Attendance of a period")
    OWN_ATTENDANCE = "own attendance", pgettext_lazy("audit read", "Own attendance")
    PLACE_INTERRUPTION = (
        "place interruption",
        pgettext_lazy("audit read", "Interruption at the place"),
    )
