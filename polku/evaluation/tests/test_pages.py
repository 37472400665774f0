"""The pages of goals and evaluation: what each party sees and may not see, the chart and its
table, the refusals on the page, the work queue and the stepper."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from polku.accounts.roles import Role
from polku.clients.models import ClientRelationship, Stage
from polku.clients.selectors import stepper
from polku.core import clock
from polku.evaluation import services
from polku.evaluation.models import Evaluation
from polku.evaluation.tests.builders import (
    client_user_for,
    complete_sections,
    period_with_goals,
)
from polku.pathways import workqueue
from polku.placements.models import Period
from tests.factories import PlaceFactory, role_user

pytestmark = pytest.mark.django_db

SELF_WORDS = "Asun yksin, viihdyn."
PLACE_COMMENT = "Hyvin sujuu"


def started(people, kind: str = "mid", goals: int = 2) -> tuple[Period, Evaluation, list]:
    period, made = period_with_goals(people, goals=goals)
    evaluation = services.evaluation_start(
        actor=people.worker, relationship=period.relationship, kind=kind
    )
    return period, evaluation, made


def finish(people, evaluation: Evaluation) -> None:
    evaluation.refresh_from_db()
    services.evaluation_finish(
        actor=people.worker,
        evaluation=evaluation,
        version=evaluation.version,
        met_on=clock.today(),
        participants="Asiakas, ohjaaja",
    )


def test_the_overview_shows_goals_scale_chart_and_table(client, people) -> None:
    period, evaluation, goals = started(people)
    complete_sections(people, evaluation, goals, [1, -1])
    finish(people, evaluation)
    client.force_login(people.worker)
    text = client.get(reverse("evaluation:overview", args=[period.relationship_id])).text
    assert "Tavoite 1: tulen ajoissa." in text
    assert "Käyn kolmena päivänä viikossa ajoissa." in text  # level 0 of the scale
    assert text.count('role="img"') == 4  # two charts, each drawn wide and for a phone
    assert '<title id="goals-chart-phone-title">' in text
    assert 'aria-labelledby="goals-chart-title"' in text
    assert '<title id="goals-chart-title">' in text
    assert "<script" not in text.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "<style" not in text
    assert "stroke-dasharray" in text  # the lines differ without colour
    assert '<caption id="progress-caption">' in text
    # The table: baseline T-score (two goals at −1) and the finished evaluation's (+1, −1) = 50.
    assert "50,0" in text


def test_the_place_supervisor_sees_only_their_section(client, people) -> None:
    period, evaluation, goals = started(people)
    complete_sections(people, evaluation, goals, [1, 0])
    client.force_login(people.place_supervisor)
    listing = client.get(reverse("evaluation:place_list")).text
    assert period.relationship.client.last_name in listing
    text = client.get(reverse("evaluation:place_evaluation", args=[evaluation.pk])).text
    assert "Tavoite 1: tulen ajoissa." in text  # goals are theirs to see (SPEC §1)
    assert "Täsmällisyys ja ajoissa saapuminen" in text
    assert SELF_WORDS not in text  # never the client's self-evaluation
    assert "Jatketaan" not in text  # nor the goals section's discussion
    assert period.relationship.client.masked_identity_code not in text


def test_another_place_and_after_30_days_the_place_gets_404(client, people) -> None:
    period, evaluation, _goals = started(people)
    other = role_user(Role.PLACE_SUPERVISOR, PlaceFactory.create(parent=people.organiser))
    client.force_login(other)
    url = reverse("evaluation:place_evaluation", args=[evaluation.pk])
    assert client.get(url).status_code == 404
    assert (
        period.relationship.client.last_name
        not in client.get(reverse("evaluation:place_list")).text
    )
    client.force_login(people.place_supervisor)
    assert client.get(url).status_code == 200
    later = dt.datetime.combine(period.ends_on + dt.timedelta(days=31), dt.time(12), tzinfo=dt.UTC)
    with clock.frozen(later):
        response = client.get(url)
    assert response.status_code == 404
    assert period.relationship.client.last_name not in response.text


def test_the_place_sees_the_evaluation_until_30_days_after_the_period_while_open(
    client, people
) -> None:
    """ "Shortly after" the period is 30 days (rules.PLACE_WINDOW_DAYS): the evaluation page and
    the list on the 30th day after the end, neither on the 31st nor once the relationship has
    ended (ending it ends the place's access)."""
    start = clock.today() - dt.timedelta(days=150)
    period, _goals = period_with_goals(people, starts_on=start, months=4)
    evaluation = services.evaluation_start(
        actor=people.worker, relationship=period.relationship, kind="final"
    )
    client.force_login(people.place_supervisor)
    url = reverse("evaluation:place_evaluation", args=[evaluation.pk])
    name = period.relationship.client.last_name

    def at(day: dt.date) -> tuple[int, bool]:
        with clock.frozen(dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)):
            listed = name in client.get(reverse("evaluation:place_list")).text
            return client.get(url).status_code, listed

    last = period.ends_on + dt.timedelta(days=30)
    assert at(last) == (200, True)
    assert at(last + dt.timedelta(days=1)) == (404, False)
    # The end of the relationship is the closure app's (S14); only its date matters here.
    ClientRelationship.objects.filter(pk=period.relationship_id).update(ended_on=period.ends_on)
    assert at(period.ends_on) == (404, False)


