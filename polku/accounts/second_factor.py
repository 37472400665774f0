"""The staff second factor (kaksivaiheinen tunnistautuminen, SPEC §8).

Every staff role logs in with a password and then a time-based code (TOTP, RFC 6238) from an
authenticator app, through django-otp's ``TOTPDevice``. A user enrols at the first login: a QR
code rendered here (segno, inline SVG, nothing leaves the server), one code to confirm, then ten
single-use recovery codes that are shown once and stored only as hashes (:class:`RecoveryCode`).
Wrong codes are throttled by the device (django-otp's exponential back-off); after
``POLKU_OTP_FAILURE_LIMIT`` wrong codes in a row the session ends. An administrator may reset a
user's second factor; the user then enrols again. A user may also make new recovery codes
themself (with a code from the app) and move to a new phone (with a code from the old app or a
recovery code).

Enrolment, a lock after repeated failures, every recovery-code use, new recovery codes, a new
phone and every reset write a change event on the user. No event holds a code or a key.

Clients (users whose only role is the client role) do not use TOTP: they will log in through
strong identification. ``POLKU_STAFF_OTP_REQUIRED=false`` switches the requirement off for a
local demo, and every page then says so.
"""

from __future__ import annotations

import math
import secrets
from base64 import b32encode
from typing import Any

import segno
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from polku.accounts.errors import AccountError
from polku.accounts.events import AccountEvent
from polku.accounts.models import RecoveryCode, User
from polku.accounts.roles import Role, roles_of
from polku.audit import services as audit
from polku.core import clock

RECOVERY_CODE_COUNT = 10
# No 0/O, 1/I/L: a code is read off paper. 12 characters of 31 are about 59 bits.
RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
RECOVERY_CODE_LENGTH = 12


class RecoveryCodeHasher(PBKDF2PasswordHasher):
    """Django's PBKDF2 hasher with fewer rounds, for random 59-bit codes (not passwords).

    A code is checked against each unused hash of the user, so ten full password-strength
    hashes would take seconds; the codes' own entropy carries the strength instead.
    """

    algorithm = "pbkdf2_sha256_recovery"
    iterations = 20_000


HASHER = RecoveryCodeHasher()


def second_factor_required(user: User | AnonymousUser) -> bool:
    """Whether this logged-in user must pass the second factor: every staff role does.

    Only a user whose one role is the client role is exempt; a user without roles yet counts
    as staff.
    """
    if not settings.POLKU_STAFF_OTP_REQUIRED or not user.is_authenticated:
        return False
    return roles_of(user) != frozenset({Role.CLIENT})


def uses_second_factor(user: User | AnonymousUser) -> bool:
    """Whether the user is staff, who manage a second factor (whether or not the demo requires
    it): everyone but a user whose one role is the client role."""
    return user.is_authenticated and roles_of(user) != frozenset({Role.CLIENT})


def is_verified(user: User | AnonymousUser) -> bool:
    """Whether the session passed the second factor (django-otp's ``OTPMiddleware``)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def enrolment_device(user: User) -> TOTPDevice:
    """The user's unconfirmed device, made on first use (a new key until it is confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Polku", confirmed=False)
    return device


