"""Reads of the month report: who may produce which report (the scope), and the rows loaded in
a constant number of queries per chunk of periods (``reports.py`` does the arithmetic).

Three scopes, each refused with 403 for a role that never uses it and 404 for a record out of
reach (SPEC §1):

- a client's period: the responsible worker (or a colleague covering), and the supervisor of
  the period's place for a month the period overlaps;
- a place: its supervisors (the periods at the place in that month), and a manager holding the
  role in the place or in the organiser above it;
- an organiser: a manager holding the role in the organiser (every place under it), or in
  units under it (the periods at those places and of clients of those units).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Count, DateField, F, Func, IntegerField, Q, QuerySet, Sum, Value
from django.http import Http404

from polku.accounts.models import RoleAssignment, Unit, UnitKind, User
from polku.accounts.roles import Capability, Role, has_capability
from polku.attendance.days import PlaceCalendar, dates, interrupted_on
from polku.attendance.events import AttendanceRead
from polku.attendance.models import EXCUSED_REASONS, AttendanceDay, DayStatus, Interruption
from polku.attendance.reports import (
    COUNTED_FIELDS,
    NO_COUNT,
    NOTICE_FIELDS,
    RATE_KEYS,
    REASON_FIELDS,
    ClientMonth,
    Counted,
    Figures,
    Month,
    MonthCalendar,
    PlaceTotal,
    Rate,
    Recorded,
    client_month,
    counted_month,
    day_mask,
    rate_masks,
)
from polku.audit import services as audit
from polku.clients.access import access_record
from polku.clients.models import ClientRelationship, CoverGrant, Recipient
from polku.core import clock, statutory
from polku.core.models import StatutoryValue
from polku.core.replica import stream_from_replica
from polku.placements.models import ClosedDay, Period, PeriodStatus, PlaceProfile

CHUNK = 500  # periods per chunk: every chunk costs the same few queries

RESPONSIBLE_WORKER = "responsible_worker"
TEAM_COVER = "team_cover"
PLACE_SUPERVISOR = "place_supervisor"
MANAGER = "manager"


@dataclass(frozen=True)
class Scope:
    """What one report covers and in which capacity the viewer produces it.

    ``periods`` is the queryset of every period the viewer may see in the report (cancelled
    periods left out); the month narrows it further (:func:`periods_in`)."""

    kind: str  # "period", "place" or "organiser"
    name: str  # the place's or the organiser's name, or the client's
    unit: Unit | None
    period: Period | None
    periods: QuerySet[Period]
    basis: str
    recipient: str  # the disclosure's recipient key (clients.models.Recipient)
    producer_name: str = ""


def _supervised_place_ids(user: User) -> QuerySet[RoleAssignment, Any]:
    return RoleAssignment.objects.filter(user_id=user.pk, role=Role.PLACE_SUPERVISOR).values(
        "unit_id"
    )


def _managed_unit_ids(user: User) -> set[int]:
    return set(
        RoleAssignment.objects.filter(user_id=user.pk, role=Role.MANAGER).values_list(
            "unit_id", flat=True
        )
    )


def _reportable() -> QuerySet[Period]:
    return Period.objects.exclude(status=PeriodStatus.CANCELLED)


def periods_in(scope: Scope, first: dt.date, last: dt.date) -> QuerySet[Period]:
    """The scope's periods that overlap ``first``–``last``."""
    return scope.periods.filter(starts_on__lte=last, ends_on__gte=first)


# --- Access ------------------------------------------------------------------------------------


