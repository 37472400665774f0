"""The pathways app's audit event types (polku.audit.events): S4–S7 records written and the
pages that read them. Keys are stored and never renamed."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from polku.audit.events import EventType


class PathwayEvent(EventType):
    """Writes: documents, plans, signatures, visits and what was given out."""

    ASSESSMENT = "assessment", pgettext_lazy("audit event", "Service-need assessment saved")
    CLIENT_PLAN = "clientplan", pgettext_lazy("audit event", "Client plan saved")
    PLAN_STARTED = (
        "activation plan started",
        pgettext_lazy("audit event", "Activation plan started"),
    )
    PLAN = "activation plan", pgettext_lazy("audit event", "Activation plan saved")
    PLAN_CORRECTED = (
        "activation plan corrected",
        pgettext_lazy("audit event", "Corrected version of the activation plan"),
    )
    OPTION_ADDED = "option added", pgettext_lazy("audit event", "Option added")
    OPTION_REMOVED = "option removed", pgettext_lazy("audit event", "Option removed")
    PLAN_SIGNED = "plan signed", pgettext_lazy("audit event", "Plan signed")
    SIGNATURES_VOIDED = (
        "signatures voided",
        pgettext_lazy("audit event", "Signatures voided: the plan changed after signing began"),
    )
    JOINT_MEETING_HELD = (
        "joint meeting held",
        pgettext_lazy("audit event", "Joint meeting with the employment authority held"),
    )
    MEASURES_REFUSED = (
        "measures refused",
        pgettext_lazy("audit event", "The client refused all measures"),
    )
    REFLECTION = "reflection", pgettext_lazy("audit event", "Decision date agreed")
    VISIT = "familiarisation visit", pgettext_lazy("audit event", "Familiarisation visit")
    SECOND_PLAN = (
        "second activation plan",
        pgettext_lazy("audit event", "Second activation plan started"),
    )
    PLAN_PDF = "activation plan PDF", pgettext_lazy("audit event", "Activation plan given out")
    INFORMATION_NOTICE = (
        "activation plan information notice",
        pgettext_lazy("audit event", "Information notice given out"),
    )


class PathwayRead(EventType):
    """Reads: the plan pages and the purpose each read served."""

    PLANS = "plans", pgettext_lazy("audit read", "Plans")
    ASSESSMENT = "assessment page", pgettext_lazy("audit read", "Service-need assessment")
    CLIENT_PLAN = "clientplan page", pgettext_lazy("audit read", "Client plan")
    PLAN = "activation plan page", pgettext_lazy("audit read", "Activation plan")
    PLAN_PDF = "activation plan PDF page", pgettext_lazy("audit read", "Activation plan PDF")
    INFORMATION_NOTICE = (
        "information notice page",
        pgettext_lazy("audit read", "Information notice of the activation plan"),
    )
    REFLECTION = "reflection page", pgettext_lazy("audit read", "Agreeing the decision date")
    SECOND_PLAN = (
        "second activation plan page",
        pgettext_lazy("audit read", "Second activation plan"),
    )
    PATHWAY_STAGE = "pathway stage", pgettext_lazy("audit read", "Pathway stage")
    OPTIONS = (
        "activation plan options",
        pgettext_lazy("audit read", "Options of the activation plan"),
    )
    SIGNING = "activation plan signing", pgettext_lazy("audit read", "Signing the activation plan")
    REFUSAL = "activation plan refusal", pgettext_lazy("audit read", "Refusal of measures")
    VISITS = "familiarisation visits", pgettext_lazy("audit read", "Familiarisation visits")
    CORRECTION = (
        "activation plan correction",
        pgettext_lazy("audit read", "Correcting the activation plan"),
    )
    JOINT_MEETING = "joint meeting", pgettext_lazy("audit read", "Joint meeting")
    JOINT_MEETING_INVITATION = (
        "joint meeting invitation",
        pgettext_lazy("audit read", "Invitation to the joint meeting"),
    )
    JOINT_PLAN = "joint activation plan", pgettext_lazy("audit read", "Activation plan as a party")
    JOINT_PLANS = (
        "joint activation plans",
        pgettext_lazy("audit read", "Activation plans as a party"),
    )
    WORK_QUEUE = "work queue", pgettext_lazy("audit read", "Work queue")
