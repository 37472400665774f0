"""A page whose search pushes its address (htmx, ``hx-push-url``) sends the language switch
again with its results, so that switching language returns to the search as it is now, not to
the address the page was first opened at."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from tests.people import People

pytestmark = pytest.mark.django_db

OOB = 'hx-swap-oob="true"'


@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("clients:caseload", "q=Virta"),
        ("network:map", "text=puusepp%C3%A4"),
        ("network:opportunities", "kind=training"),
        ("placements:catalogue", "text=puuty%C3%B6"),
    ],
)
def test_the_results_carry_the_switch_back_to_the_search(
    client: HttpClient, people: People, url: str, query: str
) -> None:
    client.force_login(people.worker)
    path = f"{reverse(url)}?{query}"
    page = client.get(path).text
    assert page.count('id="lang-switch"') == 1  # the whole page: the header's switch only
    assert OOB not in page
    results = client.get(path, HTTP_HX_REQUEST="true").text
    assert "<html" not in results
    assert results.count(OOB) == 1
    assert f'name="next" value="{path.replace("&", "&amp;")}"' in results
