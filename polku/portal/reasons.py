"""The absence reasons as OmaPolku words them (*selkokieli*): one mapping for the absence
form's choices and for every list of absences the client reads (the start page, the absence
page, "my days"). The official Kela names (``AbsenceReason`` labels) stay on the staff's
pages."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from polku.attendance.models import AbsenceReason

PLAIN_REASONS: dict[str, Promise] = {
    AbsenceReason.OWN_ILLNESS.value: pgettext_lazy("plain absence reason", "Illness"),
    AbsenceReason.CHILD_ILLNESS.value: pgettext_lazy(
        "plain absence reason", "A child's illness (a child under 10)"
    ),
    AbsenceReason.EMPLOYMENT.value: pgettext_lazy(
        "plain absence reason", "A job interview or another work matter"
    ),
    AbsenceReason.TRUST_POSITION.value: pgettext_lazy(
        "plain absence reason", "A meeting of a position of trust"
    ),
    AbsenceReason.OTHER.value: pgettext_lazy("plain absence reason", "Another reason"),
}


def plain_reason(code: str) -> str:
    """The reason ``code`` in the client's words; empty for no reason."""
    words = PLAIN_REASONS.get(code)
    return str(words) if words is not None else ""
