"""The accounts app's audit event types (polku.audit.events): configuration, roles and the
staff second factor. Keys are stored and never renamed."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from polku.audit.events import EventType


class AccountEvent(EventType):
    CONFIGURATION = "configuration", pgettext_lazy("audit event", "Configuration changed")
    ROLES = "roles", pgettext_lazy("audit event", "Roles changed")
    PASSWORD = "password", pgettext_lazy("audit event", "Password changed")
    SECOND_FACTOR_LOCKED = (
        "second factor locked",
        pgettext_lazy("audit event", "Second factor locked"),
    )
    SECOND_FACTOR_ENROLLED = (
        "second factor enrolled",
        pgettext_lazy("audit event", "Second factor taken into use"),
    )
    RECOVERY_CODE_USED = "recovery code used", pgettext_lazy("audit event", "Recovery code used")
    SECOND_FACTOR_RESET = "second factor reset", pgettext_lazy("audit event", "Second factor reset")
    RECOVERY_CODES_RENEWED = (
        "recovery codes renewed",
        pgettext_lazy("audit event", "Recovery codes renewed"),
    )
    SECOND_FACTOR_MOVED = (
        "second factor moved to a new phone",
        pgettext_lazy("audit event", "Second factor moved to a new phone"),
    )
    LOCKOUT_LIFTED = "login lock-out lifted", pgettext_lazy("audit event", "Login lock-out lifted")
    STRONG_IDENTIFICATION_LOGIN = (
        "strong identification login",
        pgettext_lazy("audit event", "Logged in through strong identification"),
    )
