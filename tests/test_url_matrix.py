"""Every named URL has an entry saying which roles may use it, and each entry holds."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.people import ROLE_NAMES
from tests.url_matrix import (
    ADMIN_EXPECT,
    ADMIN_NAMESPACE,
    ADMIN_SAMPLES,
    ALL_ROLES,
    ANON,
    MATRIX,
)


def named_urls() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
                walk(pattern.url_patterns, namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(prefix + pattern.name)

    walk(get_resolver().url_patterns, "")
    return names


def test_every_named_url_has_an_entry() -> None:
    missing = sorted(
        name for name in named_urls() if name not in MATRIX and not name.startswith(ADMIN_NAMESPACE)
    )
    assert missing == [], f"URLs without a URL-matrix entry: {missing}"


def test_matrix_has_no_stale_entries() -> None:
    stale = sorted(set(MATRIX) - named_urls())
    assert stale == []


def test_every_entry_names_every_role() -> None:
    for name, entry in MATRIX.items():
        assert set(entry.expect) == set(ALL_ROLES), name


CASES = [(name, role) for name in sorted(MATRIX) for role in ALL_ROLES]


@pytest.mark.parametrize(("name", "role"), CASES)
def test_url_matrix(client, people, name: str, role: str) -> None:
    entry = MATRIX[name]
    if role != ANON:
        client.force_login(getattr(people, role))
    url = reverse(name, args=entry.args(people))
    response = getattr(client, entry.method)(url, entry.data)
    assert response.status_code == entry.expect[role], (name, role)
    if response.status_code in (403, 404) and role != "client":
        # Refused pages leak nothing of the client (not even that the record exists); the
        # client role is left out since its own name is in the page header.
        text = response.content.decode()
        assert people.client_record.last_name not in text, (name, role)
        assert people.client_record.masked_identity_code not in text, (name, role)
    if role == ANON and entry.expect[role] == 302 and name != "core:set_language":
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("name", "role"), [(n, r) for n in sorted(ADMIN_SAMPLES) for r in ALL_ROLES]
)
def test_configuration_site_is_for_administrators_only(
    client, people, name: str, role: str
) -> None:
    if role != ANON:
        client.force_login(getattr(people, role))
    response = client.get(reverse(name, args=ADMIN_SAMPLES[name](people)))
    expected = ADMIN_EXPECT[role]
    assert response.status_code == expected, (name, role)


def test_roles_cover_the_people_fixture() -> None:
    assert set(ROLE_NAMES) <= set(ALL_ROLES)
