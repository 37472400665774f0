"""The client's timeline: every change and disclosure of their data, newest first, in the
viewer's language (docs/subsystems/clients.md, "The timeline")."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from polku.accounts.models import User
from polku.accounts.system import SYSTEM_LABEL, is_system
from polku.audit import events as event_types
from polku.audit.models import AuditEvent, EventKind
from polku.clients import identity
from polku.clients.events import ClientEvent
from polku.clients.models import Client, ClientRelationship, Meeting, Recipient


@dataclass
class TimelineEntry:
    event: AuditEvent
    actor: str
    label: str
    changes: list[tuple[str, str, str]]


INFORMING_LABEL = _("Informing: %(topic)s")

# A plan party's signature (``signature.<party>``, pathways.models.Party), as one label each:
# the languages do not compose "signature of" with the party's name the same way.
SIGNATURE_LABELS = {
    "client": _("Signature of the client"),
    "worker": _("Signature of the responsible worker"),
    "official": _("Signature of the employment authority official"),
}
SIGNATURE_VOIDED = pgettext_lazy("signature", "voided")
# An informing item's value, capitalised like every other value label, so that no language
# shows the stored key ("informed", "not relevant: <reason>") as it is.
INFORMED = pgettext_lazy("informing item", "Informed")
NOT_RELEVANT = pgettext_lazy("informing item", "Not relevant: %(reason)s")
RECIPIENTS = {recipient.value: recipient.label for recipient in Recipient}


def _field_label(record_type: str, name: str) -> tuple[str, Any]:
    if name.startswith("informing."):
        from polku.clients.models import InformingTopic

        topic = name.split(".", 1)[1]
        return str(INFORMING_LABEL % {"topic": InformingTopic(topic).label}), "informing"
    if name.startswith("signature."):
        party = name.split(".", 1)[1]
        return str(SIGNATURE_LABELS.get(party, _("Signatures"))), "signature"
    try:
        field = apps.get_model(record_type)._meta.get_field(name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return name, None
    return str(getattr(field, "verbose_name", name)), field


def _informing_label(value: Any) -> str:
    """An informing item as stored (``informed`` / ``not relevant: <reason>``), in words."""
    if value == "informed":
        return str(INFORMED)
    if isinstance(value, str) and value.startswith("not relevant"):
        return str(NOT_RELEVANT % {"reason": value.partition(":")[2].strip()})
    return "–" if value in (None, "") else str(value)


def _value_label(field: Any, value: Any, names: dict[tuple[Any, Any], str] | None = None) -> str:
    if field == "informing":
        return _informing_label(value)
    if field == "signature" and value in (None, ""):
        return str(SIGNATURE_VOIDED)
    if value in (None, "", {}, []):
        return "–"
    if isinstance(value, (dict, list)):
        # A structured value (an evaluation section's answers) is read on its own page; the
        # timeline counts what was filled in.
        filled = [v for v in (value.values() if isinstance(value, dict) else value) if v]
        return ngettext("%(count)s entry", "%(count)s entries", len(filled)) % {
            "count": len(filled)
        }
    if value is True:
        return str(_("yes"))
    if value is False:
        return str(_("no"))
    if getattr(field, "many_to_one", False) or getattr(field, "one_to_one", False):
        key = (field.related_model, value)
        if names is not None and key in names:
            return names[key]
        return str(value) if isinstance(value, str) else "–"
    choices = dict(getattr(field, "choices", None) or [])
    if value in choices:
        return str(choices[value])
    if isinstance(field, models.DecimalField):
        try:
            return formats.number_format(decimal.Decimal(str(value)), use_l10n=True)
        except decimal.InvalidOperation:
            return str(value)
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            if "T" in value:
                moment = dt.datetime.fromisoformat(value)
                from django.utils import timezone

                return timezone.localtime(moment).strftime("%-d.%-m.%Y %H.%M")
            return dt.date.fromisoformat(value).strftime("%-d.%-m.%Y")
        except ValueError:
            return value
    return str(value)


def _record_name(obj: Any) -> str:
    """A referenced record as its name, in the viewer's language."""
    if isinstance(obj, User):
        return obj.get_full_name() or obj.username
    if isinstance(obj, ClientRelationship):
        return f"{obj.unit.display_name} {obj.started_on.day}.{obj.started_on.month}.{obj.started_on.year}"
    if isinstance(obj, Meeting):
        from django.utils import timezone

        return timezone.localtime(obj.starts_at).strftime("%-d.%-m.%Y %H.%M")
    return str(obj)