def access_period_report(user: User | AnonymousUser, period_id: int, month: Month) -> Scope:
    """A client's period for its month report: 403 for roles that never see one, 404 for a
    period out of reach; the read is logged through the access core."""
    if not (
        has_capability(user, Capability.ACT_AS_RESPONSIBLE_WORKER)
        or has_capability(user, Capability.USE_PLACE_PORTAL)
    ):
        raise PermissionDenied
    assert isinstance(user, User)  # noqa: S101 (a capability implies a logged-in user)
    covering = CoverGrant.objects.filter(user_id=user.pk, expires_at__gt=clock.now())
    covered = ClientRelationship.objects.filter(
        Q(
            responsible_worker_id__in=covering.values("covered_worker_id"),
            unit_id__in=covering.values("unit_id"),
        )
    )
    rows = (
        _reportable()
        .filter(
            Q(relationship__responsible_worker_id=user.pk)
            | Q(relationship__in=covered.values("pk"))
            | Q(
                place_id__in=_supervised_place_ids(user),
                starts_on__lte=month.last,
                ends_on__gte=month.first,
            )
        )
        .select_related("relationship__client", "relationship__unit", "place")
    )
    candidate = rows.filter(pk=period_id).first()
    if candidate is None:
        raise Http404
    if candidate.relationship.responsible_worker_id == user.pk:
        basis, recipient = RESPONSIBLE_WORKER, Recipient.PRINT
    elif RoleAssignment.objects.filter(
        user_id=user.pk, unit_id=candidate.place_id, role=Role.PLACE_SUPERVISOR
    ).exists():
        basis, recipient = PLACE_SUPERVISOR, Recipient.WORK_ACTIVITY_PLACE
    else:
        basis, recipient = TEAM_COVER, Recipient.PRINT
    period = access_record(
        user,
        rows,
        period_id,
        client_of=lambda p: p.relationship.client,
        what=AttendanceRead.MONTH_REPORT,
        need=None,
        basis=basis,
    )
    return Scope(
        kind="period",
        name=period.relationship.client.full_name,
        unit=period.place,
        period=period,
        periods=Period.objects.filter(pk=period.pk).select_related(
            "relationship__client", "relationship__unit", "place"
        ),
        basis=basis,
        recipient=recipient.value,
        producer_name=period.place.display_name,
    )


def access_place_report(
    user: User | AnonymousUser, place_id: int, *, export: bool = False
) -> Scope:
    """A place for its month report: its supervisors, and a manager of the place or of the
    organiser above it (an export also needs the manager's export capability)."""
    supervises = has_capability(user, Capability.USE_PLACE_PORTAL)
    manages = has_capability(user, Capability.VIEW_METRICS)
    if not (supervises or manages):
        raise PermissionDenied
    assert isinstance(user, User)  # noqa: S101
    place = Unit.objects.places().filter(pk=place_id).select_related("parent").first()
    if place is None:
        raise Http404
    if (
        supervises
        and RoleAssignment.objects.filter(
            user_id=user.pk, unit_id=place.pk, role=Role.PLACE_SUPERVISOR
        ).exists()
    ):
        basis, recipient = PLACE_SUPERVISOR, Recipient.WORK_ACTIVITY_PLACE
    elif manages and ({place.pk, place.parent_id} & _managed_unit_ids(user)):
        if export and not has_capability(user, Capability.EXPORT_REPORTS):
            raise PermissionDenied
        basis, recipient = MANAGER, Recipient.PRINT
    else:
        raise Http404
    return Scope(
        kind="place",
        name=place.display_name,
        unit=place,
        period=None,
        periods=_reportable().filter(place_id=place.pk),
        basis=basis,
        recipient=recipient.value,
        producer_name=place.display_name,
    )


def access_organiser_report(
    user: User | AnonymousUser, organiser_id: int, *, export: bool = False
) -> Scope:
    """An organiser for its month (or year) report: a manager holding the role in the
    organiser sees every place under it; one holding it in units under the organiser sees the
    periods at those places and of those units' clients."""
    if not has_capability(user, Capability.VIEW_METRICS):
        raise PermissionDenied
    if export and not has_capability(user, Capability.EXPORT_REPORTS):
        raise PermissionDenied
    assert isinstance(user, User)  # noqa: S101
    organiser = Unit.objects.filter(pk=organiser_id, kind=UnitKind.ORGANISER).first()
    if organiser is None:
        raise Http404
    managed = _managed_unit_ids(user)
    places = Unit.objects.places().filter(parent_id=organiser.pk)
    if organiser.pk in managed:
        periods = _reportable().filter(place__in=places)
    else:
        units = Unit.objects.filter(parent_id=organiser.pk, pk__in=managed).values("pk")
        if not units.exists():
            raise Http404
        periods = _reportable().filter(
            Q(place__in=places.filter(pk__in=units)) | Q(relationship__unit_id__in=units)
        )
    return Scope(
        kind="organiser",
        name=organiser.display_name,
        unit=organiser,
        period=None,
        periods=periods,
        basis=MANAGER,
        recipient=Recipient.PRINT.value,
        producer_name="",
    )


# --- Loading -----------------------------------------------------------------------------------


