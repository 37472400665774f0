"""Contacts to the client: a letter, a phone call or a message, with its outcome."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from polku.accounts.requests import AuthedRequest
from polku.clients import services
from polku.clients.access import access_relationship
from polku.clients.events import ClientRead
from polku.clients.forms import ContactForm
from polku.core import clock
from polku.core.forms import add_service_errors
from polku.core.htmx import render_page


def contact_new(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    """Log a contact to the client: letter, phone call or message, with its outcome."""
    relationship = access_relationship(
        request.user, relationship_id, what=ClientRead.LOGGING_CONTACT
    )
    form = ContactForm(
        request.POST or None, initial={"contacted_on": clock.today(), "submission": uuid.uuid4()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_log(actor=request.user, relationship=relationship, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The contact was logged."))
            return redirect("clients:detail", relationship.client_id)
    return render_page(
        request, "clients/contact_new.html", context={"form": form, "relationship": relationship}
    )
