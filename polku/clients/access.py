"""Access helpers for client records: one 404 for missing and forbidden, and the read logged."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from polku.accounts.models import User
from polku.audit import services as audit
from polku.clients.models import Client


def access_basis(user: User | AnonymousUser, client: Client) -> str:
    """The verified relationship that lets ``user`` read ``client`` (logged with the read)."""
    if user.is_authenticated and client.user_id == user.pk:
        return "self"
    return ""


def access_own_client(user: User | AnonymousUser, *, what: str) -> Client:
    """The client record of the logged-in client (OmaPolku); 404 when there is none."""
    if not user.is_authenticated:
        raise Http404
    client = Client.objects.visible_to(user).filter(user_id=user.pk).first()
    if client is None:
        raise Http404
    audit.record_access(actor=user, client=client, what=what, basis=access_basis(user, client))
    return client