@dataclass
class Calendars:
    """The places' calendars and the statutory rates, loaded once per report."""

    calendars: dict[int, PlaceCalendar]
    rates: dict[str, Rate]
    today: dt.date
    _months: dict[tuple[int, Month], MonthCalendar] = field(default_factory=dict)
    _rates: dict[tuple[str, Month], list[tuple[int, Decimal]]] = field(default_factory=dict)

    @classmethod
    def load(cls, place_ids: Any, first: dt.date, last: dt.date) -> Calendars:
        """Four queries: the places' profiles and closed days, and the rate rows (the three
        keys in one query)."""
        profiles = {p.place_id: p for p in PlaceProfile.objects.filter(place_id__in=place_ids)}
        closed: dict[int, list[ClosedDay]] = {}
        for row in ClosedDay.objects.filter(
            profile__place_id__in=place_ids, day__range=(first, last)
        ).select_related("profile"):
            closed.setdefault(row.profile.place_id, []).append(row)
        calendars = {
            place_id: PlaceCalendar.of(profile, closed.get(place_id, ()))
            for place_id, profile in profiles.items()
        }
        for place_id, rows in closed.items():
            calendars.setdefault(place_id, PlaceCalendar.of(None, rows))
        return cls(calendars=calendars, rates=_rates(), today=clock.today())

    def of(self, place_id: int) -> PlaceCalendar:
        return self.calendars.get(place_id) or PlaceCalendar.of(None)

    def month(self, place_id: int, month: Month) -> MonthCalendar:
        """The place's month as masks, worked out once per place and month."""
        key = (place_id, month)
        found = self._months.get(key)
        if found is None:
            found = self._months[key] = MonthCalendar.of(self.of(place_id), month)
        return found

    def rate_masks(self, key: str, month: Month) -> list[tuple[int, Decimal]]:
        """The rate ``key`` over the month's days, worked out once per key and month."""
        found = self._rates.get((key, month))
        if found is None:
            found = self._rates[(key, month)] = rate_masks(self.rates[key], month)
        return found


def rate_functions() -> dict[str, Rate]:
    """Every row of the report's statutory values in one query, as functions of the day (each
    day's value found once: the same days repeat for every client)."""
    rows = list(StatutoryValue.objects.filter(key__in=RATE_KEYS).order_by("-valid_from"))

    def rate(key: str) -> Rate:
        mine = [row for row in rows if row.key == key]
        found: dict[dt.date, Decimal] = {}

        def on(day: dt.date) -> Decimal:
            if day in found:
                return found[day]
            for row in mine:
                if row.valid_from <= day and (row.valid_until is None or row.valid_until >= day):
                    found[day] = row.value
                    return row.value
            raise statutory.MissingStatutoryValue(f"{key} on {day.isoformat()}")

        return on

    return {key: rate(key) for key in RATE_KEYS}


_rates = rate_functions


def months_of(
    periods: Sequence[Period], months: Sequence[Month], loaded: Calendars
) -> list[ClientMonth]:
    """Each of ``periods`` in each of ``months`` it overlaps, period by period: two queries
    (the records of the months and those moved into them, and the interruptions)."""
    first, last = months[0].first, months[-1].last
    ids = [p.pk for p in periods]
    by_month: dict[tuple[int, int, int], list[Recorded]] = {}
    rows = (
        AttendanceDay.objects.filter(period_id__in=ids)
        .filter(Q(day__range=(first, last)) | Q(moved_to__range=(first, last)))
        .values_list("period_id", *Recorded.FIELDS)
    )
    for period_id, *fields in rows:
        row = Recorded(*fields)
        day, moved_to = row.day, row.moved_to
        by_month.setdefault((period_id, day.year, day.month), []).append(row)
        if moved_to is not None and (moved_to.year, moved_to.month) != (day.year, day.month):
            by_month.setdefault((period_id, moved_to.year, moved_to.month), []).append(row)
    stops: dict[int, list[Interruption]] = {}
    for stop in Interruption.objects.filter(period_id__in=ids, starts_on__lte=last):
        stops.setdefault(stop.period_id, []).append(stop)
    return [
        client_month(
            period,
            month,
            calendar=loaded.of(period.place_id),
            records=by_month.get((period.pk, month.year, month.month), ()),
            interruptions=stops.get(period.pk, ()),
            rates=loaded.rates,
            today=loaded.today,
        )
        for period in periods
        for month in months
        if period.starts_on <= month.last and period.ends_on >= month.first
    ]


