"""The client's OmaPolku account, found through strong identification (decision 0015).

``polku.accounts.identification`` asks, through the resolver this app registers, which user the
person with a given identity code logs in as. A client record already linked to a user gives
that user. A client record without one gets its account at the first identification: a user
with no password (it cannot log in any other way), the client role in the unit of the latest
client relationship, and a change event on the client written by Polku itself. A code with no
client record, or a client with no relationship yet, finds nobody.
"""

from __future__ import annotations

from django.db import transaction

from polku.accounts.models import RoleAssignment, User
from polku.accounts.roles import Role
from polku.accounts.system import system_actor
from polku.audit import services as audit
from polku.clients.events import ClientEvent
from polku.clients.models import Client, ClientLanguage, ClientRelationship
from polku.core import clock

USERNAME_PREFIX = "omapolku-"


@transaction.atomic
def omapolku_user_for(identity_code: str) -> User | None:
    """The OmaPolku user of the client with ``identity_code`` (canonical), made on first use."""
    client = (
        Client.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(identity_code=identity_code)
        .first()
    )
    if client is None:
        return None
    if client.user is not None:
        return client.user
    latest = (
        ClientRelationship.objects.filter(client=client)
        .select_related("unit")
        .order_by("-started_on", "-pk")
        .first()
    )
    if latest is None:
        return None
    language = client.language if client.language in ClientLanguage.values else ClientLanguage.FI
    user = User(
        username=f"{USERNAME_PREFIX}{client.pk}",
        first_name=client.first_name,
        last_name=client.last_name,
        language=language,
    )
    user.set_unusable_password()
    user.save()
    RoleAssignment.objects.create(user=user, role=Role.CLIENT, unit=latest.unit)
    client.user = user
    client.updated_at = clock.now()
    client.save(update_fields=["user", "updated_at"])
    audit.record_change(
        actor=system_actor(),
        record=client,
        client=client,
        changes={"user": (None, user.username)},
        what=ClientEvent.OMAPOLKU_ACCOUNT,
    )
    return user
