"""The self-evaluation sent twice (two clicks on "done"): saved once, and the second send lands
on the same success with no "someone else saved" (the form's one-time token). A form that
is really out of date is still refused as before."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.urls import reverse

from polku.audit.models import AuditEvent
from polku.clients.tests.test_duplicates import in_parallel
from polku.core.versioning import EditConflict
from polku.evaluation import services
from polku.evaluation.events import EvaluationEvent
from polku.evaluation.models import EvaluationSection
from polku.evaluation.selectors import section_of
from polku.evaluation.tests.builders import client_user_for, period_with_goals
from tests.people import build_people

SAVED = "Itsearviointisi on tallennettu."
CONFLICT = "Joku muu tallensi nämä tiedot"


@pytest.mark.django_db
def test_the_self_evaluation_sent_twice_is_saved_once_without_a_conflict(client, people) -> None:
    period, _goals = period_with_goals(people)
    evaluation = services.evaluation_start(
        actor=people.worker, relationship=period.relationship, kind="mid"
    )
    client.force_login(client_user_for(period))
    url = reverse("evaluation:my_evaluation", args=[evaluation.pk])
    assert 'name="submission"' in client.get(url).text
    data = {
        "version": "1",
        "health": "Selkä on parempi.",
        "complete": "on",
        "submission": str(uuid.uuid4()),
    }
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    assert first.status_code == 302
    assert second.redirect_chain == [(url, 302)]
    assert second.text.count(SAVED) == 1  # both sends' thanks, shown once
    assert CONFLICT not in second.text
    section = section_of(evaluation, "self")
    assert (section.version, section.complete, section.data) == (
        2,
        True,
        {"health": "Selkä on parempi."},
    )
    assert AuditEvent.objects.filter(what=EvaluationEvent.SECTION.value).count() == 1
    # Another form of the same version is out of date: refused, with what was typed kept.
    stale = client.post(url, {**data, "health": "Toisin", "submission": str(uuid.uuid4())})
    assert stale.status_code == 200
    assert CONFLICT in stale.text
    assert "Toisin" in stale.text
    assert section_of(evaluation, "self").data == {"health": "Selkä on parempi."}


@pytest.mark.django_db(transaction=True)
def test_the_same_self_evaluation_sent_at_once_is_saved_once() -> None:
    """Real threads: the second send waits for the first's row, finds its version gone and
    its own token saved, and succeeds without writing."""
    people = build_people()
    period, _goals = period_with_goals(people)
    evaluation = services.evaluation_start(
        actor=people.worker, relationship=period.relationship, kind="mid"
    )
    me = client_user_for(period)
    token = uuid.uuid4()

    def save(_index: int) -> Any:
        return services.self_section_save(
            actor=me,
            evaluation=evaluation,
            version=1,
            answers={"health": "Rinnakkain."},
            complete=True,
            submission=token,
        )

    results = in_parallel(2, save)
    assert all(isinstance(r, EvaluationSection) for r in results), results
    section = section_of(evaluation, "self")
    assert (section.version, section.submission) == (2, token)
    assert AuditEvent.objects.filter(what=EvaluationEvent.SECTION.value).count() == 1
    with pytest.raises(EditConflict):  # another send of the old version
        services.self_section_save(
            actor=me,
            evaluation=evaluation,
            version=1,
            answers={"health": "Toisin."},
            complete=True,
            submission=uuid.uuid4(),
        )
