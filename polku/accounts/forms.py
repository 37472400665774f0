from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from polku.accounts.errors import AccountError
from polku.accounts.roles import Role, roles_of


class LoginForm(AuthenticationForm):
    """Password login; errors never say whether the username exists."""

    error_messages = {
        "invalid_login": _(
            "The username or password is wrong. Check them and try again. Note that the "
            "password is case-sensitive."
        ),
        "inactive": _("This account is not in use. Contact your administrator."),
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].label = _("Username")
        self.fields["password"].label = _("Password")
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})

    def confirm_login_allowed(self, user: Any) -> None:
        """In production a client (a user whose only role is the client role) has no password
        login: strong identification is their one way in (decision 0015)."""
        super().confirm_login_allowed(user)
        if not settings.POLKU_CLIENT_PASSWORD_LOGIN and roles_of(user) == frozenset({Role.CLIENT}):
            raise ValidationError(
                _(
                    "Clients log in with strong identification: online banking codes, a mobile "
                    "certificate or an ID card."
                ),
                code=AccountError.STRONG_IDENTIFICATION_ONLY,
            )


class OneTimeCodeForm(forms.Form):
    """The six-digit code of an authenticator app (the service checks it)."""

    code = forms.CharField(
        label=_("Code from the app"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )


class RecoveryCodeForm(forms.Form):
    """One of the ten recovery codes, in any case, with or without the dashes."""

    code = forms.CharField(
        label=_("Recovery code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class ProofCodeForm(forms.Form):
    """Before moving to a new phone: a code from the current app, or one recovery code."""

    code = forms.CharField(
        label=_("Code from the app or a recovery code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )
