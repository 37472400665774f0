"""The feedback app's audit event types (polku.audit.events). Keys are stored and never
renamed.

The survey's answers are never named by an event: the client's answer writes the
``SURVEY_ANSWERED`` event on the client's side marker (``SurveyReceipt``) only, so the audit
store cannot link a client to the anonymous answers (docs/decisions/0016-feedback-anonymity.md).
"""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from polku.audit.events import EventType


class FeedbackEvent(EventType):
    """Writes: the survey answered, a feedback message sent and handled, a complaint made,
    helped with and answered."""

    SURVEY_ANSWERED = (
        "feedback survey answered",
        pgettext_lazy("audit event", "End-of-period survey answered"),
    )
    SURVEY_LOADED = (
        "feedback survey answers loaded",
        pgettext_lazy("audit event", "Survey answers collected outside Polku added"),
    )
    MESSAGE_SENT = "feedback message sent", pgettext_lazy("audit event", "Feedback message sent")
    MESSAGE_STATE = (
        "feedback message state",
        pgettext_lazy("audit event", "Feedback message marked read or handled"),
    )
    COMPLAINT_MADE = "complaint made", pgettext_lazy("audit event", "Complaint (muistutus) made")
    COMPLAINT_STATE = (
        "complaint state",
        pgettext_lazy("audit event", "Complaint (muistutus) handling recorded"),
    )


class FeedbackRead(EventType):
    """Reads of client data in the feedback pages."""

    OWN_FEEDBACK = "own feedback page", pgettext_lazy("audit read", "OmaPolku: feedback")
    SURVEY = "own feedback survey", pgettext_lazy("audit read", "OmaPolku: end-of-period survey")
    OWN_COMPLAINTS = "own complaints", pgettext_lazy("audit read", "OmaPolku: complaints")
    MESSAGE = "feedback message", pgettext_lazy("audit read", "Feedback message")
    MESSAGES = "feedback messages", pgettext_lazy("audit read", "Feedback messages")
    COMPLAINT = "complaint", pgettext_lazy("audit read", "Complaint (muistutus)")
    COMPLAINTS = "complaints", pgettext_lazy("audit read", "Complaints (muistutus)")
    COMPLAINT_ASSIST = (
        "complaint written with the client",
        pgettext_lazy("audit read", "Complaint written with the client"),
    )
