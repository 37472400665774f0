"""The end-of-period survey: offered once the period has ended, answered once, stored apart
from the client; bad input refused in plain words with nothing lost."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from polku.accounts.roles import Role
from polku.audit.models import AuditEvent
from polku.core import clock
from polku.feedback import selectors, services
from polku.feedback.errors import FeedbackError
from polku.feedback.events import FeedbackEvent
from polku.feedback.models import Statement, SurveyAnswer, SurveyReceipt, SurveyResponse
from polku.feedback.tests.builders import all_answers, ended_for_client
from polku.placements.models import Period
from tests.factories import ClientFactory, role_user
from tests.people import build_relationship

pytestmark = pytest.mark.django_db


def post_answers(**extra: str) -> dict[str, str]:
    data = {"score_planning": "4", "comment_planning": "Hyvä suunnitelma", "score_tasks": "3"}
    data.update(extra)
    return data


def test_the_survey_is_offered_when_the_period_has_ended_and_answered_once(client, people):
    period = ended_for_client(people)
    client.force_login(people.client)
    home = client.get(reverse("feedback:home"))
    assert reverse("feedback:survey", args=[period.pk]) in home.text
    url = reverse("feedback:survey", args=[period.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Ei lainkaan" in page.text
    assert "Erittäin hyvin" in page.text
    response = client.post(url, post_answers())
    assert response.status_code == 302
    stored = SurveyResponse.objects.get()
    assert (stored.place_id, stored.producer_type, stored.month) == (
        people.place.pk,
        people.place.producer_type,
        period.ends_on.replace(day=1),
    )
    assert {(a.statement, a.score, a.comment) for a in stored.answers.all()} == {
        ("planning", 4, "Hyvä suunnitelma"),
        ("tasks", 3, ""),
    }
    assert SurveyReceipt.objects.get().period_id == period.pk
    # Answered: no longer offered. The same answers sent again (a double click: the first
    # send's thanks not shown yet) lead back to "Give feedback" with the thanks only, once;
    # the page followed again (the back button) says it is answered, not "not found"; sent
    # again later, it thanks again. Nothing more is stored.
    assert selectors.offered_periods(people.client_record) == []
    home = reverse("feedback:home")
    thanks = "Kiitos vastauksistasi! Kukaan ei näe, mitkä vastaukset ovat sinun."
    again = client.post(url, post_answers(), follow=True)
    assert again.redirect_chain == [(home, 302)]
    assert again.text.count(thanks) == 1
    assert "Olet jo vastannut" not in again.text
    again = client.get(url, follow=True)
    assert again.redirect_chain == [(home, 302)]
    assert "Olet jo vastannut tähän kyselyyn" in again.text
    assert thanks not in again.text
    again = client.post(url, post_answers(), follow=True)
    assert (again.text.count(thanks), again.text.count("Olet jo vastannut")) == (1, 0)
    assert SurveyResponse.objects.count() == 1
    # Another client: the same one 404, nothing said about the period's survey.
    other_user = role_user(Role.CLIENT, people.unit, username="toinen.asiakas")
    build_relationship(
        worker=people.worker, client=ClientFactory.create(user=other_user), unit=people.unit
    )
    client.force_login(other_user)
    assert client.get(url).status_code == 404
    assert client.post(url, post_answers()).status_code == 404
    assert SurveyResponse.objects.count() == 1


def test_two_sends_at_once_show_the_thanks_only(client, people, monkeypatch):
    """The second of two sends at once passes the page's check before the first is stored and
    is refused by the service (already answered): it too lands on the thanks, once."""
    period = ended_for_client(people)
    client.force_login(people.client)
    url = reverse("feedback:survey", args=[period.pk])
    assert client.post(url, post_answers()).status_code == 302
    monkeypatch.setattr(selectors, "offered_period", lambda person, period_id: period)
    again = client.post(url, post_answers(), follow=True)
    assert again.redirect_chain == [(reverse("feedback:home"), 302)]
    assert again.text.count("Kiitos vastauksistasi!") == 1
    assert "Olet jo vastannut" not in again.text
    assert SurveyResponse.objects.count() == 1


def test_a_double_click_thanks_on_the_page_the_browser_follows(client, people, monkeypatch):
    """A double click in the browser: the first send's redirect is followed by a page the
    browser then abandons for the second send's; that page shows (uses up) the first send's
    thanks while the second send is handled. The page followed, the second send's, thanks
    once all the same, never "already answered"."""
    period = ended_for_client(people)
    client.force_login(people.client)
    url = reverse("feedback:survey", args=[period.pk])
    home = reverse("feedback:home")
    thanks = "Kiitos vastauksistasi! Kukaan ei näe, mitkä vastaukset ovat sinun."
    assert client.post(url, post_answers()).status_code == 302
    abandoned = Client()
    abandoned.cookies = client.cookies
    answered = selectors.survey_answered

    def abandoned_page_meanwhile(person, period_id):
        assert abandoned.get(home).text.count(thanks) == 1  # shown to no one
        return answered(person, period_id)

    monkeypatch.setattr(selectors, "survey_answered", abandoned_page_meanwhile)
    followed = client.post(url, post_answers(), follow=True)
    assert followed.redirect_chain == [(home, 302)]
    assert followed.text.count(thanks) == 1
    assert "Olet jo vastannut" not in followed.text
    assert SurveyResponse.objects.count() == 1


def test_the_answers_cannot_be_linked_to_the_client(client, people):
    """The response has no client, no period and no time; its keys are random; the audit
    event names the client's receipt, never the response."""
    period = ended_for_client(people)
    services.survey_answer(
        actor=people.client,
        client=people.client_record,
        period=period,
        answers=all_answers(4, "Ohjaaja oli hyvä"),
    )
    names = {f.name for f in SurveyResponse._meta.get_fields()}
    assert names == {"id", "place", "producer_type", "month", "answers"}
    answer_names = {f.name for f in SurveyAnswer._meta.get_fields()}
    assert answer_names == {"id", "response", "statement", "score", "comment"}
    assert all(
        isinstance(a.pk, type(SurveyResponse.objects.get().pk)) for a in SurveyAnswer.objects.all()
    )
    assert not isinstance(SurveyResponse.objects.get().pk, int)
    event = AuditEvent.objects.get(what=FeedbackEvent.SURVEY_ANSWERED)
    assert (event.client_id, event.record_type) == (
        people.client_record.pk,
        "feedback.SurveyReceipt",
    )
    assert "Ohjaaja oli hyvä" not in str(event.changes)
    assert not AuditEvent.objects.filter(
        record_type__in=["feedback.SurveyResponse", "feedback.SurveyAnswer"]
    ).exists()


