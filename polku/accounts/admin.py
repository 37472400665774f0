from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.db import transaction
from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from polku.accounts.admin_site import ConfigurationAdmin, ConfigurationPermissions, password_change
from polku.accounts.events import AccountEvent
from polku.accounts.models import RecoveryCode, RoleAssignment, Unit, User
from polku.accounts.second_factor import (
    confirmed_device,
    recovery_codes_left,
    second_factor_reset,
)
from polku.accounts.throttling import login_lockout_lift
from polku.audit import services as audit


def held_roles(user: User) -> list[dict[str, Any]]:
    """The user's roles as stable keys (role value and unit id), sorted, for a change event."""
    rows = RoleAssignment.objects.filter(user=user).values_list("role", "unit_id")
    return [{"role": role, "unit_id": unit_id} for role, unit_id in sorted(rows)]


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


@admin.action(description=_("Lift the login lock-out"))
def lift_login_lockout(modeladmin: Any, request: HttpRequest, queryset: QuerySet[User]) -> None:
    """Clear the failed logins counted for each chosen username (django-axes), audited."""
    lifted = [
        user
        for user in queryset
        if login_lockout_lift(actor=request.user, user=user)  # type: ignore[arg-type]
    ]
    if lifted:
        modeladmin.message_user(
            request,
            ngettext(
                "The failed logins of %(count)d user were cleared: they may log in again.",
                "The failed logins of %(count)d users were cleared: they may log in again.",
                len(lifted),
            )
            % {"count": len(lifted)},
            messages.SUCCESS,
        )
    else:
        modeladmin.message_user(
            request, _("None of the chosen users had failed logins."), messages.INFO
        )


def with_second_factor(queryset: QuerySet[User]) -> QuerySet[User]:
    """Whether each user has a confirmed device, and their unused recovery codes, in SQL."""
    unused = (
        RecoveryCode.objects.filter(user=OuterRef("pk"), used_at__isnull=True)
        .order_by()
        .values("user")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return queryset.annotate(
        second_factor_in_use=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
        unused_recovery_codes=Coalesce(Subquery(unused, output_field=IntegerField()), 0),
    )


class RoleAssignmentInline(ConfigurationPermissions, admin.TabularInline):
    """Roles are added and removed on the user's page; removing a role is not deleting data."""

    model = RoleAssignment
    extra = 1
    autocomplete_fields = ["unit"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)


class PasswordChangeForm(AdminPasswordChangeForm):
    """Django's form, with its help text translated when shown.

    Django builds this help text at import time in whatever language is active then, and leaves
    the warning in English.
    """

    usable_password_help_text = format_lazy(  # type: ignore[assignment]
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        SetUnusablePasswordMixin.usable_password_help_text,
        _("If disabled, the current password for this user will be lost."),
    )


@admin.register(Unit)
class UnitAdmin(ConfigurationAdmin):
    list_display = ["name", "name_sv", "kind", "producer_type", "parent", "municipality", "active"]
    list_filter = ["kind", "producer_type", "active"]
    search_fields = ["name", "name_sv", "city"]
    autocomplete_fields = ["parent", "municipality"]
    change_title = _("Edit unit")

    def count_label(self, count: int) -> str:
        return ngettext("%(count)s unit", "%(count)s units", count) % {"count": count}


@admin.register(User)
class UserAdmin(ConfigurationAdmin, DjangoUserAdmin):
    list_display = [
        "username",
        "last_name",
        "first_name",
        "title",
        "is_active",
        "second_factor",
        "recovery_codes",
    ]
    list_filter = ["is_active", "role_assignments__role"]
    search_fields = ["username", "last_name", "first_name"]
    inlines = [RoleAssignmentInline]
    actions = [reset_second_factor, lift_login_lockout]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("Person"),
            {
                "fields": (
                    "first_name",
                    "last_name",
                    "title",
                    "title_sv",
                    "title_en",
                    "email",
                    "language",
                )
            },
        ),
        (_("Status"), {"fields": ("is_active", "last_login", "date_joined")}),
        (_("Second factor"), {"fields": ("second_factor", "recovery_codes")}),
    )
    add_fieldsets = (
        (None, {"fields": ("username", "usable_password", "password1", "password2")}),
        (
            _("Person"),
            {
                "fields": (
                    "first_name",
                    "last_name",
                    "title",
                    "title_sv",
                    "title_en",
                    "email",
                    "language",
                )
            },
        ),
    )
    readonly_fields = ["last_login", "date_joined", "second_factor", "recovery_codes"]
    filter_horizontal = ()
    change_password_form = PasswordChangeForm
    change_title = _("Edit user")

    def count_label(self, count: int) -> str:
        return ngettext("%(count)s user", "%(count)s users", count) % {"count": count}

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        return with_second_factor(super().get_queryset(request))

    @admin.display(description=_("Second factor"), ordering="second_factor_in_use")
    def second_factor(self, user: User) -> str:
        # Annotated by get_queryset; the query is a fallback (the list's query-count test
        # fails if the annotation goes).
        in_use = getattr(user, "second_factor_in_use", None)
        if in_use is None:
            in_use = confirmed_device(user) is not None
        return str(_("In use") if in_use else _("Not set up"))

    @admin.display(description=_("Unused recovery codes"), ordering="unused_recovery_codes")
    def recovery_codes(self, user: User) -> int:
        left = getattr(user, "unused_recovery_codes", None)
        return int(left if left is not None else recovery_codes_left(user))

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Roles granted and removed on the user's page: one change event, roles old → new."""
        user = form.instance
        before = held_roles(user)
        super().save_related(request, form, formsets, change)
        after = held_roles(user)
        if before != after:
            audit.record_change(
                actor=request.user,
                record=user,
                changes={"roles": (before, after)},
                what=AccountEvent.ROLES,
            )

    @transaction.atomic
    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        """Setting, resetting or removing a password writes a change event without the hash."""
        user = self.get_object(request, unquote(id))
        before = (user.password, user.has_usable_password()) if user is not None else None
        response: HttpResponse = super().user_change_password(request, id, form_url)
        if before is not None and user is not None and request.method == "POST":
            user.refresh_from_db(fields=["password"])
            change = password_change(before[0], before[1], user)
            if change is not None:
                audit.record_change(
                    actor=request.user,
                    record=user,
                    changes={"password": change},
                    what=AccountEvent.PASSWORD,
                )
        return response
