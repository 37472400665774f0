"""Fixtures shared by every app's tests and the cross-cutting tests in tests/."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.people import People, build_people


@pytest.fixture(autouse=True)
def _finnish_by_default(settings):  # type: ignore[no-untyped-def]
    settings.LANGUAGE_CODE = "fi"
    with translation.override("fi"):
        yield


@pytest.fixture
def people(db: None) -> People:
    """A deployment with a user for every role (see tests/people.py)."""
    return build_people()