class _MonthOf(Func):
    """The first day of a date's month. Django's ``TruncMonth`` and ``ExtractDay`` are Python
    functions on SQLite, called per row; these are the databases' own."""

    template = "CAST(DATE_TRUNC('month', %(expressions)s) AS date)"
    output_field = DateField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, template="strftime('%%%%Y-%%%%m-01', %(expressions)s)", **extra
        )


class _DayOf(Func):
    """The day of a date's month (1–31)."""

    template = "CAST(EXTRACT(DAY FROM %(expressions)s) AS integer)"
    output_field = IntegerField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="CAST(strftime('%%%%d', %(expressions)s) AS integer)",
            **extra,
        )


def _bit(field: str) -> Any:
    """The day of ``field`` as a bit of its month's mask (bit 0 the 1st)."""
    shift: Any = _DayOf(field) - Value(1)
    return Value(1).bitleftshift(shift)


def counted_months(ids: Sequence[int], first: dt.date, last: dt.date) -> dict[Any, Counted]:
    """The recorded days of the periods ``ids`` from ``first`` to ``last`` (within each
    period), counted by the database per period and month: one aggregate query, whatever the
    number of days. Keyed by (period id, year, month)."""
    absent = Q(status=DayStatus.ABSENT)
    counts: dict[str, Any] = {
        "absent": Count("pk", filter=absent),
        "excused": Count("pk", filter=absent & Q(reason__in=EXCUSED_REASONS)),
        **{name: Count("pk", filter=absent & Q(reason=r)) for r, name in REASON_FIELDS.items()},
        **{name: Count("pk", filter=absent & Q(notice=n)) for n, name in NOTICE_FIELDS.items()},
        "moved": Count("pk", filter=Q(status=DayStatus.MOVED)),
    }
    assert tuple(counts) == COUNTED_FIELDS  # noqa: S101 (a programming error)
    rows = (
        AttendanceDay.objects.filter(
            period_id__in=ids,
            day__range=(first, last),
            day__gte=F("period__starts_on"),
            day__lte=F("period__ends_on"),
        )
        .annotate(month=_MonthOf("day"))
        .values("period_id", "month")
        .annotate(
            recorded=Sum(_bit("day")),
            present=Sum(_bit("day"), filter=Q(status=DayStatus.PRESENT)),
            hours=Sum("hours", filter=Q(status=DayStatus.PRESENT)),
            **counts,
        )
        .order_by()
    )
    result = {}
    for found in rows:
        row = cast(dict[str, Any], found)
        month = row["month"]
        if isinstance(month, dt.datetime):
            month = month.date()
        result[(row["period_id"], month.year, month.month)] = Counted(
            recorded=row["recorded"] or 0,
            present=row["present"] or 0,
            hours=row["hours"] or Decimal(0),
            counts=tuple((name, row[name]) for name in COUNTED_FIELDS),
        )
    return result


def counted_months_of(
    periods: Sequence[Period], months: Sequence[Month], loaded: Calendars
) -> list[ClientMonth]:
    """:func:`months_of` without the days: the figures from the database's counts
    (:func:`counted_months`) and the calendar's masks; three queries (the counts, the days
    moved into the months, the interruptions)."""
    first, last = months[0].first, months[-1].last
    ids = [p.pk for p in periods]
    counted = counted_months(ids, first, last)
    moved_to: dict[tuple[int, int, int], int] = {}
    for period_id, day in AttendanceDay.objects.filter(
        period_id__in=ids, status=DayStatus.MOVED, moved_to__range=(first, last)
    ).values_list("period_id", "moved_to"):
        assert day is not None  # noqa: S101 (the filter's range)
        key = (period_id, day.year, day.month)
        moved_to[key] = moved_to.get(key, 0) | (1 << (day.day - 1))
    stops: dict[int, list[Interruption]] = {}
    for stop in Interruption.objects.filter(period_id__in=ids, starts_on__lte=last):
        stops.setdefault(stop.period_id, []).append(stop)
    result = []
    for period in periods:
        for month in months:
            if not (period.starts_on <= month.last and period.ends_on >= month.first):
                continue
            key = (period.pk, month.year, month.month)
            stopped = stops.get(period.pk)
            result.append(
                counted_month(
                    period,
                    month,
                    calendar=loaded.month(period.place_id, month),
                    counted=counted.get(key, NO_COUNT),
                    moved_to=moved_to.get(key, 0),
                    interrupted=_interrupted(stopped, month) if stopped else 0,
                    rates=loaded.rate_masks,
                    today=loaded.today,
                )
            )
    return result


