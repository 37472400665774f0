"""The placements app's documents. Each builds an allow-listed context (STYLE.md §9): a
restricted document gets only the keys it may print, never a record object."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from polku.accounts.models import Unit, UnitKind, User
from polku.core import clock
from polku.placements.models import Period

# What the notice to the chief shop steward may hold (189/2001 §16): the client's name and the
# plan's §9 1 mom items 1–3. A test renders the PDF and checks nothing else is in it.
# The PDFs' file names in the document's language (ASCII: every browser saves them as is;
# ``polku.core.documents.document_filename``), for the staff's and the client's downloads.
DECISION_FILENAMES = {"fi": "paatos.pdf", "sv": "beslut.pdf", "en": "decision.pdf"}
INFO_PACKAGE_FILENAMES = {
    "fi": "tietopaketti.pdf",
    "sv": "informationspaket.pdf",
    "en": "information-package.pdf",
}

STEWARD_NOTICE_KEYS = frozenset(
    {
        "document_name",
        "organiser_name",
        "producer_name",
        "client_name",
        "client_identity_code",
        "author_name",
        "author_title",
        "created_at",
        "steward_name",
        "goal",
        "description",
        "place_name",
        "hours_per_day",
        "days_per_week",
        "hours_per_week",
        "starts_on",
        "ends_on",
        "leaflet_template",
    }
)

# The languages the notice and its uniform leaflet on kuty are written in (Finland's national
# languages); a client whose language is another gets the Finnish notice.
NOTICE_LANGUAGES = ("fi", "sv")


def steward_notice_language(period: Period) -> str:
    """The notice's language: the client's, when it is Finnish or Swedish; else Finnish."""
    language = period.relationship.client.language
    return language if language in NOTICE_LANGUAGES else NOTICE_LANGUAGES[0]


def steward_notice_context(
    *, period: Period, author: User, steward_name: str, language: str
) -> dict[str, Any]:
    """The notice's allow-listed context in `language` (`steward_notice_language`), with the
    uniform leaflet on kuty of that language (`legal/steward_leaflet_<fi|sv>.html`)."""
    if language not in NOTICE_LANGUAGES:
        raise ValueError(f"the steward notice is written in Finnish or Swedish, not {language!r}")
    organiser = Unit.objects.filter(kind=UnitKind.ORGANISER).first()
    days = len(period.weekdays)
    with translation.override(language):
        document_name = _("Notice to the chief shop steward")
    context = {
        "document_name": document_name,
        "organiser_name": (organiser or period.relationship.unit).name_in(language),
        "producer_name": period.place.name_in(language),
        "client_name": period.relationship.client.full_name,
        "client_identity_code": "",  # the notice holds the name only (189/2001 §16)
        "author_name": author.get_full_name(),
        "author_title": author.title_in(language),
        "created_at": clock.now(),
        "steward_name": steward_name,
        "goal": period.goal,
        "description": period.description,
        "place_name": period.place.name_in(language),
        "hours_per_day": period.hours_per_day,
        "days_per_week": days,
        "hours_per_week": Decimal(period.hours_per_day) * days,
        "starts_on": period.starts_on,
        "ends_on": period.ends_on,
        "leaflet_template": f"placements/legal/steward_leaflet_{language}.html",
    }
    assert set(context) == STEWARD_NOTICE_KEYS  # noqa: S101 (a programming error, not input)
    return context


def info_package_context(*, period: Period, author: User, recipient: str) -> dict[str, Any]:
    """The info package: for the client the rules, breaks, absences, compensation and whom to
    contact; for the place only what SPEC §1 lets a place know (name, goal, agreed tasks and
    hours, the hand-over summary) and whom to contact.

    The texts made here (the document's name, the compensation) are in the document's language,
    the client's for the client's copy and Finnish for the place's, as the template is: not in
    the language of whoever prints it."""
    language = (period.relationship.client.language or "fi") if recipient == "client" else "fi"
    with translation.override(language):
        return _info_package_context(period=period, author=author, recipient=recipient)


def _info_package_context(*, period: Period, author: User, recipient: str) -> dict[str, Any]:
    from polku.core import statutory
    from polku.placements.models import IntroductoryVisit, PlaceProfile, VisitStatus

    relationship = period.relationship
    organiser = Unit.objects.filter(kind=UnitKind.ORGANISER).first()
    profile = PlaceProfile.objects.filter(place=period.place).first()
    worker = relationship.responsible_worker
    common = {
        "document_name": _("Info package for the work-activity period"),
        "organiser_name": (organiser or relationship.unit).display_name,
        "producer_name": period.place.display_name,
        "client_name": relationship.client.full_name,
        "author_name": author.get_full_name(),
        "author_title": author.title_in(),
        "created_at": clock.now(),
        "place_name": period.place.display_name,
        "starts_on": period.starts_on,
        "ends_on": period.ends_on,
        "weekdays": period.weekday_numbers,
        "hours_per_day": period.hours_per_day,
        "place_contact": profile.contact_name if profile else "",
        "place_phone": profile.contact_phone if profile else "",
        "worker_name": worker.get_full_name() if worker else "",
        "worker_title": worker.title_in() if worker else "",
        # The worker's own direct phone: empty here (the staff print gives the office's
        # number); the client's copy in OmaPolku sets it (portal.selectors).
        "worker_phone": "",
        "unit_name": relationship.unit.display_name,
        "unit_phone": relationship.unit.phone,
    }
    if recipient == "place":
        visit = (
            IntroductoryVisit.objects.filter(
                relationship=relationship, place=period.place, status=VisitStatus.RECORDED
            )
            .order_by("-pk")
            .first()
        )
        return {
            **common,
            "client_identity_code": "",
            "goal": period.goal,
            "tasks": period.tasks,
            "handover_summary": visit.handover_summary if visit else "",
            "for_place": True,
        }
    allowance_key = (
        "kulukorvaus_per_day" if period.compensation == "kulukorvaus" else "toimintaraha_per_day"
    )
    # The period plans travel compensation; it is paid once its decision is made (189/2001
    # §17). Until then the client is told it is still to be decided, not that it is paid.
    travel_decided = period.travel_compensation and travel_compensation_decided(period)
    return {
        **common,
        "client_identity_code": relationship.client.masked_identity_code,
        "allowance": statutory.value(allowance_key, on=period.starts_on),
        "compensation": period.get_compensation_display() if period.compensation else "",
        "travel_compensation": travel_decided,
        "travel_pending": period.travel_compensation and not travel_decided,
        "for_place": False,
    }


def travel_compensation_decided(period: Period) -> bool:
    """Whether a travel compensation decision is made for the period (or for its client
    relationship without a period)."""
    from django.db.models import Q

    from polku.placements.models import Decision, DecisionKind, DecisionStatus

    return (
        Decision.objects.filter(
            relationship_id=period.relationship_id,
            kind=DecisionKind.MATKAKORVAUS,
            status=DecisionStatus.DECIDED,
        )
        .filter(Q(period=period) | Q(period__isnull=True))
        .exists()
    )


def weekday_names(field: Any, value: Any, names: Any = None) -> str:
    """ "1234" → "ma, ti, ke, to" in the active language (the timeline's value label)."""
    from django.utils.dates import WEEKDAYS_ABBR

    days = [int(day) - 1 for day in str(value or "") if day.isdigit() and "1" <= day <= "7"]
    return ", ".join(str(WEEKDAYS_ABBR[day]) for day in days) or "–"
