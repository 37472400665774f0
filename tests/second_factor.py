"""Logging in with the staff second factor in tests (docs/subsystems/testing.md).

The suite keeps the second factor on. ``conftest.py`` patches ``django.test.Client.force_login``
with :func:`verified_force_login`: after the usual login it gives a staff user a confirmed TOTP
device and marks the session verified exactly as ``django_otp.login`` does
(``session[DEVICE_ID_SESSION_KEY] = device.persistent_id``). Tests of the second factor itself use
:func:`password_only_login`, the original ``force_login``. Browser tests type a real code
computed from the device key (:func:`current_code`).
"""

from __future__ import annotations

import time
from typing import Any

from django.test import Client
from django.test.client import ClientMixin
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from polku.accounts.models import User
from polku.accounts.roles import Role

# Django's own method (the patch is set on Client, so this stays the original).
PASSWORD_ONLY_FORCE_LOGIN = ClientMixin.force_login


def is_staff_user(user: User) -> bool:
    """Anyone who is not only a client (queried afresh: no role cache on the test's object)."""
    return set(user.role_assignments.values_list("role", flat=True)) != {Role.CLIENT.value}


def staff_device(user: User) -> TOTPDevice:
    """The user's confirmed TOTP device, made on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Polku", confirmed=True)
    return device


def current_code(device: TOTPDevice, *, forget_last: bool = False) -> str:
    """The code an authenticator app shows now for ``device``.

    ``forget_last`` clears the device's last used time step, so a test may log the same user in
    twice within 30 seconds (a real device refuses a code at or before the last step it took).
    """
    if forget_last:
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


def verified_force_login(self: Client, user: Any, backend: str | None = None) -> None:
    """``Client.force_login``, then the second factor passed with a real confirmed device."""
    PASSWORD_ONLY_FORCE_LOGIN(self, user, backend)
    if not is_staff_user(user):
        return
    session = self.session
    session[DEVICE_ID_SESSION_KEY] = staff_device(user).persistent_id
    session.save()


def password_only_login(client: Client, user: User) -> None:
    """Log in with the password step only: the second factor is still to do."""
    PASSWORD_ONLY_FORCE_LOGIN(client, user)