def _reference_names(events: list[AuditEvent]) -> dict[tuple[Any, Any], str]:
    """The names of every record the events refer to by id: one query per referenced type."""
    wanted: dict[Any, set[int]] = {}
    for event in events:
        for name, pair in event.changes.items():
            _label, field = _field_label(event.record_type, name)
            if not getattr(field, "is_relation", False):
                continue
            for value in pair:
                if isinstance(value, int) and not isinstance(value, bool):
                    wanted.setdefault(field.related_model, set()).add(value)
    names: dict[tuple[Any, Any], str] = {}
    for model, ids in wanted.items():
        follow = [
            f.name
            for f in model._meta.fields
            if f.is_relation and f.related_model in (User, apps.get_model("accounts", "Unit"))
        ]
        for obj in model._default_manager.filter(pk__in=ids).select_related(*follow):
            names[(model, obj.pk)] = _record_name(obj)
    return names


ADDRESS_FIELDS = ("street_address", "postal_code", "city")


def _relationship_path(record_type: str) -> str | None:
    """How a record of ``record_type`` leads to its client relationship; None for a record
    that belongs to the client, not to one relationship (the client's own details)."""
    try:
        model = apps.get_model(record_type)
    except (LookupError, ValueError):
        return None
    if model is ClientRelationship:
        return "pk"
    foreign_keys = [f for f in model._meta.get_fields() if f.many_to_one and f.related_model]
    for field in foreign_keys:
        if field.related_model is ClientRelationship:
            return f"{field.name}_id"
    # One step further: a plan's option, a meeting's record, a period's notice, a decision's
    # delivery belong to the relationship of what they hang on.
    for field in foreign_keys:
        inner = field.related_model._meta.get_fields()
        if any(f.many_to_one and f.related_model is ClientRelationship for f in inner):
            hop = next(
                f.name for f in inner if f.many_to_one and f.related_model is ClientRelationship
            )
            return f"{field.name}__{hop}_id"
    return None


UNRESOLVED = -1  # the record of a relationship is gone (an option removed): its relationship


def event_relationships(events: list[AuditEvent]) -> dict[int, int | None]:
    """The relationship each event belongs to (None: the client's own details).

    One query per record type, however many events. An event whose record belonged to a
    relationship but no longer exists maps to ``UNRESOLVED``.
    """
    wanted: dict[str, set[int]] = {}
    for event in events:
        if event.record_type and event.record_id.isdigit():
            wanted.setdefault(event.record_type, set()).add(int(event.record_id))
    found: dict[tuple[str, str], int] = {}
    paths: dict[str, str | None] = {}
    for record_type, ids in wanted.items():
        path = paths[record_type] = _relationship_path(record_type)
        if path is None:
            continue
        model = apps.get_model(record_type)
        for pk, relationship_id in model._default_manager.filter(pk__in=ids).values_list(
            "pk", path
        ):
            found[(record_type, str(pk))] = relationship_id
    result: dict[int, int | None] = {}
    for event in events:
        if paths.get(event.record_type) is None:
            result[event.pk] = None
        else:
            result[event.pk] = found.get((event.record_type, event.record_id), UNRESOLVED)
    return result


TIMELINE_PAGE = 50
"""Events the client page shows at a time; "show earlier" gives the next ones."""


@dataclass
class TimelinePage:
    entries: list[TimelineEntry]
    earlier: int | None
    """The id of the last event shown when there are earlier ones (the "show earlier" link's
    cursor), else None."""


def client_timeline(
    *,
    client: Client,
    show_address: bool = True,
    limit: int = TIMELINE_PAGE,
    before: int | None = None,
    relationship_ids: set[int] | None = None,
    all_relationships: bool = True,
) -> TimelinePage:
    """The client's changes and disclosures, newest first: who, when, old → new; ``limit`` at
    a time, older than the event ``before`` (keyset pagination on (time, id), through the index
    on (client, kind, time)).

    With ``relationship_ids`` only the events of those relationships are shown, with the
    client's own details (SPEC §8: a view that gathers data applies the basis of the pages it
    summarises). An event whose relationship can no longer be told is shown only when
    ``all_relationships`` (the viewer has a basis for every relationship of the client).
    With ``show_address`` off (a non-disclosure marking and a viewer who is not the responsible
    worker) address values are replaced by a note, here as on the rest of the page.
    """
    rows = AuditEvent.objects.for_client(client.pk).filter(
        kind__in=[EventKind.CHANGE, EventKind.DISCLOSURE]
    )
    if before is not None:
        edge = rows.filter(pk=before).values_list("occurred_at", flat=True).first()
        if edge is None:
            return TimelinePage([], None)
        # The redundant bound starts the index range at the edge (without it PostgreSQL
        # walked the client's newer events first: 160 ms for an earlier page of a client with
        # 50,000 events at 60 million, docs/performance.md).
        rows = rows.filter(occurred_at__lte=edge).filter(
            Q(occurred_at__lt=edge) | Q(occurred_at=edge, pk__lt=before)
        )
    rows = rows.order_by("-occurred_at", "-pk")
    shown: list[AuditEvent] = []
    more = False
    batch = limit + 1
    offset = 0
    while True:  # a viewer without a basis for some relationships skips their events
        events = list(rows[offset : offset + batch])
        exhausted = len(events) < batch
        offset += len(events)
        if relationship_ids is not None:
            belongs = event_relationships(events)
            events = [
                event
                for event in events
                if belongs[event.pk] is None
                or belongs[event.pk] in relationship_ids
                or (belongs[event.pk] == UNRESOLVED and all_relationships)
            ]
        shown += events
        if len(shown) > limit:
            more = True
            break
        if exhausted:
            break
        batch = min(batch * 4, 2000)
    shown = shown[:limit]
    return TimelinePage(
        timeline_entries(shown, show_address=show_address),
        shown[-1].pk if more and shown else None,
    )