def test_the_place_section_posted_from_the_page(client, people) -> None:
    _period, evaluation, _goals = started(people)
    client.force_login(people.place_supervisor)
    url = reverse("evaluation:place_evaluation", args=[evaluation.pk])
    response = client.post(
        url, {"version": "1", "value_punctuality": "5", "comment_punctuality": "x"}
    )
    assert response.status_code == 200  # refused on the form: 5 is not on the scale
    assert Evaluation.objects.get(pk=evaluation.pk).sections.get(part="place").data == {}
    response = client.post(
        url, {"version": "1", "value_punctuality": "4", "comment_punctuality": "Aina ajoissa"}
    )
    assert response.status_code == 302
    section = Evaluation.objects.get(pk=evaluation.pk).sections.get(part="place")
    assert section.data == {"punctuality": {"value": 4, "comment": "Aina ajoissa"}}


def test_the_client_sees_no_place_ratings_until_finished(client, people) -> None:
    period, evaluation, goals = started(people)
    me = client_user_for(period)
    complete_sections(people, evaluation, goals, [0, 0])
    client.force_login(me)
    url = reverse("evaluation:my_evaluation", args=[evaluation.pk])
    text = client.get(url).text
    assert PLACE_COMMENT not in text
    assert "Sujuu pääosin itsenäisesti" not in text
    assert SELF_WORDS in text  # their own words, in the form
    goals_page = client.get(reverse("evaluation:my_goals")).text
    assert "Tavoite 2: tulen ajoissa." in goals_page
    assert PLACE_COMMENT not in goals_page
    finish(people, evaluation)
    text = client.get(url).text
    assert PLACE_COMMENT in text
    assert "3 – Sujuu pääosin itsenäisesti" in text
    assert SELF_WORDS in text


def test_the_client_writes_the_self_evaluation_and_proposes(client, people) -> None:
    period, evaluation, goals = started(people)
    me = client_user_for(period)
    client.force_login(me)
    url = reverse("evaluation:my_evaluation", args=[evaluation.pk])
    response = client.post(url, {"version": "1", "health": "Selkä on parempi.", "complete": "on"})
    assert response.status_code == 302
    section = evaluation.sections.get(part="self")
    assert section.data == {"health": "Selkä on parempi."}
    assert section.source == "client"
    response = client.post(
        reverse("evaluation:my_goals"), {"goal": str(goals[0].pk), "text": "Kaksi päivää."}
    )
    assert response.status_code == 302
    assert goals[0].proposals.get().text == "Kaksi päivää."
    # Another client's evaluation is not theirs: 404.
    other_period, other_evaluation, _g = started(people)
    response = client.get(reverse("evaluation:my_evaluation", args=[other_evaluation.pk]))
    assert response.status_code == 404
    assert other_period.relationship.client.last_name not in response.text


