"""Personal identity codes (henkilötunnus), SPEC §3.

``DDMMYY`` + century sign + individual number + check character. Since 2023 the century signs are
``+`` (1800s), ``- Y X W V U`` (1900s) and ``A B C D E F`` (2000s); the sign distinguishes persons,
so it is never normalised to another sign. The canonical stored form is upper case with an ASCII
hyphen, which python-stdnum's ``compact`` gives without changing the sign.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from stdnum.fi import hetu

from polku.clients.errors import ClientError

CENTURY_SIGNS = {
    "+": 1800,
    "-": 1900,
    "Y": 1900,
    "X": 1900,
    "W": 1900,
    "V": 1900,
    "U": 1900,
    "A": 2000,
    "B": 2000,
    "C": 2000,
    "D": 2000,
    "E": 2000,
    "F": 2000,
}


def canonical(value: str) -> str:
    """Upper case, ASCII hyphen, no surrounding space; the century sign itself is kept."""
    return hetu.compact(value)


def validate_identity_code(value: str, *, allow_temporary: bool = True) -> str:
    """Return the canonical code, or raise a ValidationError that says what is wrong."""
    code = canonical(value)
    if len(code) != 11:
        raise ValidationError(
            _("An identity code has 11 characters, for example 131052-308T."),
            code=ClientError.IDENTITY_LENGTH,
        )
    if code[6] not in CENTURY_SIGNS:
        raise ValidationError(
            _("The 7th character must be a century sign: + - Y X W V U A B C D E F."),
            code=ClientError.IDENTITY_CENTURY,
        )
    try:
        hetu.validate(code, allow_temporary=allow_temporary)
    except InvalidLength as error:
        raise ValidationError(
            _("An identity code has 11 characters, for example 131052-308T."),
            code=ClientError.IDENTITY_LENGTH,
        ) from error
    except InvalidChecksum as error:
        raise ValidationError(
            _("The check character does not match the rest of the identity code."),
            code=ClientError.IDENTITY_CHECKSUM,
        ) from error
    except InvalidComponent as error:
        if not allow_temporary and 900 <= _individual(code) <= 999:
            raise ValidationError(
                _("Individual numbers 900–999 are temporary or test codes."),
                code=ClientError.IDENTITY_TEMPORARY,
            ) from error
        raise ValidationError(
            _("The date of birth in the identity code does not exist."),
            code=ClientError.IDENTITY_DATE,
        ) from error
    except InvalidFormat as error:
        raise ValidationError(
            _("The identity code has characters in the wrong places."),
            code=ClientError.IDENTITY_FORMAT,
        ) from error
    return code


def _individual(code: str) -> int:
    try:
        return int(code[7:10])
    except ValueError:
        return -1


def birth_date(code: str) -> dt.date:
    """The date of birth encoded in a valid code."""
    century = CENTURY_SIGNS[code[6]]
    return dt.date(century + int(code[4:6]), int(code[2:4]), int(code[0:2]))


def is_temporary(code: str) -> bool:
    """Individual numbers 900–999 are temporary and test codes; production flags them."""
    return 900 <= _individual(code) <= 999


def mask(code: str) -> str:
    """``010594Y****``: the date and the century sign, never the individual part."""
    if not code:
        return ""
    return code[:7] + "****"


CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def build_code(born: dt.date, individual: int, *, sign: str | None = None) -> str:
    """A code for ``born`` and ``individual`` (900–999 for artificial demo and test codes)."""
    if sign is None:
        sign = {1800: "+", 1900: "-", 2000: "A"}[born.year // 100 * 100]
    digits = f"{born:%d%m}{born.year % 100:02d}{individual:03d}"
    return f"{digits[:6]}{sign}{digits[6:]}{CHECK_CHARACTERS[int(digits) % 31]}"
