from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, models, transaction
from django.db.utils import DatabaseError

from polku.accounts.events import AccountEvent
from polku.audit import services as audit
from polku.audit.database import deletion_allowed
from polku.audit.models import AppendOnlyError, AuditEvent, EventKind
from polku.clients.events import ClientEvent, ClientRead
from polku.core import clock
from tests.people import People

pytestmark = pytest.mark.django_db


def test_access_event_names_user_client_what_basis_and_time(people: People) -> None:
    moment = dt.datetime(2026, 3, 2, 8, 30, tzinfo=dt.UTC)
    with clock.frozen(moment):
        event = audit.record_access(
            actor=people.worker,
            client=people.client_record,
            what="client page",
            basis="team_cover",
            purpose="covering during a holiday",
        )
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.kind == EventKind.ACCESS
    assert stored.actor_id == people.worker.pk
    assert stored.actor_name == people.worker.username
    assert stored.client_id == people.client_record.pk
    assert (stored.what, stored.basis, stored.purpose) == (
        "client page",
        "team_cover",
        "covering during a holiday",
    )
    assert stored.occurred_at == moment


def test_access_many_writes_one_event_per_distinct_client(
    people: People, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(1):
        events = audit.record_access_many(
            actor=people.worker, client_ids=[5, 6, 5, 7], what=ClientRead.CASELOAD
        )
    assert [e.client_id for e in events] == [5, 6, 7]


def test_change_event_keeps_field_names_with_old_and_new_values(people: People) -> None:
    unit = people.unit
    before = audit.snapshot(unit, ["name", "phone"])
    unit.name = "Aikuissosiaalityö, Uusi nimi"
    changes = audit.diff(before, unit, ["name", "phone"])
    event = audit.record_change(
        actor=people.administrator, record=unit, changes=changes, what=AccountEvent.CONFIGURATION
    )
    assert event is not None
    assert event.record_type == "accounts.Unit"
    assert event.record_id == str(unit.pk)
    assert event.changes == {"name": ["Aikuissosiaalityö, Testilä", "Aikuissosiaalityö, Uusi nimi"]}


def test_change_without_changes_writes_nothing(people: People) -> None:
    before = AuditEvent.objects.count()
    assert (
        audit.record_change(
            actor=people.administrator,
            record=people.unit,
            changes={},
            what=AccountEvent.CONFIGURATION,
        )
        is None
    )
    assert AuditEvent.objects.count() == before


def test_disclosure_event(people: People) -> None:
    event = audit.record_disclosure(
        actor=people.worker,
        client=people.client_record,
        what="activation plan PDF",
        recipient="employment_authority",
        purpose="joint activation plan",
        legal_basis="189/2001 §8",
        changes={"employment_authority": (None, people.employment_authority)},
    )
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.recipient == "employment_authority"  # a key, not a name or a label
    assert stored.changes == {"employment_authority": [None, people.employment_authority.pk]}


def test_application_code_cannot_update_or_delete_events(people: People) -> None:
    event = audit.record_access(
        actor=people.worker, client=people.client_record, what=ClientRead.CLIENT_PAGE
    )
    event.what = "something else"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(what="y")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).what == "client page"


def test_database_refuses_update_and_delete(people: People) -> None:
    """Raw SQL and the ORM's back doors are refused by triggers, on PostgreSQL and on SQLite."""
    event = audit.record_access(
        actor=people.worker, client=people.client_record, what=ClientRead.CLIENT_PAGE
    )
    attempts: list[Callable[[], object]] = [
        lambda: raw_sql("UPDATE audit_auditevent SET what = 'y' WHERE id = %s", event.pk),
        lambda: raw_sql("DELETE FROM audit_auditevent WHERE id = %s", event.pk),
        lambda: raw_sql("DELETE FROM audit_auditevent", None),
        lambda: AuditEvent._base_manager.filter(pk=event.pk).update(what="y"),
        lambda: AuditEvent._base_manager.filter(pk=event.pk)._raw_delete(connection.alias),
        lambda: models.QuerySet(AuditEvent).filter(pk=event.pk).delete(),
    ]
    for attempt in attempts:
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            attempt()
    assert AuditEvent.objects.get(pk=event.pk).what == "client page"


