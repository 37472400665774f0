from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from polku.clients import identity
from polku.clients.errors import ClientError


@given(
    born=st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2099, 12, 31)),
    individual=st.integers(min_value=2, max_value=999),
    data=st.data(),
)
def test_built_codes_validate_and_keep_their_century_sign(
    born: dt.date, individual: int, data: st.DataObject
) -> None:
    signs = [
        s for s, century in identity.CENTURY_SIGNS.items() if century == born.year // 100 * 100
    ]
    sign = data.draw(st.sampled_from(signs))
    code = identity.build_code(born, individual, sign=sign)
    assert identity.validate_identity_code(code) == code
    assert code[6] == sign  # never normalised to another sign
    assert identity.birth_date(code) == born
    assert identity.mask(code) == code[:7] + "****"


def test_new_century_signs_distinguish_persons() -> None:
    a = identity.build_code(dt.date(1994, 5, 1), 950, sign="-")
    b = identity.build_code(dt.date(1994, 5, 1), 950, sign="Y")
    assert identity.validate_identity_code(a) != identity.validate_identity_code(b)


def test_canonical_form_is_upper_case_with_ascii_hyphen() -> None:
    code = identity.build_code(dt.date(2003, 1, 30), 948, sign="A")
    assert identity.validate_identity_code(code.lower()) == code


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("010594Y90", ClientError.IDENTITY_LENGTH),
        ("010594Z9502", ClientError.IDENTITY_CENTURY),
        ("310294-9503", ClientError.IDENTITY_DATE),
    ],
)
def test_invalid_codes_say_what_is_wrong(value: str, code: ClientError) -> None:
    with pytest.raises(ValidationError) as error:
        identity.validate_identity_code(value)
    assert error.value.code == code


def test_wrong_check_character() -> None:
    good = identity.build_code(dt.date(1987, 3, 14), 901)
    wrong = good[:-1] + ("A" if good[-1] != "A" else "B")
    with pytest.raises(ValidationError) as error:
        identity.validate_identity_code(wrong)
    assert error.value.code == ClientError.IDENTITY_CHECKSUM


def test_temporary_numbers_are_refused_where_production_requires_real_codes() -> None:
    code = identity.build_code(dt.date(1987, 3, 14), 901)
    assert identity.is_temporary(code)
    with pytest.raises(ValidationError) as error:
        identity.validate_identity_code(code, allow_temporary=False)
    assert error.value.code == ClientError.IDENTITY_TEMPORARY


def test_error_messages_are_translated() -> None:
    from django.utils import translation

    with translation.override("sv"):
        with pytest.raises(ValidationError) as error:
            identity.validate_identity_code("010594Z9502")
        assert "århundradet" in error.value.messages[0]