def device_secret(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an app by hand."""
    raw = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def qr_svg(device: TOTPDevice, *, label: str) -> SafeString:
    """The enrolment QR code as inline SVG, made here: no image service sees the key."""
    code = segno.make(device.config_url, error="m", micro=False)
    svg = code.svg_inline(scale=5, border=2, title=label, svgclass="qr__image")
    return format_html('<div class="qr" role="img" aria-label="{}">{}</div>', label, mark_safe(svg))  # noqa: S308 - segno's own markup


def normalise_recovery_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _new_recovery_code() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, RECOVERY_CODE_LENGTH, 4))


def recovery_codes_issue(*, user: User) -> list[str]:
    """Replace the user's recovery codes with ten new ones; return them to show once."""
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.filter(user=user).delete()
    RecoveryCode.objects.bulk_create(
        RecoveryCode(
            user=user, code_hash=HASHER.encode(normalise_recovery_code(code), HASHER.salt())
        )
        for code in codes
    )
    return codes


def recovery_codes_left(user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def _throttled(data: dict[str, Any] | None) -> ValidationError:
    locked_until = (data or {}).get("locked_until")
    seconds = 1
    if locked_until is not None:
        seconds = max(1, math.ceil((locked_until - clock.now()).total_seconds()))
    return ValidationError(
        ngettext(
            "Too many wrong codes. Wait %(seconds)s second and try again.",
            "Too many wrong codes. Wait %(seconds)s seconds and try again.",
            seconds,
        )
        % {"seconds": seconds},
        code=AccountError.THROTTLED,
    )


def _failure(*, actor: User, device: TOTPDevice, recovery: bool = False) -> ValidationError:
    """A wrong code: the device counted it; at the limit the lock is audited."""
    failures = device.throttling_failure_count
    if failures >= settings.POLKU_OTP_FAILURE_LIMIT:
        audit.record_change(
            actor=actor,
            record=actor,
            changes={"second_factor_failures": (failures - 1, failures)},
            what=AccountEvent.SECOND_FACTOR_LOCKED,
        )
        return ValidationError(
            _("Too many wrong codes in a row. Log in again in a while."), code=AccountError.LOCKED
        )
    if recovery:
        return ValidationError(
            _(
                "The recovery code is wrong or has already been used. Each code works once: "
                "type one you have not used yet."
            ),
            code=AccountError.WRONG_CODE,
        )
    return ValidationError(
        _("The code is wrong or has expired. Type the code your app shows now."),
        code=AccountError.WRONG_CODE,
    )


def _check_token(*, actor: User, device: TOTPDevice, token: str) -> ValidationError | None:
    allowed, data = device.verify_is_allowed()
    if not allowed:
        return _throttled(data)
    if device.verify_token("".join(token.split())):
        return None
    return _failure(actor=actor, device=device)


def second_factor_enrol(*, actor: User, device: TOTPDevice, token: str) -> list[str]:
    """Confirm the new device with one code; issue and return the ten recovery codes.

    Raises ``ValidationError`` (``wrong_code``, ``throttled``, ``locked``, ``enrolled``) after
    the transaction, so a wrong code still counts.
    """
    error: ValidationError | None = None
    codes: list[str] = []
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().filter(pk=device.pk, user=actor).first()
        if locked is None or locked.confirmed or confirmed_device(actor) is not None:
            error = ValidationError(
                _("The second factor is already in use."), code=AccountError.ENROLLED
            )
        else:
            error = _check_token(actor=actor, device=locked, token=token)
        if error is None and locked is not None:
            locked.confirmed = True
            locked.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=actor, confirmed=False).delete()
            codes = recovery_codes_issue(user=actor)
            audit.record_change(
                actor=actor,
                record=actor,
                changes={
                    "second_factor": ("not enrolled", "enrolled"),
                    "recovery_codes": (0, len(codes)),
                },
                what=AccountEvent.SECOND_FACTOR_ENROLLED,
            )
    if error is not None:
        raise error
    device.refresh_from_db()
    return codes


def second_factor_verify(*, actor: User, token: str) -> TOTPDevice:
    """Check a code from the user's app; return the device that accepted it."""
    error: ValidationError | None = None
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=actor, confirmed=True).first()
        if device is None:
            error = ValidationError(
                _("The second factor is not in use yet."), code=AccountError.NOT_ENROLLED
            )
        else:
            error = _check_token(actor=actor, device=device, token=token)
    if error is not None:
        raise error
    assert device is not None  # noqa: S101 - for mypy: no error means a device
    return device


def recovery_code_use(*, actor: User, code: str) -> tuple[TOTPDevice, int]:
    """Use one recovery code instead of the app; return the device and the codes left.

    A used code never works again. Wrong codes count on the device's throttle like wrong app
    codes do.
    """
    error: ValidationError | None = None
    left = 0
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=actor, confirmed=True).first()
        if device is None:
            error = ValidationError(
                _("The second factor is not in use yet."), code=AccountError.NOT_ENROLLED
            )
        else:
            allowed, data = device.verify_is_allowed()
            if not allowed:
                error = _throttled(data)
            else:
                error = _use_code(actor=actor, device=device, code=code)
                left = recovery_codes_left(actor)
    if error is not None:
        raise error
    assert device is not None  # noqa: S101 - for mypy: no error means a device
    return device, left