def test_a_double_submit_stores_one_response(client, people):
    period = ended_for_client(people)
    services.survey_answer(
        actor=people.client, client=people.client_record, period=period, answers=all_answers()
    )
    with pytest.raises(ValidationError) as refused:
        services.survey_answer(
            actor=people.client, client=people.client_record, period=period, answers=all_answers()
        )
    assert refused.value.code == FeedbackError.ALREADY_ANSWERED
    assert SurveyResponse.objects.count() == 1
    assert SurveyReceipt.objects.count() == 1


@pytest.mark.parametrize("value", ["5", "0", "-1", "x"])
def test_an_answer_outside_one_to_four_is_refused_on_the_page_and_nothing_is_lost(
    client, people, value
):
    period = ended_for_client(people)
    client.force_login(people.client)
    url = reverse("feedback:survey", args=[period.pk])
    response = client.post(url, post_answers(score_place=value, comment_place="Paikka oli kiva"))
    assert response.status_code == 200
    assert "Valitse yksi neljästä vastauksesta, 1–4." in response.text
    # The summary names the question by its number, once; its sentence is in the form.
    number = [s.value for s in Statement].index("place") + 1
    summary = response.text.split('class="error-summary"')[1].split("</div>")[0]
    assert summary.count("<li>") == 1
    assert f"Kysymys {number}: Valitse yksi neljästä vastauksesta, 1–4." in summary
    assert "Paikka oli kiva" in response.text  # what was written is kept
    assert re.search(r'name="score_planning" value="4"[^>]*checked', response.text)
    assert not SurveyResponse.objects.exists()
    assert not SurveyReceipt.objects.exists()


@pytest.mark.parametrize("score", [0, 5, 99])
def test_the_service_refuses_a_score_outside_the_scale(people, score):
    period = ended_for_client(people)
    with pytest.raises(ValidationError) as refused:
        services.survey_answer(
            actor=people.client,
            client=people.client_record,
            period=period,
            answers={"place": (score, "")},
        )
    assert refused.value.error_dict["score_place"][0].code == FeedbackError.OUT_OF_SCALE
    assert not SurveyResponse.objects.exists()
    assert not SurveyReceipt.objects.exists()


def test_an_empty_survey_is_refused(client, people):
    period = ended_for_client(people)
    client.force_login(people.client)
    response = client.post(reverse("feedback:survey", args=[period.pk]), {"comment_planning": " "})
    assert response.status_code == 200
    assert "Vastaa ainakin yhteen kysymykseen" in response.text
    with pytest.raises(ValidationError) as refused:
        services.survey_answer(
            actor=people.client,
            client=people.client_record,
            period=period,
            answers=all_answers(None, "  "),
        )
    assert refused.value.code == FeedbackError.NOTHING_ANSWERED
    assert not SurveyReceipt.objects.exists()


def test_the_survey_is_not_offered_before_the_end_nor_long_after_nor_to_another(client, people):
    period = ended_for_client(people)
    Period.objects.filter(pk=period.pk).update(ends_on=clock.today() + dt.timedelta(days=3))
    assert selectors.offered_periods(people.client_record) == []
    Period.objects.filter(pk=period.pk).update(ends_on=clock.today() - dt.timedelta(days=91))
    assert selectors.offered_periods(people.client_record) == []
    Period.objects.filter(pk=period.pk).update(ends_on=clock.today() - dt.timedelta(days=90))
    assert [p.pk for p in selectors.offered_periods(people.client_record)] == [period.pk]
    Period.objects.filter(pk=period.pk).update(status="cancelled")
    assert selectors.offered_periods(people.client_record) == []
    # Another client's login gets the one 404, and cannot answer through the service either.
    Period.objects.filter(pk=period.pk).update(status="ended")
    other = people.worker  # not the period's client
    with pytest.raises(Exception):  # noqa: B017, PT011
        services.survey_answer(
            actor=other, client=people.client_record, period=period, answers=all_answers()
        )
    assert not SurveyResponse.objects.exists()


def test_the_survey_reads_in_swedish(client, people):
    period = ended_for_client(people)
    client.force_login(people.client)
    client.cookies["polku_language"] = "sv"
    page = client.get(reverse("feedback:survey", args=[period.pk]))
    assert "Inte alls" in page.text
    assert "Mycket bra" in page.text
