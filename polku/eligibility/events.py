"""The eligibility app's audit event types (polku.audit.events). Keys are stored and never
renamed."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from polku.audit.events import EventType


class EligibilityEvent(EventType):
    CHECK = "eligibility check", pgettext_lazy("audit event", "Eligibility inputs saved")


class EligibilityRead(EventType):
    PAGE = "eligibility page", pgettext_lazy("audit read", "Eligibility")
