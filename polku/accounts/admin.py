from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from polku.accounts.admin_site import ConfigurationAdmin, ConfigurationPermissions
from polku.accounts.models import RoleAssignment, Unit, User


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