def test_a_colleague_of_another_unit_gets_404(client, people) -> None:
    period, evaluation, _goals = started(people)
    client.force_login(people.worker_other_unit)
    for url in (
        reverse("evaluation:evaluation", args=[evaluation.pk]),
        reverse("evaluation:overview", args=[period.relationship_id]),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert period.relationship.client.last_name not in response.text


def test_finishing_on_the_page_names_the_missing_sections(client, people) -> None:
    _period, evaluation, _goals = started(people)
    client.force_login(people.worker)
    response = client.post(
        reverse("evaluation:evaluation", args=[evaluation.pk]),
        {"action": "finish", "version": "1", "met_on": clock.today().strftime("%d.%m.%Y")},
    )
    assert response.status_code == 200
    text = response.text
    assert "Työkyvyn ja työelämävalmiuksien osio ei ole vielä valmis" in text
    assert "Tavoiteosio ei ole vielä valmis" in text
    assert "Asiakkaan itsearviointi ei ole vielä valmis." in text
    assert Evaluation.objects.get(pk=evaluation.pk).status == "open"


def test_the_goals_section_from_the_page_refuses_a_level_outside_the_scale(client, people) -> None:
    _period, evaluation, goals = started(people, goals=1)
    client.force_login(people.worker)
    url = reverse("evaluation:evaluation", args=[evaluation.pk])
    response = client.post(url, {"action": "goals", "version": "1", f"level_{goals[0].pk}": "3"})
    assert response.status_code == 200
    assert evaluation.sections.get(part="goals").data == {}
    response = client.post(
        url,
        {
            "action": "goals",
            "version": "1",
            f"level_{goals[0].pk}": "1",
            f"helped_{goals[0].pk}": "Bussikortti",
            "complete": "on",
        },
    )
    assert response.status_code == 302
    section = evaluation.sections.get(part="goals")
    assert section.complete
    assert section.data[str(goals[0].pk)]["level"] == 1


def test_work_queue_items(people) -> None:
    period, evaluation, _goals = started(people)
    Period.objects.filter(pk=period.pk).update(evaluate_by=clock.today() + dt.timedelta(days=3))
    me = client_user_for(period)
    services.proposal_create(actor=me, relationship=period.relationship, goal=None, text="Uusi")
    items = workqueue.work_queue(viewer=people.worker)
    kinds = {(i.kind, i.client_id) for i in items}
    client_id = period.relationship.client_id
    assert ("evaluate_by", client_id) in kinds
    assert ("goal_proposal", client_id) in kinds
    assert ("evaluation_waiting", client_id) in kinds
    waiting = next(i for i in items if i.kind == "evaluation_waiting")
    assert waiting.url == reverse("evaluation:evaluation", args=[evaluation.pk])
    assert not workqueue.work_queue(viewer=people.worker_other_unit)


def test_the_final_evaluation_item_when_the_period_ends(people) -> None:
    period, _made = period_with_goals(people, goals=1)
    Period.objects.filter(pk=period.pk).update(ends_on=clock.today() + dt.timedelta(days=20))
    kinds = {(i.kind, i.client_id) for i in workqueue.work_queue(viewer=people.worker)}
    assert ("final_evaluation", period.relationship.client_id) in kinds


def test_the_stepper_marks_s12_done(people) -> None:
    period, evaluation, goals = started(people, kind="final", goals=1)
    complete_sections(people, evaluation, goals, [1])
    finish(people, evaluation)
    relationship = period.relationship
    relationship.refresh_from_db()
    assert relationship.stage == Stage.S13_CERTIFICATE
    states = {s.stage: s.state for s in stepper(relationship)}
    assert states[Stage.S12_EVALUATION] == "done"
    assert states[Stage.S11_PERIOD] == "done"


def test_a_partial_t_score_says_how_many_goals_it_covers(client, people) -> None:
    """Two of three goals scored: the T-score is over those two, and the evaluation page, the
    overview and the progress table say it is partial (2 of 3), in Finnish and Swedish."""
    from polku.evaluation.selectors import goals_scored, section_of

    period, evaluation, goals = started(people, goals=3)
    section = section_of(evaluation, "goals")
    services.goals_section_save(
        actor=people.worker,
        evaluation=evaluation,
        version=section.version,
        ratings={g.pk: {"level": 1} for g in goals[:2]},
        complete=False,
    )
    scored = goals_scored(evaluation, goals)
    assert (scored.scored, scored.total, scored.partial) == (2, 3, True)
    client.force_login(people.worker)
    pages = (
        reverse("evaluation:evaluation", args=[evaluation.pk]),
        reverse("evaluation:overview", args=[period.relationship_id]),
    )
    for page in pages:
        assert "Osittainen: 2/3 tavoitteesta arvioitu" in client.get(page).text
    client.post(reverse("core:set_language"), {"language": "sv", "next": "/"})
    overview = client.get(pages[1]).text
    assert overview.count("Partiellt: 2 av 3 mål bedömda") == 2  # the table and the progress
    # Every goal scored: no warning.
    section.refresh_from_db()
    services.goals_section_save(
        actor=people.worker,
        evaluation=evaluation,
        version=section.version,
        ratings={g.pk: {"level": 1} for g in goals},
        complete=True,
    )
    assert not goals_scored(evaluation, goals).partial
    assert "Partiellt" not in client.get(pages[0]).text


def test_a_goal_written_after_the_meeting_does_not_make_a_finished_score_partial(
    client, people
) -> None:
    from polku.evaluation.selectors import goals_scored
    from polku.evaluation.tests.builders import goal_fields

    period, evaluation, goals = started(people)
    complete_sections(people, evaluation, goals, [1, 0])
    finish(people, evaluation)
    evaluation.refresh_from_db()
    with clock.frozen(clock.now() + dt.timedelta(days=1)):
        later = services.goal_create(
            actor=people.worker, relationship=period.relationship, **goal_fields()
        )
    assert goals_scored(evaluation, [*goals, later]) == goals_scored(evaluation, goals)
    assert not goals_scored(evaluation, [*goals, later]).partial


def test_the_client_is_told_when_the_score_covers_only_some_goals(client, people) -> None:
    """A goal written after the goals section was marked complete and before the meeting is
    not scored: the client's page says the score covers 2 of the 3 goals."""
    from polku.evaluation.tests.builders import goal_fields

    period, evaluation, goals = started(people)
    complete_sections(people, evaluation, goals, [1, 0])
    services.goal_create(actor=people.worker, relationship=period.relationship, **goal_fields())
    finish(people, evaluation)
    client.force_login(client_user_for(period))
    text = client.get(reverse("evaluation:my_evaluation", args=[evaluation.pk])).text
    assert "arvioitiin vain 2/3 tavoitteestasi" in text
