"""The client's decisions after the user test of OmaPolku (issue 19): a decision shows the
dates it decided, not the period's current ones, with the actual end in one sentence when the
period ended early; a passed deadline for a request for correction is said to have passed."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.test import Client as DjangoClient
from django.urls import reverse
from pypdf import PdfReader

from polku.accounts.models import User
from polku.accounts.roles import Role
from polku.attendance.tests.builders import running_period
from polku.closure import services as closure_services
from polku.closure.tests.builders import planned
from polku.core import clock
from polku.placements.models import Decision, Period
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


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def _day(day: dt.date) -> str:
    return f"{day:%-d.%-m.%Y}"


def _end_early(people: People, period: Period) -> dt.date:
    """The worker ends the period today, months before its decided end."""
    planned(people, period)
    period.refresh_from_db()
    closure_services.period_end(
        actor=people.worker, period=period, version=period.version, ended_on=clock.today()
    )
    return clock.today()


def test_a_made_decision_keeps_the_dates_it_decided(people: People, period: Period) -> None:
    decision = Decision.objects.get(period=period)
    assert (decision.period_starts_on, decision.period_ends_on) == (
        period.starts_on,
        period.ends_on,
    )
    decided_end = period.ends_on
    _end_early(people, period)
    decision.refresh_from_db()
    assert decision.period_ends_on == decided_end
    assert decision.decided_ends_on == decided_end
    assert decision.period_end_changed == clock.today()


def test_the_client_reads_the_decided_dates_and_the_actual_end(
    client: DjangoClient, people: People, period: Period, me: User
) -> None:
    decision = Decision.objects.get(period=period)
    decided = f"{_day(period.starts_on)}–{_day(period.ends_on)}"
    ended_on = _end_early(people, period)
    client.force_login(me)
    page = _text(client.get(reverse("portal:own_decision", args=[decision.pk])).text)
    assert f"Aika: {decided}." in page
    assert f"Työtoimintasi päättyi {_day(ended_on)}." in page
    documents = _text(client.get(reverse("portal:my_documents")).text)
    assert f"{people.place.name}, {decided}." in documents
    assert f"Työtoimintasi päättyi {_day(ended_on)}." in documents
    client.cookies["polku_language"] = "sv"
    page = _text(client.get(reverse("portal:own_decision", args=[decision.pk])).text)
    assert f"Din arbetsverksamhet upphörde den {_day(ended_on)}." in page


def test_the_decision_pdf_keeps_the_decided_dates(
    client: DjangoClient, people: People, period: Period, me: User
) -> None:
    decision = Decision.objects.get(period=period)
    start, end = _day(period.starts_on), _day(period.ends_on)
    _end_early(people, period)
    Decision.objects.filter(pk=decision.pk).update(document=None)  # rendered, not stored
    client.force_login(me)
    text = _pdf_text(client.get(reverse("portal:own_decision_pdf", args=[decision.pk])).content)
    assert f"{start} {end}" in text.replace("–", " ").replace("  ", " ")


def test_the_staff_decision_page_shows_the_decided_dates_and_the_change(
    client: DjangoClient, people: People, period: Period
) -> None:
    decision = Decision.objects.get(period=period)
    decided = f"{_day(period.starts_on)}–{_day(period.ends_on)}"
    ended_on = _end_early(people, period)
    client.force_login(people.worker)
    page = _text(client.get(reverse("placements:decision", args=[decision.pk])).text)
    assert decided in page
    assert f"Jakson päättymispäivä muuttui päätöksen jälkeen: {_day(ended_on)}." in page


def test_migration_0007_finds_the_decided_end_before_an_early_end(
    people: People, period: Period
) -> None:
    """Decisions made before 0007 get the period's dates, with the end before the first later
    change of it in the audit trail (the early end); nothing else is changed."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("polku.placements.migrations.0007_decision_period_dates")
    decision = Decision.objects.get(period=period)
    decided_end = period.ends_on
    _end_early(people, period)
    Decision.objects.filter(pk=decision.pk).update(
        period_starts_on=clock.today(), period_ends_on=clock.today()
    )
    migration.keep_the_decided_dates(apps, None)
    decision.refresh_from_db()
    assert (decision.period_starts_on, decision.period_ends_on) == (period.starts_on, decided_end)


def test_a_passed_deadline_is_said_to_have_passed(
    client: DjangoClient, people: People, period: Period, me: User
) -> None:
    """The decision was sent weeks ago: the 30 days have run out, and the pages say so instead
    of "you can ask to correct it by" a day in the past."""
    from polku.placements import services as placement_services
    from polku.placements.services.decisions import decision_deadline

    decision = Decision.objects.get(period=period)
    placement_services.decision_deliver(
        actor=people.worker, decision=decision, method="letter", sent_on=decision.decided_on
    )
    found = decision_deadline(decision)
    assert found is not None
    assert found.deadline < clock.today()
    day = _day(found.deadline)
    client.force_login(me)
    documents = _text(client.get(reverse("portal:my_documents")).text)
    assert (
        f"Aika pyytää päätökseen oikaisua päättyi {day}. Jos sinulla on kysyttävää, kysy omalta "
        "työntekijältäsi." in documents
    )
    assert "voit pyytää siihen oikaisua viimeistään" not in documents
    page = _text(client.get(reverse("portal:own_decision", args=[decision.pk])).text)
    assert f"Aika pyytää päätökseen oikaisua päättyi {day}." in page
    assert "Pyydä päätökseen oikaisua viimeistään" not in page
    assert "Kirjoita toimistoon, joka teki päätöksen." not in page
    client.cookies["polku_language"] = "sv"
    page = _text(client.get(reverse("portal:own_decision", args=[decision.pk])).text)
    assert f"Tiden att begära omprövning av beslutet gick ut den {day}." in page
    assert "Om du har frågor om beslutet, fråga din kontaktperson." in page