def raw_sql(sql: str, pk: int | None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk] if pk is not None else [])


def test_deletion_allowed_lets_only_sqlite_delete_and_never_update(people: People) -> None:
    """SQLite: ``deletion_allowed()`` lets this connection delete (its flush is DELETE FROM).
    PostgreSQL: it changes nothing; the trigger refuses every DELETE (flush truncates)."""
    event = audit.record_access(
        actor=people.worker, client=people.client_record, what=ClientRead.CLIENT_PAGE
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent._base_manager.filter(pk=event.pk)._raw_delete(connection.alias)
    with deletion_allowed():
        if connection.vendor == "sqlite":
            AuditEvent._base_manager.filter(pk=event.pk)._raw_delete(connection.alias)
        else:
            with pytest.raises(DatabaseError), transaction.atomic():
                AuditEvent._base_manager.filter(pk=event.pk)._raw_delete(connection.alias)
        # Updates stay refused even then.
        other = audit.record_access(
            actor=people.worker, client=people.client_record, what=ClientRead.CASELOAD
        )
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEvent._base_manager.filter(pk=other.pk).update(what="y")
    deleted = not AuditEvent.objects.filter(pk=event.pk).exists()
    assert deleted == (connection.vendor == "sqlite")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent._base_manager.filter(pk=other.pk)._raw_delete(connection.alias)


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_audit_table(people: People) -> None:
    """Transactional and browser tests flush every table between tests; the triggers allow it."""
    from django.core.management import call_command

    audit.record_access(
        actor=people.worker, client=people.client_record, what=ClientRead.CLIENT_PAGE
    )
    call_command("flush", interactive=False, verbosity=0)
    assert AuditEvent.objects.count() == 0


def test_a_rolled_back_write_leaves_no_change_event(people: People) -> None:
    def write_then_fail() -> None:
        with transaction.atomic():
            audit.record_change(
                actor=people.administrator,
                record=people.unit,
                changes={"name": ("a", "b")},
                what=AccountEvent.CONFIGURATION,
            )
            raise RuntimeError

    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError):
        write_then_fail()
    assert AuditEvent.objects.count() == before


def test_a_translated_string_is_refused_as_an_event_type(people: People) -> None:
    """Events store a registered key (polku.audit.events), never a translation: a lazy
    translation passed as "what" is refused, so no language is frozen into the log."""
    from django.utils.translation import gettext_lazy

    from polku.audit.events import UnregisteredEventType

    with pytest.raises(UnregisteredEventType):
        audit.record_access(
            actor=people.worker,
            client=people.client_record,
            what=gettext_lazy("Caseload"),  # type: ignore[arg-type]
        )


def test_model_update_saves_audits_and_returns_the_changes(people: People) -> None:
    client = people.client_record
    version = client.version
    changes = audit.model_update(
        actor=people.worker,
        obj=client,
        version=version,
        data={"phone": "040 123 4567", "email": client.email},
        what=ClientEvent.CLIENT_DETAILS,
        client=client,
        clean_exclude=["user"],
    )
    assert set(changes) == {"phone"}
    client.refresh_from_db()
    assert client.phone == "040 123 4567"
    assert client.version == version + 1
    event = AuditEvent.objects.filter(record_id=str(client.pk), what="client details").get()
    assert event.changes["phone"][1] == "040 123 4567"


def test_model_update_refuses_a_stale_version_and_writes_nothing(people: People) -> None:
    from polku.core.versioning import EditConflict

    client = people.client_record
    before = AuditEvent.objects.count()
    with pytest.raises(EditConflict):
        audit.model_update(
            actor=people.worker,
            obj=client,
            version=client.version - 1,
            data={"phone": "040 765 4321"},
            what=ClientEvent.CLIENT_DETAILS,
            client=client,
            clean_exclude=["user"],
        )
    assert AuditEvent.objects.count() == before
