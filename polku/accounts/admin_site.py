"""The configuration site (Django admin), for administrators only and only for configuration."""

from __future__ import annotations

from enum import StrEnum
from functools import wraps
from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from polku.accounts.events import AccountEvent
from polku.accounts.roles import Capability, has_capability
from polku.audit import services as audit


class PolkuAdminSite(admin.AdminSite):
    site_header = _("Polku configuration")
    site_title = _("Polku configuration")
    index_title = _("Users, units and settings")
    site_url = "/"

    def has_permission(self, request: HttpRequest) -> bool:
        return has_capability(request.user, Capability.MANAGE_CONFIGURATION)

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        """A logged-in user without the capability gets 403, not the admin's own login page."""
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            response: HttpResponse = inner(request, *args, **kwargs)
            return response

        return guarded

    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """One login page for everyone: Polku's own, with its throttling."""
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.get_full_path(), reverse("accounts:login"))


class ConfigurationPermissions:
    """Administrators may view, add and change configuration; nobody deletes through the UI."""

    def _allowed(self, request: HttpRequest) -> bool:
        return has_capability(request.user, Capability.MANAGE_CONFIGURATION)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class PasswordState(StrEnum):
    """How a password appears in a change event: whether there is one, never the hash."""

    NONE = "(none)"
    SET = "(set)"
    CHANGED = "(changed)"


# Form fields that carry a password (or the choice to have one): never stored in the audit log.
SECRET_FIELDS = frozenset({"password", "password1", "password2", "usable_password"})


class ConfigurationAdmin(ConfigurationPermissions, admin.ModelAdmin):
    """A configuration model whose changes are audited as change events (old → new).

    The admin runs ``save_model`` and ``save_related`` in one transaction, so the event is
    committed with the change or not at all. Passwords are never stored, only that one was set.
    """

    # The change page's title: Django's "Change %s" reads "Muokkaa käyttäjä" in Finnish, which
    # needs the partitive ("Muokkaa käyttäjää"), so each model admin names its own.
    change_title: str | Promise | None = None

    def count_label(self, count: int) -> str:
        """The changelist's "N rows", with the plural forms of each language."""
        return ngettext("%(count)s row", "%(count)s rows", count) % {"count": count}

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if object_id is not None and self.change_title is not None:
            extra_context = {"title": self.change_title, **(extra_context or {})}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        model_fields = {field.name for field in obj._meta.concrete_fields}
        fields = [
            name for name in form.changed_data if name in model_fields and name not in SECRET_FIELDS
        ]
        before = {name: form.initial.get(name) for name in fields} if change else {}
        super().save_model(request, obj, form, change)
        changes: dict[str, tuple[Any, Any]] = {
            name: (before.get(name), form.cleaned_data.get(name)) for name in fields
        }
        if not change and form.cleaned_data.get("password1"):
            changes["password"] = (PasswordState.NONE, PasswordState.SET)
        audit.record_change(
            actor=request.user, record=obj, changes=changes, what=AccountEvent.CONFIGURATION
        )


def password_change(before_hash: str, before_usable: bool, user: Any) -> tuple[str, str] | None:
    """The change event's ``password`` entry for a password that was set, reset or removed."""
    if user.password == before_hash:
        return None
    old = PasswordState.SET if before_usable else PasswordState.NONE
    if not user.has_usable_password():
        return (old, PasswordState.NONE)
    return (old, PasswordState.CHANGED if before_usable else PasswordState.SET)
