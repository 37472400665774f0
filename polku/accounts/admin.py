from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from polku.accounts.admin_site import ConfigurationAdmin, ConfigurationPermissions
from polku.accounts.models import RoleAssignment, Unit, User
from polku.accounts.second_factor import second_factor_reset

# The device keys are secrets: django-otp's own device admin (with its QR view) is not offered.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.action(description=_("Reset the second factor (the user sets it up again)"))
def reset_second_factor(modeladmin: Any, request: HttpRequest, queryset: QuerySet[User]) -> None:
    """An administrator's reset of a lost phone: audited per user, no secret in the event."""
    users = list(queryset)
    for user in users:
        second_factor_reset(actor=request.user, user=user)  # type: ignore[arg-type]
    modeladmin.message_user(
        request,
        ngettext(
            "The second factor of %(count)d user was reset.",
            "The second factor of %(count)d users were reset.",
            len(users),
        )
        % {"count": len(users)},
        messages.SUCCESS,
    )


class RoleAssignmentInline(ConfigurationPermissions, admin.TabularInline):
    """Roles are added and removed on the user's page; removing a role is not deleting data."""

    model = RoleAssignment
    extra = 1
    autocomplete_fields = ["unit"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)


@admin.register(Unit)
class UnitAdmin(ConfigurationAdmin):
    list_display = ["name", "kind", "producer_type", "parent", "municipality", "active"]
    list_filter = ["kind", "producer_type", "active"]
    search_fields = ["name", "city"]
    autocomplete_fields = ["parent", "municipality"]


@admin.register(User)
class UserAdmin(ConfigurationAdmin, DjangoUserAdmin):
    list_display = ["username", "last_name", "first_name", "title", "is_active"]
    list_filter = ["is_active", "role_assignments__role"]
    search_fields = ["username", "last_name", "first_name"]
    inlines = [RoleAssignmentInline]
    actions = [reset_second_factor]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("first_name", "last_name", "title", "email", "language")}),
        (_("Status"), {"fields": ("is_active", "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"fields": ("username", "usable_password", "password1", "password2")}),
        (_("Person"), {"fields": ("first_name", "last_name", "title", "email", "language")}),
    )
    readonly_fields = ["last_login", "date_joined"]
    filter_horizontal = ()
