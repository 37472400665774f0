"""Retention (703/2023 annex): the dry run lists exactly what destroying removes; holds,
stale dry runs, the approver, and log events removed only past 12 years and only here."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from polku.audit.models import AppendOnlyError, AuditEvent, EventKind
from polku.clients.models import Client, ClientRelationship
from polku.core import clock
from polku.core.rules import add_months
from polku.records.models import RetentionRun, RetentionStatus
from polku.records.services import (
    log_request_record,
    retention_destroy,
    retention_dry_run,
)
from tests.people import People

pytestmark = pytest.mark.django_db


def end(relationship: ClientRelationship, on: dt.date) -> None:
    ClientRelationship.objects.filter(pk=relationship.pk).update(ended_on=on)


def ten_years_ago() -> dt.date:
    return add_months(clock.today(), -120)


def old_event(days_before_cutoff: int) -> AuditEvent:
    cutoff = add_months(clock.today(), -144)
    at = dt.datetime.combine(cutoff - dt.timedelta(days=days_before_cutoff), dt.time(12))
    return AuditEvent.objects.create(
        kind=EventKind.ACCESS,
        occurred_at=at.replace(tzinfo=dt.UTC),
        actor_name="vanha",
        client_id=None,
        what="client page",
    )


def rows() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def test_the_dry_run_lists_exactly_what_destroying_removes(people: People) -> None:
    end(people.relationship, ten_years_ago())
    gone_old = old_event(1)
    kept_young = old_event(-1)
    run = retention_dry_run(actor=people.administrator)
    assert run.relationships == 1
    assert run.audit_events == 1
    assert run.counts["clients.ClientRelationship"] == 1
    assert run.counts["clients.Client"] == 1
    assert run.counts["clients.Meeting"] >= 1
    before = rows()
    retention_destroy(actor=people.administrator, run=run, confirmed=True)
    after = rows()
    for label, count in run.counts.items():
        assert before[label] - after[label] == count, label
    changed = {label for label in before if before[label] != after[label]}
    # Only the counted kinds changed, besides the log's own rows and the run itself.
    assert changed - set(run.counts) <= {"audit.AuditEvent", "records.RetentionRun"}
    assert not Client.objects.filter(pk=people.client_record.pk).exists()
    assert ClientRelationship.objects.filter(pk=people.other_relationship.pk).exists()
    assert not AuditEvent.objects.filter(pk=gone_old.pk).exists()
    assert AuditEvent.objects.filter(pk=kept_young.pk).exists()
    run.refresh_from_db()
    assert run.status == RetentionStatus.DESTROYED
    assert run.approved_by == people.administrator
    event = AuditEvent.objects.filter(what="retention destroyed").get()
    assert event.changes["relationships"] == [1, 0]


def test_ten_years_to_the_day(people: People) -> None:
    end(people.relationship, ten_years_ago() + dt.timedelta(days=1))
    assert retention_dry_run(actor=people.administrator).relationships == 0
    end(people.relationship, ten_years_ago())
    assert retention_dry_run(actor=people.administrator).relationships == 1


def test_a_client_with_another_relationship_keeps_their_record(people: People) -> None:
    second = ClientRelationship.objects.get(pk=people.other_relationship.pk)
    ClientRelationship.objects.filter(pk=second.pk).update(client=people.client_record)
    end(people.relationship, ten_years_ago())
    run = retention_dry_run(actor=people.administrator)
    assert run.relationships == 1
    assert "clients.Client" not in run.counts
    retention_destroy(actor=people.administrator, run=run, confirmed=True)
    assert Client.objects.filter(pk=people.client_record.pk).exists()
    assert ClientRelationship.objects.filter(pk=second.pk).exists()


def test_an_unanswered_log_request_holds_the_records(people: People) -> None:
    log_request_record(
        actor=people.worker,
        relationship=people.relationship,
        received_on=clock.today(),
        channel="letter",
        language="fi",
    )
    end(people.relationship, ten_years_ago())
    run = retention_dry_run(actor=people.administrator)
    assert run.relationships == 0
    assert run.held == {"log_request": 1}


def test_a_stale_dry_run_destroys_nothing(people: People) -> None:
    end(people.relationship, ten_years_ago())
    run = retention_dry_run(actor=people.administrator)
    ClientRelationship.objects.filter(pk=people.relationship.pk).update(ended_on=None)
    with pytest.raises(ValidationError) as error:
        retention_destroy(actor=people.administrator, run=run, confirmed=True)
    assert error.value.code == "retention_stale"
    assert Client.objects.filter(pk=people.client_record.pk).exists()
    # Refused every time until a new dry run replaces it.
    with pytest.raises(ValidationError):
        retention_destroy(actor=people.administrator, run=run, confirmed=True)
    retention_dry_run(actor=people.administrator)
    run.refresh_from_db()
    assert run.status == RetentionStatus.STALE


def test_refusals(people: People) -> None:
    end(people.relationship, ten_years_ago())
    run = retention_dry_run(actor=people.administrator)
    with pytest.raises(PermissionDenied):
        retention_destroy(actor=people.worker, run=run, confirmed=True)
    with pytest.raises(ValidationError) as error:
        retention_destroy(actor=people.administrator, run=run, confirmed=False)
    assert error.value.error_dict["confirmed"][0].code == "not_confirmed"
    newer = retention_dry_run(actor=people.administrator)
    with pytest.raises(ValidationError) as error:
        retention_destroy(actor=people.administrator, run=run, confirmed=True)
    assert error.value.code == "retention_done"
    retention_destroy(actor=people.administrator, run=newer, confirmed=True)
    with pytest.raises(ValidationError):
        retention_destroy(actor=people.administrator, run=newer, confirmed=True)
    assert RetentionRun.objects.filter(status=RetentionStatus.DESTROYED).count() == 1


def test_log_events_are_never_deleted_any_other_way() -> None:
    event = old_event(30)
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_the_pages(client, people: People) -> None:
    end(people.relationship, ten_years_ago())
    client.force_login(people.administrator)
    page = client.get(reverse("records:retention_runs"))
    assert page.status_code == 200
    started = client.post(reverse("records:retention_runs"))
    run = RetentionRun.objects.get()
    assert started["Location"] == reverse("records:retention_run", args=[run.pk])
    shown = client.get(started["Location"]).content.decode()
    assert "Asiakkuudet" in shown or "asiakkuudet" in shown
    assert people.client_record.last_name not in shown
    refused = client.post(started["Location"], {})
    assert "Hyväksy hävittäminen rastittamalla ruutu" in refused.content.decode()
    assert Client.objects.filter(pk=people.client_record.pk).exists()
    done = client.post(started["Location"], {"confirmed": "on"})
    assert done.status_code == 302
    assert not Client.objects.filter(pk=people.client_record.pk).exists()
    client.force_login(people.worker)
    assert client.get(reverse("records:retention_runs")).status_code == 403


def test_an_empty_dry_run_needs_no_approval_and_never_says_destroyed(
    client, people: People
) -> None:
    run = retention_dry_run(actor=people.administrator)
    assert run.status == RetentionStatus.EMPTY
    assert run.counts == {}
    with pytest.raises(ValidationError) as refused:
        retention_destroy(actor=people.administrator, run=run, confirmed=True)
    assert refused.value.code == "retention_empty"
    client.force_login(people.administrator)
    started = client.post(reverse("records:retention_runs"), follow=True).content.decode()
    assert "ei löytänyt mitään hävitettävää" in started
    assert "hävitettiin" not in started.lower()
    assert "Hävitä nämä" not in started  # no approval form
    newest = RetentionRun.objects.order_by("-pk").first()
    assert newest is not None
    posted = client.post(reverse("records:retention_run", args=[newest.pk]), {"confirmed": "on"})
    assert posted.status_code == 200
    assert "hävitettiin" not in posted.content.decode().lower()
    assert RetentionRun.objects.filter(status=RetentionStatus.DESTROYED).count() == 0


def test_the_missing_tick_is_said_once(client, people: People) -> None:
    end(people.relationship, ten_years_ago())
    run = retention_dry_run(actor=people.administrator)
    client.force_login(people.administrator)
    text = client.post(reverse("records:retention_run", args=[run.pk]), {}).content.decode()
    summary = text.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert "Hyväksy hävittäminen rastittamalla ruutu" in summary
    # The tick-box's own sentence is beside the box, not repeated in the summary.
    assert "Olen tarkistanut" not in summary
    assert 'href="#id_confirmed"' in summary


def test_a_dry_run_older_than_its_data_is_refused_on_the_page(client, people: People) -> None:
    end(people.relationship, ten_years_ago())
    run = retention_dry_run(actor=people.administrator)
    log_request_record(
        actor=people.worker,
        relationship=people.relationship,
        received_on=clock.today(),
        channel="letter",
        language="fi",
    )
    client.force_login(people.administrator)
    response = client.post(reverse("records:retention_run", args=[run.pk]), {"confirmed": "on"})
    assert response.status_code == 200
    assert "Mitään ei hävitetty" in response.content.decode()
    assert Client.objects.filter(pk=people.client_record.pk).exists()
    run.refresh_from_db()
    assert run.status == RetentionStatus.PROPOSED