def _interrupted(stops: Sequence[Interruption], month: Month) -> int:
    return day_mask(day for day in dates(month.first, month.last) if interrupted_on(stops, day))


ORDER = ("place__name", "relationship__client__last_name", "relationship__client__first_name", "pk")


def chunks(
    scope: Scope, months: Sequence[Month], *, size: int | None = None, cells: bool | None = None
) -> Iterator[list[ClientMonth]]:
    """The scope's client months in chunks of at most ``size`` periods, period by period (a
    period's months together) in the order of place and client.

    Only the ordered period ids are held (a few integers per client); each chunk costs the
    same queries whatever its size: the periods, their records, their interruptions. With
    ``cells`` (a client's period: its day list is shown) the records are loaded and each day
    made a cell; without (the default for a place and an organiser, and their XLSX) the
    database counts the records per period and month and no day is loaded
    (:func:`counted_months_of`). The reads
    go to the read replica when one is configured (``DATABASE_REPLICA_URL``,
    docs/subsystems/serving.md); what the caller writes between chunks (the disclosures, the
    access log) goes to the primary."""
    if cells is None:
        cells = scope.kind == "period"
    return stream_from_replica(_chunks(scope, months, size=size or CHUNK, cells=cells))


def _chunks(
    scope: Scope, months: Sequence[Month], *, size: int, cells: bool
) -> Iterator[list[ClientMonth]]:
    if not months:
        return
    first, last = months[0].first, months[-1].last
    ids = list(periods_in(scope, first, last).order_by(*ORDER).values_list("pk", flat=True))
    if not ids:
        return
    loaded = Calendars.load(
        periods_in(scope, first, last).values("place_id").distinct(), first, last
    )
    for start in range(0, len(ids), size):
        part = ids[start : start + size]
        periods = {
            p.pk: p
            for p in Period.objects.filter(pk__in=part).select_related(
                "relationship__client", "relationship__unit", "place"
            )
        }
        load = months_of if cells else counted_months_of
        yield load([periods[pk] for pk in part if pk in periods], months, loaded)


# --- Pages -------------------------------------------------------------------------------------


@dataclass
class MonthReport:
    """A month report's page: the client months and their total, or (for the organiser) the
    places' totals."""

    scope: Scope
    month: Month
    rows: list[ClientMonth] = field(default_factory=list)
    places: list[PlaceTotal] = field(default_factory=list)
    total: Figures = field(default_factory=Figures)
    clients: int = 0
    today: dt.date = field(default_factory=clock.today)


def month_report(*, viewer: User, scope: Scope, month: Month, log: bool = True) -> MonthReport:
    """The rows of a period's or a place's month. With ``log`` every client shown is logged
    as a read in one INSERT (the period's read was logged by its access helper)."""
    report = MonthReport(scope=scope, month=month)
    for part in chunks(scope, [month]):
        report.rows += part
        for row in part:
            report.total.add(row.figures)
    report.clients = len({row.period.relationship.client_id for row in report.rows})
    if log and scope.kind != "period" and report.rows:
        audit.record_access_many(
            actor=viewer,
            client_ids=[row.period.relationship.client_id for row in report.rows],
            what=AttendanceRead.MONTH_REPORT,
            basis=scope.basis,
        )
    return report


def organiser_overview(*, scope: Scope, month: Month) -> MonthReport:
    """The organiser's month by place: sums only, no client's row (so nothing of a client is
    shown or logged); computed chunk by chunk, never holding every client at once."""
    report = MonthReport(scope=scope, month=month)
    places: dict[int, PlaceTotal] = {}
    clients: set[int] = set()
    for part in chunks(scope, [month]):
        for row in part:
            period = row.period
            place = places.setdefault(
                period.place_id,
                PlaceTotal(place_id=period.place_id, place_name=period.place.display_name),
            )
            place.clients += 1
            place.figures.add(row.figures)
            report.total.add(row.figures)
            clients.add(period.relationship.client_id)
    report.places = sorted(places.values(), key=lambda p: (p.place_name, p.place_id))
    report.clients = len(clients)
    return report
