"""What a user testing goals and evaluations found (issue 17's acceptance run): the order of the
evaluations, the list of complete sections, the chart's rounded labels and a goal's refusals all
named at once."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from polku.core.errors import CommonError
from polku.evaluation import chart, services
from polku.evaluation.errors import EvaluationError
from polku.evaluation.models import EvaluationStatus, Goal
from polku.evaluation.selectors import evaluations_of, goals_of, place_list, progress, section_of
from polku.evaluation.tests.builders import complete_sections, goal_fields, period_with_goals
from polku.evaluation.tests.test_pages import finish

pytestmark = pytest.mark.django_db


def test_a_goal_names_every_missing_or_wrong_field_at_once(people) -> None:
    period, _goals = period_with_goals(people, goals=0)
    with pytest.raises(ValidationError) as caught:
        services.goal_create(
            actor=people.worker,
            relationship=period.relationship,
            **goal_fields(wording="", life_area="", level_0="", weight=-3),
        )
    codes = {field: [e.code for e in errors] for field, errors in caught.value.error_dict.items()}
    assert codes == {
        "wording": [CommonError.REQUIRED],
        "life_area": [CommonError.REQUIRED],
        "level_0": [EvaluationError.EXPECTED_LEVEL_MISSING],
        "weight": [EvaluationError.WEIGHT],
    }
    assert not Goal.objects.exists()


def _final_started_after_a_finished_mid(people):
    period, goals = period_with_goals(people, goals=2)
    mid = services.evaluation_start(
        actor=people.worker, relationship=period.relationship, kind="mid"
    )
    complete_sections(people, mid, goals, [0, -1])
    finish(people, mid)
    final = services.evaluation_start(
        actor=people.worker, relationship=period.relationship, kind="final"
    )
    section = section_of(final, "goals")
    services.goals_section_save(
        actor=people.worker,
        evaluation=final,
        version=section.version,
        ratings={goals[0].pk: {"level": 1, "actions": "", "helped": "", "next": ""}},
        complete=False,
    )
    section = section_of(final, "place")
    services.place_section_save(
        actor=people.place_supervisor,
        evaluation=final,
        version=section.version,
        ratings={
            row["key"]: {"value": 3, "comment": "Hyvin sujuu"} for row in final.template.item_rows()
        },
        complete=True,
    )
    return period, mid, final


def test_the_mid_period_evaluation_comes_before_the_final_one(client, people) -> None:
    # "final" sorts before "mid" by its code: the chart ran baseline → final → mid.
    period, mid, final = _final_started_after_a_finished_mid(people)
    relationship = period.relationship
    assert [e.pk for e in evaluations_of(relationship)] == [mid.pk, final.pk]
    with translation.override("fi"):
        shown = progress(goals_of(relationship), evaluations_of(relationship))
    assert shown is not None
    assert [c.split(" ")[0] for c in shown.columns] == [
        "Lähtötaso",
        "Väliarviointi",
        "Loppuarviointi",
    ]
    client.force_login(people.worker)
    text = client.get(reverse("evaluation:overview", args=[relationship.pk])).text
    table = text.split('id="evaluations-title"', 1)[1]
    assert table.index(">Väliarviointi<") < table.index(">Loppuarviointi<")


def test_the_complete_sections_are_listed_without_a_dangling_comma(client, people) -> None:
    period, _mid, _final = _final_started_after_a_finished_mid(people)
    client.force_login(people.worker)
    text = client.get(reverse("evaluation:overview", args=[period.relationship_id])).text
    # The final evaluation: only the place's section is complete.
    assert "<td>Työkyky ja työelämävalmiudet</td>" in text
    assert "Työkyky ja työelämävalmiudet, </td>" not in text
    # The finished mid-period evaluation: all three, in the form's order.
    assert "<td>Tavoitteet, Työkyky ja työelämävalmiudet, Asiakkaan itsearviointi</td>" in text


def test_the_place_supervisor_sees_the_evaluations_in_progress_first(people) -> None:
    _period, mid, final = _final_started_after_a_finished_mid(people)
    mid.refresh_from_db()
    assert mid.status == EvaluationStatus.FINISHED
    rows = place_list(viewer=people.place_supervisor)
    assert [row["evaluation"].pk for row in rows] == [final.pk, mid.pk]


def test_the_chart_labels_round_as_the_table_does() -> None:
    # Two goals at the baseline −1: T = 50 − 20/√2.6 = 37.597…; the table says 37,6.
    with translation.override("fi"):
        svg = chart.render(
            chart_id="t-chart",
            title="T",
            columns=["Lähtötaso"],
            series=[chart.Series("T-luku", "", [37.597])],
            value_range=(10, 90),
            y_labels=[20, 50, 80],
        )
    assert ">37,6<" in svg
    assert "37,5" not in svg


def test_the_level_reached_reads_0_colon_its_description(client, people) -> None:
    # Found trying it: the level's include ended in a newline, so the page read "0 : Käyn …".
    period, goals = period_with_goals(people, goals=1)
    evaluation = services.evaluation_start(
        actor=people.worker, relationship=period.relationship, kind="mid"
    )
    complete_sections(people, evaluation, goals, [0])
    finish(people, evaluation)
    client.force_login(people.worker)
    text = client.get(reverse("evaluation:evaluation", args=[evaluation.pk])).text
    assert "0: Käyn kolmena päivänä viikossa ajoissa." in text
    assert "0\n: " not in text
