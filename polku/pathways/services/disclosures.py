"""What is given out: the information notice and the plan, per recipient (703/2023)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from polku.accounts.models import Unit, User
from polku.audit import services as audit
from polku.clients.access import require_caseworker
from polku.clients.models import Recipient
from polku.core.errors import field_error
from polku.pathways.errors import PathwayError
from polku.pathways.events import PathwayEvent
from polku.pathways.models import ActivationPlan


@transaction.atomic
def notice_disclose(*, actor: User, plan: ActivationPlan) -> None:
    """The information notice printed for the client (a document given out)."""
    require_caseworker(actor, plan.relationship)
    audit.record_disclosure(
        actor=actor,
        client=plan.relationship.client,
        what=PathwayEvent.INFORMATION_NOTICE,
        recipient=Recipient.CLIENT.value,
        purpose="information before the activation plan",
        legal_basis="189/2001 §8",
        record=plan,
    )


@dataclass(frozen=True)
class PlanCopy:
    """What one recipient's copy of the plan PDF carries about the client."""

    recipient: Recipient  # the stable key recorded in the disclosure event
    identity_code: str  # the full code (or temporary id), or "" for the birth date only
    birth_date: dt.date | None
    address: bool
    authority: Unit | None = None  # the employment authority it goes to, by reference


# Who may receive the activation plan: its parties and a copy for the file (703/2023 data
# minimisation). The chief shop steward and a place get their own documents, never the plan.
PLAN_RECIPIENTS = (Recipient.CLIENT, Recipient.EMPLOYMENT_AUTHORITY, Recipient.PRINT)


def plan_copy_for(plan: ActivationPlan, recipient: str) -> PlanCopy:
    """Decide per recipient what the plan carries (data minimisation, 703/2023):

    - the client: everything, their own address even under a non-disclosure marking;
    - the employment authority, a party to the plan: what it needs to identify the client and
      act on the plan, the identity code included, the address only without a non-disclosure
      marking;
    - anyone else (a copy printed for the file): the birth date instead of the identity code,
      and no address.
    """
    person = plan.relationship.client
    code = person.identity_code or person.temporary_id
    if recipient == Recipient.CLIENT:
        return PlanCopy(Recipient.CLIENT, code, None, address=True)
    if recipient == Recipient.EMPLOYMENT_AUTHORITY:
        return PlanCopy(
            Recipient.EMPLOYMENT_AUTHORITY,
            code,
            None,
            address=not person.non_disclosure,
            authority=plan.employment_authority,
        )
    return PlanCopy(Recipient.PRINT, "", person.birth_date, address=False)


@transaction.atomic
def plan_disclose(*, actor: User, plan: ActivationPlan, recipient: str) -> PlanCopy:
    """Printing or sending the plan PDF is a disclosure (703/2023); the event stores the
    recipient's key and the employment authority by reference (the timeline shows its label
    and the authority's name), and the copy carries what they get."""
    require_caseworker(actor, plan.relationship)
    if recipient not in PLAN_RECIPIENTS:
        raise field_error(
            "recipient",
            _("The activation plan is given only to its parties or printed for the file."),
            PathwayError.NOT_A_PLAN_RECIPIENT,
        )
    copy = plan_copy_for(plan, recipient)
    audit.record_disclosure(
        actor=actor,
        client=plan.relationship.client,
        what=PathwayEvent.PLAN_PDF,
        recipient=copy.recipient.value,
        purpose="activation plan for the parties",
        legal_basis="189/2001 §8",
        record=plan,
        changes={"employment_authority": (None, copy.authority)} if copy.authority else None,
    )
    return copy
