"""Clients (asiakas). The client relationship and the pathway build on this (SPEC §2)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from polku.accounts.models import User
from polku.clients import identity
from polku.core.models import Versioned


class ClientQuerySet(models.QuerySet["Client"]):
    def visible_to(self, user: User | AnonymousUser) -> ClientQuerySet:
        """Clients the user has a verified relationship with (SPEC §1, 703/2023 §9).

        The foundation knows one basis: the client themself. The pathway adds the responsible
        worker, the assigned decision maker, team cover and an active placement to this one
        ``Q``, so every list and every detail page follows the same rule.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(Q(user=user))


class Client(Versioned):
    """A person who is or has been a client of rehabilitative work activity."""

    first_name = models.CharField(_("first names"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    identity_code = models.CharField(
        _("personal identity code"), max_length=11, unique=True, null=True, blank=True
    )
    temporary_id = models.CharField(_("temporary identifier"), max_length=40, blank=True)
    birth_date = models.DateField(_("date of birth"))
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=[("fi", "suomi"), ("sv", "svenska"), ("en", "English")],
        default="fi",
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    non_disclosure = models.BooleanField(_("non-disclosure marking"), default=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("OmaPolku user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="client_record",
    )

    objects = ClientQuerySet.as_manager()

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        ordering = ["last_name", "first_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(identity_code__isnull=False) | ~Q(temporary_id=""),
                name="client_has_identity_code_or_temporary_id",
            )
        ]

    def __str__(self) -> str:
        return f"{self.last_name} {self.first_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def masked_identity_code(self) -> str:
        return identity.mask(self.identity_code or "")
