"""S1 for a new client: the duplicate check, the client and the relationship in one transaction."""

from __future__ import annotations

import datetime as dt
import uuid
import zlib
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from polku.accounts.models import Unit, User
from polku.clients import selectors
from polku.clients.errors import ClientError
from polku.clients.models import Client, ClientRelationship
from polku.clients.services.clients import CLIENT_FIELDS, client_create
from polku.clients.services.relationships import relationship_open
from polku.core.errors import CommonError, field_error


def lock_person(*, last_name: str, birth_date: dt.date | None) -> None:
    """Serialise intakes of one person (name and date of birth) until the transaction ends,
    so the duplicate check and the write cannot interleave. PostgreSQL takes an advisory
    lock; SQLite's IMMEDIATE transactions already let one writer in at a time."""
    if connection.vendor != "postgresql" or birth_date is None:
        return
    key = zlib.crc32(f"{last_name.strip().lower()}|{birth_date.isoformat()}".encode())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [INTAKE_LOCK, key - 2**31])


INTAKE_LOCK = 4201  # the advisory-lock class of intakes


@dataclass(frozen=True)
class IntakeDuplicates:
    """What the intake's duplicate check found: the clients, and the refusal for the form's
    fields. Nothing was written but the logged reads of the clients found."""

    clients: list[Client]
    error: ValidationError


@transaction.atomic(durable=True)
def intake_open(
    *,
    actor: User,
    unit: Unit,
    started_on: dt.date,
    source: str,
    reason: str,
    source_detail: str = "",
    submission: uuid.UUID | None = None,
    confirm_not_duplicate: bool = False,
    **client_fields: Any,
) -> ClientRelationship | IntakeDuplicates:
    """S1 for a new client: the duplicate check, then the client and their relationship, in one
    transaction and one intake of a person at a time (:func:`lock_person`).

    The same form sent twice (``submission``) gets the relationship it already opened. A
    client with the same identity code or temporary identifier, or with the same name and date
    of birth unless ``confirm_not_duplicate``, is returned as :class:`IntakeDuplicates`
    instead, with the reads of the clients found logged (``find_clients_for_intake``).
    """
    done = selectors.submitted_intake(submission=submission)
    if done is not None:
        return done
    last_name, birth_date = client_fields["last_name"], client_fields.get("birth_date")
    identity_code = client_fields.get("identity_code") or ""
    temporary_id = (client_fields.get("temporary_id") or "").strip()
    lock_person(last_name=last_name, birth_date=birth_date)
    found = selectors.find_clients_for_intake(
        viewer=actor,
        identity_code=identity_code,
        last_name=last_name,
        birth_date=birth_date,
        temporary_id=client_fields.get("temporary_id") or "",
    )
    same_temporary = [c for c in found if temporary_id and c.temporary_id == temporary_id]
    if same_temporary:
        # A temporary identifier names one client (a database constraint): "a different
        # person" cannot be true for it, so confirming does not help.
        return IntakeDuplicates(
            same_temporary,
            field_error(
                "temporary_id",
                _(
                    "This temporary identifier is already used by an existing client. Open a "
                    "new relationship for that client, or choose another identifier."
                ),
                CommonError.DUPLICATE,
            ),
        )
    same_code = [c for c in found if identity_code and c.identity_code == identity_code]
    if same_code:
        return IntakeDuplicates(
            same_code,
            field_error(
                "identity_code",
                _(
                    "A client with this identity code already exists. Open a new relationship for them below."
                ),
                CommonError.DUPLICATE,
            ),
        )
    if found and not confirm_not_duplicate:
        return IntakeDuplicates(
            found,
            field_error(
                "confirm_not_duplicate",
                _(
                    "A client with the same name and date of birth exists. Check whether it is the same person; if not, tick the box and save again."
                ),
                ClientError.POSSIBLE_DUPLICATE,
            ),
        )
    person = client_create(
        actor=actor,
        **{name: value for name, value in client_fields.items() if name in CLIENT_FIELDS},
    )
    return relationship_open(
        actor=actor,
        client=person,
        unit=unit,
        started_on=started_on,
        source=source,
        source_detail=source_detail,
        reason=reason,
        submission=submission,
    )
