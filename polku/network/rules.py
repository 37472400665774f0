"""The service network's rules, as pure functions the services raise (STYLE.md §8)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fi import ytunnus

from polku.core.errors import field_error
from polku.network.errors import NetworkError
from polku.network.models import HelpKind


def business_id(value: str) -> str:
    """A Finnish business ID (Y-tunnus) in its standard form (``1572860-0``), or "" for none;
    anything else is refused on its field."""
    value = value.strip()
    if not value:
        return ""
    try:
        return str(ytunnus.format(ytunnus.validate(value)))
    except StdnumError:
        raise field_error(
            "business_id",
            _("This is not a valid business ID (Y-tunnus). Check the digits, e.g. 1572860-0."),
            NetworkError.BUSINESS_ID_INVALID,
        ) from None


def dates(starts_on: dt.date, ends_on: dt.date | None) -> None:
    """An opportunity cannot end before it starts (the database's check constraint agrees)."""
    if ends_on is not None and ends_on < starts_on:
        raise field_error(
            "ends_on",
            _("The opportunity cannot end before it starts. Check the end date."),
            NetworkError.ENDS_BEFORE_START,
        )


def help_kinds(values: Iterable[str]) -> list[str]:
    """The kinds of help, known keys only, in the enum's order."""
    chosen = set(values)
    unknown = chosen - set(HelpKind.values)
    if unknown:
        raise field_error(
            "help_kinds",
            _("Choose the kinds of help from the list."),
            NetworkError.HELP_KIND_UNKNOWN,
        )
    return [kind for kind in HelpKind.values if kind in chosen]


def check(*checks: object) -> None:
    """Run the given zero-argument checks and raise every refusal together."""
    errors: dict[str, list[ValidationError]] = {}
    for item in checks:
        try:
            item()  # type: ignore[operator]
        except ValidationError as error:
            error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
