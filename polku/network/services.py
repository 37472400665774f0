"""Writes of the service network: partners and opportunities, each checked, saved and audited
in one transaction (STYLE.md §2). Managers and administrators write (``MANAGE_NETWORK``)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from polku.accounts.access import require_capability
from polku.accounts.models import Unit, User
from polku.accounts.roles import Capability
from polku.audit import services as audit
from polku.core.errors import CommonError, field_error, refuse_null_characters
from polku.network import rules
from polku.network.errors import NetworkError
from polku.network.events import NetworkEvent
from polku.network.models import Opportunity, Partner

M = TypeVar("M", bound=models.Model)

PARTNER_FIELDS = (
    "name",
    "business_id",
    "contact_name",
    "contact_phone",
    "contact_email",
    "municipality",
    "field",
    "offers",
    "offers_sv",
    "help_kinds",
    "active",
)
OPPORTUNITY_FIELDS = (
    "kind",
    "partner",
    "title",
    "title_sv",
    "description",
    "description_sv",
    "municipality",
    "starts_on",
    "ends_on",
    "public",
)


def _partner_data(data: dict[str, Any], *, exclude: int | None = None) -> dict[str, Any]:
    """The partner's fields checked together, every refusal named at once."""
    refuse_null_characters(**{k: v for k, v in data.items() if isinstance(v, str)})
    clean = {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items()}
    result: dict[str, Any] = {}

    def business_id() -> None:
        result["business_id"] = rules.business_id(clean.get("business_id", ""))
        if result["business_id"]:
            taken = Partner.objects.filter(business_id=result["business_id"])
            if exclude is not None:
                taken = taken.exclude(pk=exclude)
            holder = taken.values_list("name", flat=True).first()
            if holder is not None:
                raise field_error(
                    "business_id",
                    _("%(partner)s already has this business ID.") % {"partner": holder},
                    CommonError.DUPLICATE,
                )

    def name() -> None:
        if not clean.get("name"):
            raise field_error("name", _("Write the organisation's name."), CommonError.REQUIRED)

    def kinds() -> None:
        result["help_kinds"] = rules.help_kinds(clean.get("help_kinds") or [])

    rules.check(business_id, name, kinds)
    return {**clean, **result}


def partner_errors(*, exclude: int | None = None, **data: Any) -> dict[str, list[ValidationError]]:
    """The refusals of the partner's fields given, at once (the business ID, the name, the
    kinds of help), so that a form that is itself invalid shows them with its own."""
    try:
        _partner_data(data, exclude=exclude)
    except ValidationError as error:
        return dict(error.error_dict) if hasattr(error, "error_dict") else {}
    return {}


def _created(obj: M, submission: uuid.UUID | None, model: type[M]) -> M:
    """Save a new record once: the same form sent twice gets the first record back."""
    obj.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        done = model._default_manager.filter(submission=submission).first() if submission else None
        if done is None:
            raise
        return done
    return obj


@transaction.atomic
def partner_create(*, actor: User, submission: uuid.UUID | None = None, **data: Any) -> Partner:
    """A new partner or employer. The same form sent twice adds one partner."""
    require_capability(actor, Capability.MANAGE_NETWORK)
    if submission is not None:
        done = Partner.objects.filter(submission=submission).first()
        if done is not None:
            return done
    fields = _partner_data(data)
    partner = Partner(created_by=actor, submission=submission, **fields)
    saved = _created(partner, submission, Partner)
    if saved is partner:
        audit.record_change(
            actor=actor,
            record=partner,
            what=NetworkEvent.PARTNER_CREATED,
            changes={name: (None, getattr(partner, name)) for name in PARTNER_FIELDS},
        )
    return saved


@transaction.atomic
def partner_update(*, actor: User, partner: Partner, version: int, **data: Any) -> Partner:
    """Edit a partner; a concurrent edit is refused (``edit_conflict``), nothing overwritten."""
    require_capability(actor, Capability.MANAGE_NETWORK)
    current = {name: getattr(partner, name) for name in PARTNER_FIELDS}
    fields = _partner_data(current | data, exclude=partner.pk)
    audit.model_update(
        actor=actor, obj=partner, version=version, data=fields, what=NetworkEvent.PARTNER
    )
    return partner