def timeline_entries(events: list[AuditEvent], *, show_address: bool) -> list[TimelineEntry]:
    names = {
        user.pk: str(SYSTEM_LABEL) if is_system(user) else user.get_full_name() or user.username
        for user in User.objects.filter(pk__in={e.actor_id for e in events if e.actor_id})
    }
    references = _reference_names(events)
    entries = []
    left_out = {id(event) for hide in _HIDDEN for event in hide(events)}
    for event in events:
        if id(event) in left_out:
            continue
        changes = []
        for name, (old, new) in event.changes.items():
            label, field = _field_label(event.record_type, name)
            shown = _VALUE_LABELS.get((event.record_type, name), _value_label)
            if name == "identity_code":  # masked everywhere, the timeline too
                old, new = identity.mask(old or ""), identity.mask(new or "")
            if name in ADDRESS_FIELDS and not show_address:
                hidden = str(_("hidden (non-disclosure marking)"))
                old, new = (hidden if old else old), (hidden if new else new)
            changes.append(
                (
                    label,
                    # A value set where there was none is shown as the value alone.
                    "" if old in (None, "", {}, []) else shown(field, old, references),
                    shown(field, new, references),
                )
            )
        if event.kind == EventKind.DISCLOSURE:
            # A key; events written before keys were stored hold the authority's name.
            recipient = RECIPIENTS.get(event.recipient, event.recipient)
            changes.insert(0, (str(_("Recipient")), "", str(recipient)))
        entries.append(
            TimelineEntry(
                event=event,
                actor=names.get(event.actor_id or 0, event.actor_name),
                label=event_types.label(_label_key(event)),
                changes=changes,
            )
        )
    return entries


ValueLabel = Callable[[Any, Any, dict[tuple[Any, Any], str] | None], str]
_VALUE_LABELS: dict[tuple[str, str], ValueLabel] = {}


def register_value_label(record_type: str, name: str, label: ValueLabel) -> None:
    """The app that stores a value in its own shape (a period's weekdays as ISO digits) says how
    the timeline shows it in words; ``label(field, value, names)`` returns the text."""
    _VALUE_LABELS[(record_type, name)] = label


TimelineHide = Callable[[list[AuditEvent]], list[AuditEvent]]
_HIDDEN: list[TimelineHide] = []


def register_timeline_hide(hide: TimelineHide) -> None:
    """The app that writes two events for one thing a user did says which of them the timeline
    leaves out (the audit store keeps both); ``hide(events)`` returns those events."""
    if hide not in _HIDDEN:
        _HIDDEN.append(hide)


def booked_joint_meetings(events: list[AuditEvent]) -> set[str]:
    """The ids of the meetings the events book as joint meetings."""
    return {e.record_id for e in events if _label_key(e) == ClientEvent.JOINT_MEETING_BOOKED}


def _label_key(event: AuditEvent) -> str:
    """The event's label key. Before the joint meeting had its own key, marking a booked
    meeting as the joint meeting was a second "meeting booked" that changed only its type."""
    if event.what == ClientEvent.MEETING_BOOKED and set(event.changes) == {"kind"}:
        return ClientEvent.JOINT_MEETING_BOOKED
    return event.what


def relationship_timeline(
    *, relationship: ClientRelationship, show_address: bool = False
) -> list[TimelineEntry]:
    """The events of one relationship (the purpose-of-use read of an earlier relationship)."""
    events = list(
        AuditEvent.objects.for_client(relationship.client_id)
        .filter(kind__in=[EventKind.CHANGE, EventKind.DISCLOSURE])
        .order_by("-occurred_at", "-pk")
    )
    belongs = event_relationships(events)
    return timeline_entries(
        [event for event in events if belongs[event.pk] == relationship.pk],
        show_address=show_address,
    )
