"""The clients app's audit event types (polku.audit.events): what its services write and what
its pages read. Keys are stored and never renamed; labels are shown in the reader's language."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from polku.audit.events import EventType


class ClientEvent(EventType):
    """Writes: records of S1–S3 created or changed, letters given out."""

    CLIENT_CREATED = "client created", pgettext_lazy("audit event", "Client created")
    CLIENT_DETAILS = "client details", pgettext_lazy("audit event", "Client details changed")
    RELATIONSHIP_OPENED = "relationship opened", pgettext_lazy("audit event", "Relationship began")
    INTAKE_CORRECTED = (
        "intake details corrected",
        pgettext_lazy("audit event", "Contact details of the intake corrected"),
    )
    STAGE = "stage", pgettext_lazy("audit event", "Stage changed")
    RESPONSIBLE_WORKER = (
        "responsible worker",
        pgettext_lazy("audit event", "Responsible worker named"),
    )
    HANDOVER_PROPOSED = "hand-over proposed", pgettext_lazy("audit event", "Hand-over proposed")
    HANDOVER_ACCEPTED = "hand-over accepted", pgettext_lazy("audit event", "Hand-over accepted")
    HANDOVER_DECLINED = "hand-over declined", pgettext_lazy("audit event", "Hand-over declined")
    COVER_STARTED = "team cover started", pgettext_lazy("audit event", "Team cover started")
    FIRST_MEETING_BOOKED = (
        "first meeting booked",
        pgettext_lazy("audit event", "First meeting booked"),
    )
    MEETING_BOOKED = "meeting booked", pgettext_lazy("audit event", "Meeting booked")
    JOINT_MEETING_BOOKED = (
        "joint meeting booked",
        pgettext_lazy("audit event", "Joint meeting with the employment authority booked"),
    )
    FIRST_MEETING_RECORDED = (
        "first meeting recorded",
        pgettext_lazy("audit event", "First meeting recorded"),
    )
    MEETING_RECORDED = "meeting recorded", pgettext_lazy("audit event", "Meeting recorded")
    MEETING_CANCELLED = "meeting cancelled", pgettext_lazy("audit event", "Meeting cancelled")
    CONTACT = "contact", pgettext_lazy("audit event", "Contact logged")
    INVITATION_LETTER = (
        "meeting invitation letter",
        pgettext_lazy("audit event", "Invitation letter sent"),
    )
    OMAPOLKU_ACCOUNT = (
        "omapolku account created",
        pgettext_lazy("audit event", "OmaPolku account created at the first identification"),
    )


class ClientRead(EventType):
    """Reads: the page or the purpose for which a client's data was shown."""

    CLIENT_PAGE = "client page", pgettext_lazy("audit read", "Client page")
    CASELOAD = "caseload", pgettext_lazy("audit read", "Caseload")
    COVERED_CASELOAD = (
        "covered caseload",
        pgettext_lazy("audit read", "Caseload of a covered colleague"),
    )
    INTAKE_QUEUE = "intake queue", pgettext_lazy("audit read", "Intake queue")
    INTAKE_SEARCH = "intake search", pgettext_lazy("audit read", "Search at intake")
    INTAKE_EXISTING = (
        "intake for an existing client",
        pgettext_lazy("audit read", "Intake for an existing client"),
    )
    HANDOVERS_WAITING = "hand-overs waiting", pgettext_lazy("audit read", "Hand-overs waiting")
    HANDOVER = "hand-over", pgettext_lazy("audit read", "Hand-over")
    EARLIER_ASKED = (
        "earlier relationship: purpose asked",
        pgettext_lazy("audit read", "Earlier relationship: purpose of use asked"),
    )
    EARLIER = "earlier relationship", pgettext_lazy("audit read", "Earlier relationship")
    IDENTITY_CODE = "identity code revealed", pgettext_lazy("audit read", "Identity code shown")
    EDIT_DETAILS = (
        "client details for editing",
        pgettext_lazy("audit read", "Client details for editing"),
    )
    NAMING = (
        "naming the responsible worker",
        pgettext_lazy("audit read", "Naming the responsible worker"),
    )
    CORRECTING_INTAKE = (
        "correcting the intake details",
        pgettext_lazy("audit read", "Correcting the intake details"),
    )
    BOOKING = "booking a meeting", pgettext_lazy("audit read", "Booking a meeting")
    MEETING_RECORD = "meeting record", pgettext_lazy("audit read", "Meeting record")
    MEETING_CANCELLATION = (
        "meeting cancellation",
        pgettext_lazy("audit read", "Cancelling a meeting"),
    )
    MEETING_INVITATION = "meeting invitation", pgettext_lazy("audit read", "Meeting invitation")
    LOGGING_CONTACT = "logging a contact", pgettext_lazy("audit read", "Logging a contact")