def _opportunity_checks(
    *,
    partner: Partner | None,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    title: str | None,
    new: bool,
) -> None:
    """Every refusal of an opportunity at once, for the values given (None: not given, not
    judged)."""

    def dates() -> None:
        if starts_on is not None:
            rules.dates(starts_on, ends_on)

    def named() -> None:
        if title is not None and not title.strip():
            raise field_error("title", _("Write a title."), CommonError.REQUIRED)

    def active() -> None:
        if partner is not None and new and not partner.active:
            raise field_error(
                "partner",
                _("This partner is no longer active. Choose another partner."),
                NetworkError.PARTNER_INACTIVE,
            )

    rules.check(dates, named, active)


def opportunity_errors(
    *,
    partner: Partner | None = None,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    title: str | None = None,
    current_partner_id: int | None = None,
) -> dict[str, list[ValidationError]]:
    """The refusals of an opportunity's fields given, at once (an end before the start, no
    title, a partner no longer active chosen anew: ``current_partner_id`` is the edited
    opportunity's), so that a form that is itself invalid shows them with its own."""
    try:
        _opportunity_checks(
            partner=partner,
            starts_on=starts_on,
            ends_on=ends_on,
            title=title,
            new=partner is not None and partner.pk != current_partner_id,
        )
    except ValidationError as error:
        return dict(error.error_dict) if hasattr(error, "error_dict") else {}
    return {}


@transaction.atomic
def opportunity_create(
    *,
    actor: User,
    kind: str,
    partner: Partner,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    description: str = "",
    title_sv: str = "",
    description_sv: str = "",
    municipality: Unit | None = None,
    public: bool = False,
    submission: uuid.UUID | None = None,
) -> Opportunity:
    """A job opening, work trial, pay-subsidised job or training of a partner. Refused: an end
    before the start (``ends_before_start``), no title, a partner no longer active. The same
    form sent twice adds one opportunity."""
    require_capability(actor, Capability.MANAGE_NETWORK)
    if submission is not None:
        done = Opportunity.objects.filter(submission=submission).first()
        if done is not None:
            return done
    refuse_null_characters(
        title=title, description=description, title_sv=title_sv, description_sv=description_sv
    )
    _opportunity_checks(
        partner=partner, starts_on=starts_on, ends_on=ends_on, title=title, new=True
    )
    opportunity = Opportunity(
        kind=kind,
        partner=partner,
        title=title.strip(),
        title_sv=title_sv.strip(),
        description=description.strip(),
        description_sv=description_sv.strip(),
        municipality=municipality,
        starts_on=starts_on,
        ends_on=ends_on,
        public=public,
        created_by=actor,
        submission=submission,
    )
    saved = _created(opportunity, submission, Opportunity)
    if saved is opportunity:
        audit.record_change(
            actor=actor,
            record=opportunity,
            what=NetworkEvent.OPPORTUNITY_CREATED,
            changes={name: (None, getattr(opportunity, name)) for name in OPPORTUNITY_FIELDS},
        )
    return saved


@transaction.atomic
def opportunity_update(
    *, actor: User, opportunity: Opportunity, version: int, **data: Any
) -> Opportunity:
    """Edit an opportunity (its dates checked as at the start); a concurrent edit is refused."""
    require_capability(actor, Capability.MANAGE_NETWORK)
    refuse_null_characters(
        **{k: data.get(k, "") for k in ("title", "title_sv", "description", "description_sv")}
    )
    partner = data.get("partner", opportunity.partner)
    _opportunity_checks(
        partner=partner,
        starts_on=data.get("starts_on", opportunity.starts_on),
        ends_on=data.get("ends_on", opportunity.ends_on),
        title=data.get("title", opportunity.title),
        new=partner.pk != opportunity.partner_id,
    )
    data = {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items()}
    audit.model_update(
        actor=actor,
        obj=opportunity,
        version=version,
        data=data,
        what=NetworkEvent.OPPORTUNITY,
    )
    return opportunity
