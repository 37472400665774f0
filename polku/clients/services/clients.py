"""Writes of the client's own record: creating it and editing its details (S1)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from polku.accounts.models import User
from polku.audit import services as audit
from polku.clients import rules
from polku.clients.events import ClientEvent
from polku.clients.models import Client
from polku.core.errors import CommonError, field_error, refuse_null_characters

CLIENT_FIELDS = (
    "first_name",
    "last_name",
    "identity_code",
    "temporary_id",
    "birth_date",
    "language",
    "phone",
    "email",
    "street_address",
    "postal_code",
    "city",
    "non_disclosure",
)
# The rules services share with the pages and later apps, where callers have long found them.
date_in_relationship = rules.date_in_relationship
informing_missing = rules.informing_missing


def age_warning(client: Client) -> str:
    """A warning when the client's age is outside the range where kuty usually applies."""
    return rules.age_warning(client.birth_date)


def _duplicate_temporary_id() -> ValidationError:
    return field_error(
        "temporary_id",
        _("Another client already has this temporary identifier."),
        CommonError.DUPLICATE,
    )


@transaction.atomic
def client_create(*, actor: User, **fields: Any) -> Client:
    """A new client. The identity code must not exist yet (the duplicate check)."""
    refuse_null_characters(**fields)
    code = fields.get("identity_code") or None
    fields["identity_code"] = code
    if code and Client.objects.filter(identity_code=code).exists():
        raise ValidationError(
            _("A client with this identity code already exists. Open a new relationship for them."),
            code=CommonError.DUPLICATE,
        )
    temporary_id = (fields.get("temporary_id") or "").strip()
    if temporary_id and Client.objects.filter(temporary_id=temporary_id).exists():
        raise _duplicate_temporary_id()
    client = Client(**{name: value for name, value in fields.items() if name in CLIENT_FIELDS})
    client.full_clean()
    try:
        with transaction.atomic():  # a parallel intake of the same person meets the constraint
            client.save()
    except IntegrityError as error:
        raise ValidationError(
            _("A client with this identity code or temporary identifier already exists."),
            code=CommonError.DUPLICATE,
        ) from error
    audit.record_change(
        actor=actor,
        record=client,
        client=client,
        what=ClientEvent.CLIENT_CREATED,
        changes={
            name: (None, getattr(client, name))
            for name in CLIENT_FIELDS
            if getattr(client, name) not in ("", None, False)
        },
    )
    return client


@transaction.atomic
def client_update(*, actor: User, client: Client, version: int, **fields: Any) -> Client:
    """Edit the client's details; a concurrent edit is refused (EditConflict)."""
    data = {name: fields[name] for name in CLIENT_FIELDS if name in fields}
    if "identity_code" in data:
        data["identity_code"] = data["identity_code"] or None
    others = Client.objects.exclude(pk=client.pk)
    code = data.get("identity_code", client.identity_code)
    if code and others.filter(identity_code=code).exists():
        raise ValidationError(
            _("Another client already has this identity code."), code=CommonError.DUPLICATE
        )
    temporary_id = data.get("temporary_id", client.temporary_id)
    if temporary_id and others.filter(temporary_id=temporary_id).exists():
        raise _duplicate_temporary_id()
    audit.model_update(
        actor=actor,
        obj=client,
        version=version,
        data=data,
        what=ClientEvent.CLIENT_DETAILS,
        client=client,
        clean_exclude=["user"],
    )
    return client