def _use_code(*, actor: User, device: TOTPDevice, code: str) -> ValidationError | None:
    given = normalise_recovery_code(code)
    rows = RecoveryCode.objects.select_for_update().filter(user=actor, used_at__isnull=True)
    match = next((row for row in rows if given and HASHER.verify(given, row.code_hash)), None)
    if match is None:
        device.throttle_increment(commit=True)
        return _failure(actor=actor, device=device, recovery=True)
    before = recovery_codes_left(actor)
    match.used_at = clock.now()
    match.updated_at = match.used_at
    match.save(update_fields=["used_at", "updated_at"])
    device.throttle_reset(commit=True)
    audit.record_change(
        actor=actor,
        record=actor,
        changes={"recovery_codes": (before, before - 1)},
        what=AccountEvent.RECOVERY_CODE_USED,
    )
    return None


@transaction.atomic
def second_factor_reset(*, actor: User, user: User) -> None:
    """An administrator's reset: the devices and recovery codes go; the user enrols again.

    Sessions the user already verified lose their device and are sent to enrolment.
    """
    had = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    TOTPDevice.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user).delete()
    audit.record_change(
        actor=actor,
        record=user,
        changes={"second_factor": ("enrolled" if had else "not enrolled", "reset")},
        what=AccountEvent.SECOND_FACTOR_RESET,
    )


def recovery_codes_renew(*, actor: User, token: str) -> list[str]:
    """New recovery codes made by the user: a current code from the app first.

    Every old code stops working; the ten new ones are returned to show once. Raises
    ``ValidationError`` (``wrong_code``, ``throttled``, ``locked``, ``not_enrolled``) after the
    transaction, so a wrong code still counts.
    """
    error: ValidationError | None = None
    codes: list[str] = []
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=actor, confirmed=True).first()
        if device is None:
            error = ValidationError(
                _("The second factor is not in use yet."), code=AccountError.NOT_ENROLLED
            )
        else:
            error = _check_token(actor=actor, device=device, token=token)
        if error is None:
            before = recovery_codes_left(actor)
            codes = recovery_codes_issue(user=actor)
            audit.record_change(
                actor=actor,
                record=actor,
                changes={"recovery_codes": (before, len(codes))},
                what=AccountEvent.RECOVERY_CODES_RENEWED,
            )
    if error is not None:
        raise error
    return codes


def looks_like_recovery_code(code: str) -> bool:
    """A recovery code has twelve characters; a code from the app has six digits."""
    return len(normalise_recovery_code(code)) == RECOVERY_CODE_LENGTH


def replacement_device(user: User) -> TOTPDevice:
    """The new phone's device: unconfirmed until a code from it confirms it."""
    return enrolment_device(user)


def second_factor_replace(*, actor: User, device: TOTPDevice, token: str) -> TOTPDevice:
    """Move the second factor to a new phone: a code from the new app confirms ``device``.

    The caller has already checked a code from the old app or a recovery code. The old device
    goes (every session it verified must verify again); the recovery codes stay. Raises
    ``ValidationError`` (``wrong_code``, ``throttled``, ``locked``, ``not_enrolled``) after the
    transaction, so a wrong code still counts.
    """
    error: ValidationError | None = None
    with transaction.atomic():
        new = TOTPDevice.objects.select_for_update().filter(pk=device.pk, user=actor).first()
        old = confirmed_device(actor)
        if new is None or new.confirmed or old is None:
            error = ValidationError(
                _("The second factor is not in use yet."), code=AccountError.NOT_ENROLLED
            )
        else:
            error = _check_token(actor=actor, device=new, token=token)
        if error is None and new is not None and old is not None:
            TOTPDevice.objects.filter(user=actor).exclude(pk=new.pk).delete()
            new.confirmed = True
            new.save(update_fields=["confirmed"])
            audit.record_change(
                actor=actor,
                record=actor,
                changes={"second_factor_device": (old.pk, new.pk)},
                what=AccountEvent.SECOND_FACTOR_MOVED,
            )
    if error is not None:
        raise error
    assert new is not None  # noqa: S101 - for mypy: no error means a device
    return new
