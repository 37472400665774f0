"""Goals, proposals and evaluations through their services: what is written, what is refused
(with its code), who may write which section, and how the pathway moves."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from polku.audit.models import AuditEvent
from polku.clients.models import Stage
from polku.core import clock
from polku.core.errors import CommonError
from polku.core.versioning import EditConflict
from polku.evaluation import services
from polku.evaluation.errors import EvaluationError
from polku.evaluation.models import EvaluationStatus, Goal, ProposalStatus, SelfSource
from polku.evaluation.selectors import evaluation_t_score, goals_of, section_of
from polku.evaluation.tests.builders import (
    client_user_for,
    complete_sections,
    goal_fields,
    period_with_goals,
)
from polku.pathways.machine import missing_for
from polku.placements.tests.builders import at_s8

pytestmark = pytest.mark.django_db


def codes(error: ValidationError) -> set[str | None]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def test_a_goal_is_written_with_its_scale_and_audited(people) -> None:
    period, _goals = period_with_goals(people, goals=0)
    goal = services.goal_create(
        actor=people.worker, relationship=period.relationship, **goal_fields(weight=2)
    )
    assert goal.period == period
    assert goal.baseline == -1
    assert goal.scale[2] == (0, "Käyn kolmena päivänä viikossa ajoissa.")
    event = AuditEvent.objects.filter(record_type="evaluation.Goal", record_id=str(goal.pk)).get()
    assert event.what == "goal"
    assert event.changes["level_0"] == [None, "Käyn kolmena päivänä viikossa ajoissa."]


def test_a_goal_without_level_0_is_refused_and_nothing_is_written(people) -> None:
    period, _goals = period_with_goals(people, goals=0)
    with pytest.raises(ValidationError) as caught:
        services.goal_create(
            actor=people.worker, relationship=period.relationship, **goal_fields(level_0="  ")
        )
    assert codes(caught.value) == {EvaluationError.EXPECTED_LEVEL_MISSING}
    assert not Goal.objects.exists()


@pytest.mark.parametrize("baseline", [3, -3, "1.5"])
def test_a_baseline_outside_the_scale_is_refused(people, baseline) -> None:
    period, _goals = period_with_goals(people, goals=0)
    with pytest.raises(ValidationError) as caught:
        services.goal_create(
            actor=people.worker,
            relationship=period.relationship,
            **goal_fields(baseline=baseline),
        )
    assert codes(caught.value) == {EvaluationError.LEVEL_OUT_OF_RANGE}


def test_a_goal_needs_its_wording_and_life_area_and_a_positive_weight(people) -> None:
    period, _goals = period_with_goals(people, goals=0)
    relationship = period.relationship
    for bad, code in (
        ({"wording": ""}, CommonError.REQUIRED),
        ({"life_area": "nope"}, CommonError.REQUIRED),
        ({"weight": 0}, EvaluationError.WEIGHT),
    ):
        with pytest.raises(ValidationError) as caught:
            services.goal_create(
                actor=people.worker, relationship=relationship, **goal_fields(**bad)
            )
        assert codes(caught.value) == {code}


def test_only_the_caseworker_writes_goals(people) -> None:
    period, goals = period_with_goals(people, goals=1)
    for actor in (people.worker_other_unit, people.place_supervisor, people.decision_maker):
        with pytest.raises(PermissionDenied):
            services.goal_create(actor=actor, relationship=period.relationship, **goal_fields())
        with pytest.raises(PermissionDenied):
            services.goal_update(actor=actor, goal=goals[0], version=1, **goal_fields())


def test_a_goal_edit_checks_the_version(people) -> None:
    _period, goals = period_with_goals(people, goals=1)
    goal = goals[0]
    services.goal_update(actor=people.worker, goal=goal, version=1, **goal_fields(wording="Uusi"))
    stale = Goal.objects.get(pk=goal.pk)
    stale.version = 1
    with pytest.raises(EditConflict):
        services.goal_update(actor=people.worker, goal=stale, version=1, **goal_fields())
    assert Goal.objects.get(pk=goal.pk).wording == "Uusi"


def test_the_client_proposes_and_the_worker_applies_or_answers(people) -> None:
    period, goals = period_with_goals(people, goals=1)
    relationship = period.relationship
    me = client_user_for(period)
    change = services.proposal_create(
        actor=me, relationship=relationship, goal=goals[0], text="Kaksi päivää riittää."
    )
    new = services.proposal_create(
        actor=me, relationship=relationship, goal=None, text="Haluan oppia trukin ajon."
    )
    services.goal_update(
        actor=people.worker,
        goal=goals[0],
        version=goals[0].version,
        proposal=change,
        **goal_fields(level_0="Käyn kahtena päivänä."),
    )
    change.refresh_from_db()
    assert change.status == ProposalStatus.ACCEPTED
    assert change.handled_by == people.worker
    services.proposal_answer(actor=people.worker, proposal=new, answer="Puhutaan ensi kerralla.")
    new.refresh_from_db()
    assert (new.status, new.answer) == (ProposalStatus.ANSWERED, "Puhutaan ensi kerralla.")
    with pytest.raises(ValidationError) as caught:
        services.proposal_answer(actor=people.worker, proposal=new, answer="Toinen")
    assert codes(caught.value) == {EvaluationError.PROPOSAL_CLOSED}


def test_nobody_else_proposes_for_the_client(people) -> None:
    period, _goals = period_with_goals(people, goals=1)
    client_user_for(period)
    for actor in (people.client, people.worker, people.place_supervisor):
        with pytest.raises(PermissionDenied):
            services.proposal_create(
                actor=actor, relationship=period.relationship, goal=None, text="x"
            )


def test_starting_the_mid_period_evaluation_moves_s11_to_s12(people) -> None:
    period, _goals = period_with_goals(people)
    relationship = period.relationship
    assert relationship.stage == Stage.S11_PERIOD
    assert missing_for(relationship, Stage.S12_EVALUATION) == [
        "Väliarviointia ei ole vielä aloitettu."
    ]
    evaluation = services.evaluation_start(
        actor=people.worker, relationship=relationship, kind="mid"
    )
    relationship.refresh_from_db()
    assert relationship.stage == Stage.S12_EVALUATION
    assert evaluation.template.number == 1
    assert {s.part for s in evaluation.sections.all()} == {"goals", "place", "self"}
    with pytest.raises(ValidationError) as caught:
        services.evaluation_start(actor=people.worker, relationship=relationship, kind="mid")
    assert codes(caught.value) == {EvaluationError.ALREADY_STARTED}


def test_no_evaluation_without_a_started_period_or_goals(people) -> None:
    relationship = at_s8(people)
    with pytest.raises(ValidationError) as caught:
        services.evaluation_start(actor=people.worker, relationship=relationship, kind="mid")
    assert codes(caught.value) == {EvaluationError.NO_PERIOD}
    period, _goals = period_with_goals(people, goals=0)
    with pytest.raises(ValidationError) as caught:
        services.evaluation_start(actor=people.worker, relationship=period.relationship, kind="mid")
    assert codes(caught.value) == {EvaluationError.NO_GOALS}


def test_finishing_names_every_missing_section(people) -> None:
    period, goals = period_with_goals(people)
    evaluation = services.evaluation_start(
        actor=people.worker, relationship=period.relationship, kind="mid"
    )
    with pytest.raises(ValidationError) as caught:
        services.evaluation_finish(
            actor=people.worker,
            evaluation=evaluation,
            version=evaluation.version,
            met_on=clock.today(),
            participants="Asiakas, ohjaaja",
        )
    assert codes(caught.value) == {EvaluationError.SECTION_MISSING}
    assert [str(m) for m in caught.value.messages] == [
        "Tavoiteosio ei ole vielä valmis (työntekijä yhdessä asiakkaan kanssa).",
        "Työkyvyn ja työelämävalmiuksien osio ei ole vielä valmis (työtoimintapaikka).",
        "Asiakkaan itsearviointi ei ole vielä valmis.",
    ]
    section = section_of(evaluation, "goals")
    services.goals_section_save(
        actor=people.worker,
        evaluation=evaluation,
        version=section.version,
        ratings={goals[0].pk: {"level": 1}},
        complete=False,
    )
    with pytest.raises(ValidationError) as caught:
        services.goals_section_save(
            actor=people.worker,
            evaluation=evaluation,
            version=section.version + 1,
            ratings={goals[0].pk: {"level": 1}},
            complete=True,
        )
    assert codes(caught.value) == {EvaluationError.SECTION_INCOMPLETE}
    assert "Tavoite 2" in caught.value.messages[0]


@pytest.mark.parametrize("level", ["3", "-3", "+5", "x"])
def test_a_level_reached_outside_the_scale_is_refused(people, level) -> None:
    period, goals = period_with_goals(people, goals=1)
    evaluation = services.evaluation_start(
        actor=people.worker, relationship=period.relationship, kind="mid"
    )
    with pytest.raises(ValidationError) as caught:
        services.goals_section_save(
            actor=people.worker,
            evaluation=evaluation,
            version=1,
            ratings={goals[0].pk: {"level": level}},
            complete=False,
        )
    assert codes(caught.value) == {EvaluationError.LEVEL_OUT_OF_RANGE}
    assert section_of(evaluation, "goals").data == {}


def test_finished_at_the_joint_meeting_then_read_only(people) -> None:
    period, goals = period_with_goals(people)
    evaluation = services.evaluation_start(
        actor=people.worker, relationship=period.relationship, kind="mid"
    )
    complete_sections(people, evaluation, goals, [2, 2])
    with pytest.raises(ValidationError) as caught:
        services.evaluation_finish(
            actor=people.worker,
            evaluation=evaluation,
            version=evaluation.version,
            met_on=period.starts_on - dt.timedelta(days=1),
            participants="",
        )
    assert codes(caught.value) == {EvaluationError.BEFORE_PERIOD}
    with pytest.raises(ValidationError) as caught:
        services.evaluation_finish(
            actor=people.worker,
            evaluation=evaluation,
            version=evaluation.version,
            met_on=clock.today() + dt.timedelta(days=1),
            participants="",
        )
    assert codes(caught.value) == {CommonError.FUTURE}
    services.evaluation_finish(
        actor=people.worker,
        evaluation=evaluation,
        version=evaluation.version,
        met_on=clock.today(),
        participants="Asiakas, ohjaaja, vastuutyöntekijä",
    )
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.FINISHED
    assert evaluation_t_score(evaluation, goals_of(period.relationship)) == pytest.approx(
        50 + 40 / 2.6**0.5
    )
    section = section_of(evaluation, "self")
    with pytest.raises(ValidationError) as caught:
        services.self_section_save(
            actor=people.worker,
            evaluation=evaluation,
            version=section.version,
            answers={"housing": "muutos"},
            complete=True,
        )
    assert codes(caught.value) == {EvaluationError.FINISHED}
    # A mid-period evaluation does not complete S12.
    period.relationship.refresh_from_db()
    assert period.relationship.stage == Stage.S12_EVALUATION


def test_the_final_evaluation_finished_moves_s12_to_s13(people) -> None:
    period, goals = period_with_goals(people, goals=1)
    relationship = period.relationship
    evaluation = services.evaluation_start(
        actor=people.worker, relationship=relationship, kind="final"
    )
    relationship.refresh_from_db()
    assert missing_for(relationship, Stage.S13_CERTIFICATE) == [
        "Loppuarviointia ei ole vielä tehty."
    ]
    complete_sections(people, evaluation, goals, [0])
    services.evaluation_finish(
        actor=people.worker,
        evaluation=evaluation,
        version=evaluation.version,
        met_on=clock.today(),
        participants="Kaikki",
    )
    relationship.refresh_from_db()
    assert relationship.stage == Stage.S13_CERTIFICATE


def test_the_place_supervisor_writes_only_the_place_section(people) -> None:
    period, goals = period_with_goals(people)
    evaluation = services.evaluation_start(
        actor=people.worker, relationship=period.relationship, kind="mid"
    )
    with pytest.raises(PermissionDenied):
        services.goals_section_save(
            actor=people.place_supervisor,
            evaluation=evaluation,
            version=1,
            ratings={goals[0].pk: {"level": 0}},
            complete=False,
        )
    with pytest.raises(PermissionDenied):
        services.self_section_save(
            actor=people.place_supervisor,
            evaluation=evaluation,
            version=1,
            answers={"housing": "x"},
            complete=False,
        )
    with pytest.raises(PermissionDenied):
        services.evaluation_finish(
            actor=people.place_supervisor,
            evaluation=evaluation,
            version=1,
            met_on=clock.today(),
            participants="",
        )
    # And the worker does not rate for the place.
    with pytest.raises(PermissionDenied):
        services.place_section_save(
            actor=people.worker, evaluation=evaluation, version=1, ratings={}, complete=False
        )


def test_the_place_rates_on_the_template_scale_only(people) -> None:
    period, _goals = period_with_goals(people)
    evaluation = services.evaluation_start(
        actor=people.worker, relationship=period.relationship, kind="mid"
    )
    with pytest.raises(ValidationError) as caught:
        services.place_section_save(
            actor=people.place_supervisor,
            evaluation=evaluation,
            version=1,
            ratings={"punctuality": {"value": 9, "comment": ""}},
            complete=False,
        )
    assert codes(caught.value) == {EvaluationError.NOT_AN_ITEM}
    with pytest.raises(ValidationError) as caught:
        services.place_section_save(
            actor=people.place_supervisor,
            evaluation=evaluation,
            version=1,
            ratings={"punctuality": {"value": 3, "comment": "Ajoissa"}},
            complete=True,
        )
    assert codes(caught.value) == {EvaluationError.SECTION_INCOMPLETE}
    # Each unrated item is named (in the viewer's language, Finnish by default), the rated not.
    missing = " ".join(caught.value.messages)
    assert "Ohjeiden noudattaminen" in missing
    assert "Täsmällisyys" not in missing


def test_the_place_writes_during_the_period_and_30_days_after(people) -> None:
    # A period that ended 30 days ago: still writable today, not tomorrow.
    start = clock.today() - dt.timedelta(days=150)
    period, _goals = period_with_goals(people, starts_on=start, months=4)
    evaluation = services.evaluation_start(
        actor=people.worker, relationship=period.relationship, kind="final"
    )
    last = period.ends_on + dt.timedelta(days=30)
    ratings = {"punctuality": {"value": 2, "comment": ""}}
    with clock.frozen(dt.datetime.combine(last, dt.time(12), tzinfo=dt.UTC)):
        section = services.place_section_save(
            actor=people.place_supervisor,
            evaluation=evaluation,
            version=1,
            ratings=ratings,
            complete=False,
        )
    assert section.data == {"punctuality": {"value": 2, "comment": ""}}
    with (
        clock.frozen(dt.datetime.combine(last + dt.timedelta(days=1), dt.time(12), tzinfo=dt.UTC)),
        pytest.raises(ValidationError) as caught,
    ):
        services.place_section_save(
            actor=people.place_supervisor,
            evaluation=evaluation,
            version=section.version,
            ratings=ratings,
            complete=False,
        )
    assert codes(caught.value) == {EvaluationError.OUTSIDE_WINDOW}


def test_the_self_evaluation_is_marked_by_who_wrote_it(people) -> None:
    period, _goals = period_with_goals(people)
    me = client_user_for(period)
    evaluation = services.evaluation_start(
        actor=people.worker, relationship=period.relationship, kind="mid"
    )
    section = services.self_section_save(
        actor=me, evaluation=evaluation, version=1, answers={"health": "Hyvä"}, complete=True
    )
    assert section.source == SelfSource.CLIENT
    section = services.self_section_save(
        actor=people.worker,
        evaluation=evaluation,
        version=section.version,
        answers={"health": "Hyvä", "hobbies": "Kalastus"},
        complete=True,
    )
    assert section.source == SelfSource.PAPER
    with pytest.raises(ValidationError) as caught:
        services.self_section_save(
            actor=me, evaluation=evaluation, version=section.version, answers={}, complete=True
        )
    assert codes(caught.value) == {EvaluationError.SECTION_INCOMPLETE}


def test_the_certificate_draft_takes_only_the_places_comments(people) -> None:
    from polku.closure.hooks import evaluation_words
    from polku.evaluation.selectors import certificate_words

    period, goals = period_with_goals(people)
    assert certificate_words(period) == {}
    evaluation = services.evaluation_start(
        actor=people.worker, relationship=period.relationship, kind="mid"
    )
    complete_sections(people, evaluation, goals, [0, 1])
    assert certificate_words(period) == {}  # not finished yet
    evaluation.refresh_from_db()
    services.evaluation_finish(
        actor=people.worker,
        evaluation=evaluation,
        version=evaluation.version,
        met_on=clock.today(),
        participants="Asiakas, ohjaaja",
    )
    words = evaluation_words(period)
    assert set(words) == {"skills_shown"}
    assert "Hyvin sujuu" in words["skills_shown"]
    assert "Asun yksin" not in words["skills_shown"]  # never the self-evaluation
    assert "Tuki" not in words["skills_shown"]  # never the goals section
