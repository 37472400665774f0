"""Small wordings the user test of OmaPolku found: no brackets inside brackets in the weekend
refusal, no raw English name of a hidden field in an error summary, English weekdays with a
capital."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import Client as DjangoClient
from django.urls import reverse
from django.utils import translation

from polku.accounts.models import User
from polku.accounts.roles import Role
from polku.attendance.tests.builders import running_period
from polku.core import clock
from polku.core.rules import weekday_words
from polku.placements.models import Period
from polku.portal import services
from polku.portal.models import ReachableTime
from tests.people import People, role_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(people: People) -> Period:
    return running_period(people)


@pytest.fixture
def me(period: Period) -> User:
    person = period.relationship.client
    person.user = role_user(Role.CLIENT, period.relationship.unit, username="oma")
    person.save(update_fields=["user"])
    return person.user


def _next_saturday() -> dt.date:
    today = clock.today()
    return today + dt.timedelta(days=(5 - today.weekday()) % 7 or 7)


def test_the_weekend_refusal_has_no_brackets_inside_brackets(period: Period, me: User) -> None:
    saturday = _next_saturday()
    for language, words in (("fi", "(Paikka ei ole auki lauantaisin)"), ("sv", "lördagar")):
        with translation.override(language), pytest.raises(ValidationError) as refused:
            services.absence_report(
                actor=me,
                client=period.relationship.client,
                first_day=saturday,
                reason="own_illness",
            )
        message = refused.value.error_dict["first_day"][0].message
        assert words in message, message
        assert "((" not in message
        assert "))" not in message


class _Stale(forms.Form):
    name = forms.CharField(label="Nimi")
    submission = forms.UUIDField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)


def test_a_hidden_fields_error_is_one_plain_sentence() -> None:
    form = _Stale({"name": "", "submission": "not-a-uuid", "version": "x"})
    assert not form.is_valid()
    for language, sentence in (
        ("fi", "Lomake oli vanhentunut. Lähetä se uudelleen."),
        ("sv", "Formuläret var föråldrat. Skicka det igen."),
    ):
        with translation.override(language):
            html = render_to_string("core/_form_errors.html", {"form": form})
        assert html.count(sentence) == 1, html
        assert "Submission" not in html
        assert "Version" not in html
        assert "UUID" not in html
        assert 'href="#id_name"' in html  # the visible field's error is still linked


def test_the_complaint_with_a_tampered_token_says_so_plainly(
    client: DjangoClient, people: People
) -> None:
    client.force_login(people.client)
    client.cookies["polku_language"] = "sv"
    response = client.post(
        reverse("feedback:complaint_new"),
        {"what_happened": "Något hände.", "reply_by": "omapolku", "submission": "x"},
    )
    assert response.status_code == 200
    assert "Formuläret var föråldrat. Skicka det igen." in response.text
    assert "Submission" not in response.text
    assert "Något hände." in response.text


def test_english_weekdays_have_a_capital(
    client: DjangoClient, people: People, period: Period, me: User
) -> None:
    with translation.override("en"):
        assert weekday_words([1, 6]) == "Monday, Saturday"
    with translation.override("fi"):
        assert weekday_words([1, 6]) == "maanantai, lauantai"
    with translation.override("sv"):
        assert weekday_words([1, 6]) == "måndag, lördag"
    ReachableTime.objects.create(
        user=people.worker,
        phone="029 123 4511",
        weekdays="12",
        starts_at=dt.time(9),
        ends_at=dt.time(11),
    )
    client.force_login(me)
    client.cookies["polku_language"] = "en"
    page = client.get(reverse("portal:client_start")).text
    assert "You can call on these days: Monday, Tuesday, at" in page
    info = client.get(reverse("portal:info_package", args=[period.pk])).text
    assert "Your days: Monday, Tuesday, Wednesday." in info
