"""The attendance app's work-queue items for the responsible worker (SPEC §4 "Alerts"),
registered with :func:`polku.pathways.workqueue.register` from ``AttendanceConfig.ready()``:

* a first unexcused absence in a period;
* absences reaching the organiser's threshold in 30 days (``policy.py``);
* an own illness over 3 days in a row without a certificate;
* an interruption still to clarify with the client;
* a place that has not recorded its latest day of activity (per place, shown to the
  responsible workers of the clients there, without names).

An alert clears when handled: a contact recorded on or after the absence, the certificate
recorded, the day recorded, the interruption resolved. Clients who asked to be contacted during
absences are marked. One provider answers all of them from four queries, whatever the number of
clients, periods or days (the work queue's pin in ``tests/test_query_pins.py``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from django.db.models import Case, OuterRef, Q, Subquery, When
from django.urls import reverse
from django.utils.translation import gettext as _

from polku.accounts.models import User, unit_name_in
from polku.attendance.days import CellKind, PlaceCalendar, period_day_kinds
from polku.attendance.models import (
    AbsenceContact,
    AbsenceReason,
    AttendanceDay,
    DayStatus,
    Interruption,
)
from polku.attendance.policy import ALERT_WINDOW_DAYS, absence_threshold_expression
from polku.core.rules import day_label
from polku.pathways import workqueue
from polku.pathways.workqueue import WorkItem
from polku.placements.models import ClosedDay, Period, PeriodStatus

ILLNESS_DAYS_WITHOUT_CERTIFICATE = 3  # a certificate is needed when longer than 3 days
LOOK_BACK_DAYS = 60  # how far back the alerts look at days (the first unexcused absence: always)
PLACE_LOOK_BACK_DAYS = 7  # the place's latest day of activity within the past week
UNDER_WAY = (PeriodStatus.PLANNED, PeriodStatus.ACTIVE)


class PeriodRow(NamedTuple):
    """A period under way as the alerts read it: its own columns and those it is shown with
    (the client's name, the place's name and open weekdays), one row of a single query, not
    five model instances (a worker's places have a hundred periods at county size)."""

    pk: int
    place_id: int
    status: str
    starts_on: dt.date
    ends_on: dt.date
    weekdays: str
    contact_during_absences: bool
    client_id: int
    last_name: str
    first_name: str
    responsible_worker_id: int | None
    ended_on: dt.date | None
    place_name: str
    place_name_sv: str
    place_weekdays: str | None  # the place profile's open weekdays; None without a profile
    last_contact: dt.date | None  # the own periods' latest absence contact
    threshold: int  # the absences in 30 days that raise an alert

    @property
    def weekday_numbers(self) -> frozenset[int]:
        return frozenset(int(day) for day in self.weekdays)


# PeriodRow's columns, in its order, as the query names them.
PERIOD_COLUMNS = (
    "pk",
    "place_id",
    "status",
    "starts_on",
    "ends_on",
    "weekdays",
    "contact_during_absences",
    "relationship__client_id",
    "relationship__client__last_name",
    "relationship__client__first_name",
    "relationship__responsible_worker_id",
    "relationship__ended_on",
    "place__name",
    "place__name_sv",
    "place__profile__weekdays",
    "last_contact",
    "threshold",
)


class Day(NamedTuple):
    """One attendance record as the alerts read it: a row of six columns, not a model
    instance (a worker's alerts read a thousand of them at county size)."""

    period_id: int
    day: dt.date
    status: str
    reason: str
    certificate_on: dt.date | None
    moved_to: dt.date | None


def _item(kind: str, label: str, period: PeriodRow, due: dt.date, url: str = "") -> WorkItem:
    return WorkItem(
        kind,
        label,
        period.client_id,
        f"{period.last_name} {period.first_name}",
        url or reverse("attendance:period_attendance", args=[period.pk]),
        due,
        mark=_("Asked to be contacted during absences") if period.contact_during_absences else "",
    )


def _kinds(
    period: PeriodRow,
    records: dict[dt.date, Day],
    calendar: PlaceCalendar,
    stops: Sequence[Interruption],
    first: dt.date,
    last: dt.date,
) -> list[tuple[dt.date, CellKind]]:
    """What each day from ``first`` to ``last`` is for ``period`` (``days.period_cells``'s
    rule, without the cells)."""
    return period_day_kinds(
        period,
        first,
        last,
        weekdays=period.weekday_numbers,
        calendar=calendar,
        recorded=records,
        moved_to={
            r.moved_to for r in records.values() if r.status == DayStatus.MOVED and r.moved_to
        },
        interruptions=stops,
    )


def _illness_runs(
    period: PeriodRow,
    records: dict[dt.date, Day],
    calendar: PlaceCalendar,
    stops: Sequence[Interruption],
    first: dt.date,
    last: dt.date,
) -> list[list[Day]]:
    """Runs of own-illness absences on the client's consecutive days (days that are not the
    client's, such as weekends and closures, do not break a run; any other day does)."""
    runs: list[list[Day]] = []
    run: list[Day] = []
    for day, kind in _kinds(period, records, calendar, stops, first, last):
        record = records.get(day)
        if record is not None and record.status == DayStatus.ABSENT:
            if record.reason == AbsenceReason.OWN_ILLNESS:
                run.append(record)
                continue
        elif kind not in (CellKind.EXPECTED, CellKind.RECORDED):
            continue  # not one of the client's days
        if run:
            runs.append(run)
        run = []
    if run:
        runs.append(run)
    return runs


def _period_alerts(
    period: PeriodRow,
    records: dict[dt.date, Day],
    calendar: PlaceCalendar,
    stops: Sequence[Interruption],
    today: dt.date,
) -> list[WorkItem]:
    items = []
    contacted = period.last_contact
    absences = sorted(
        (r for r in records.values() if r.status == DayStatus.ABSENT and r.day <= today),
        key=lambda r: r.day,
    )
    unexcused = [r for r in absences if r.reason == AbsenceReason.OTHER]
    if unexcused and (contacted is None or contacted < unexcused[0].day):
        first = unexcused[0].day
        label = _("A first unexcused absence on %(date)s: contact the client") % {
            "date": day_label(first)
        }
        items.append(_item("first_unexcused_absence", label, period, first))
    recent = [r for r in absences if r.day > today - dt.timedelta(days=ALERT_WINDOW_DAYS)]
    threshold = int(period.threshold)
    if len(recent) >= threshold and (contacted is None or contacted < recent[-1].day):
        label = _("%(count)s absences in 30 days: contact the client") % {"count": len(recent)}
        items.append(_item("repeated_absences", label, period, recent[-1].day))
    first = max(period.starts_on, today - dt.timedelta(days=LOOK_BACK_DAYS))
    if first <= today:
        for run in _illness_runs(
            period, records, calendar, stops, first, min(today, period.ends_on)
        ):
            certified = any(r.certificate_on is not None for r in run)
            if len(run) > ILLNESS_DAYS_WITHOUT_CERTIFICATE and not certified:
                due = run[ILLNESS_DAYS_WITHOUT_CERTIFICATE].day
                label = _(
                    "Ill for %(count)s days in a row from %(date)s without a doctor's or nurse's "
                    "certificate"
                ) % {"count": len(run), "date": day_label(run[0].day)}
                items.append(_item("illness_without_certificate", label, period, due))
    for stop in stops:
        if not stop.outcome:
            label = _("An interruption from %(date)s: clarify with the client") % {
                "date": day_label(stop.starts_on)
            }
            url = reverse("attendance:interruption", args=[stop.pk])
            items.append(_item("interruption_open", label, period, stop.starts_on, url))
    return items


def _place_not_recorded(
    periods: Sequence[PeriodRow],
    records: dict[int, dict[dt.date, Day]],
    calendars: dict[int, PlaceCalendar],
    stops: dict[int, list[Interruption]],
    today: dt.date,
) -> dt.date | None:
    """The place's latest day of activity in the past week (a day some client was expected or
    recorded), when some client's expected day of it has no record; else None."""
    first, last = today - dt.timedelta(days=PLACE_LOOK_BACK_DAYS), today - dt.timedelta(days=1)
    expected: set[dt.date] = set()
    active: set[dt.date] = set()
    for period in periods:
        for day, kind in _kinds(
            period,
            records.get(period.pk, {}),
            calendars[period.pk],
            stops.get(period.pk, ()),
            first,
            last,
        ):
            if kind == CellKind.EXPECTED:
                expected.add(day)
                active.add(day)
            elif kind == CellKind.RECORDED:
                active.add(day)
    if not active:
        return None
    latest = max(active)
    return latest if latest in expected else None


def attendance_alerts(viewer: User, today: dt.date) -> list[WorkItem]:
    """Every attendance alert of the viewer's clients, in four queries (one when the viewer
    has no period under way).

    Each read is bounded by what it is for (docs/performance.md, "The work queue on
    PostgreSQL"): the periods under way at the places of the viewer's own periods (the viewer's
    open relationships first, then those places' periods through ``period_taking_place``); the
    days of the last week of every such period (the place's "not recorded" check), of the last
    two months of the viewer's own periods (the absences, the illness runs), the days moved in
    those two months (a day moved into the week is expected there) and each own period's
    unexcused absences (``attendance_day_unexcused``); the contacts of the own periods only."""
    since = today - dt.timedelta(days=LOOK_BACK_DAYS)
    place_since = today - dt.timedelta(days=PLACE_LOOK_BACK_DAYS)
    under_way = Q(status__in=UNDER_WAY, starts_on__lte=today, ends_on__gte=place_since)
    mine = Q(relationship__responsible_worker_id=viewer.pk, relationship__ended_on__isnull=True)
    my_places = Period.objects.filter(mine, under_way).values("place_id")
    # Every period of ``mine`` is at one of ``my_places``: the places' periods include them.
    is_mine = Q(relationship__responsible_worker_id=viewer.pk) & Q(
        relationship__ended_on__isnull=True
    )
    last_contact = (
        AbsenceContact.objects.filter(period_id=OuterRef("pk"))
        .order_by("-contacted_on")
        .values("contacted_on")[:1]
    )
    periods = [
        PeriodRow._make(row)
        for row in Period.objects.filter(under_way, place_id__in=my_places)
        .annotate(
            # Only the own periods' contacts are read (the others' are never used).
            last_contact=Case(When(is_mine, then=Subquery(last_contact)), default=None),
            threshold=absence_threshold_expression(today),
        )
        .order_by("place_id", "pk")
        .values_list(*PERIOD_COLUMNS)
    ]
    own = [p for p in periods if p.responsible_worker_id == viewer.pk and p.ended_on is None]
    if not own:
        return []
    own_ids = [p.pk for p in own]
    ids = [p.pk for p in periods]
    records: dict[int, dict[dt.date, Day]] = defaultdict(dict)
    for row in (
        AttendanceDay.objects.filter(
            Q(period_id__in=ids, day__gte=place_since, day__lte=today)
            | Q(period_id__in=ids, status=DayStatus.MOVED, day__gte=since, day__lte=today)
            | Q(period_id__in=own_ids, day__gte=since, day__lte=today)
            | Q(period_id__in=own_ids, status=DayStatus.ABSENT, reason=AbsenceReason.OTHER)
        )
        .order_by()
        .values_list(*Day._fields)
    ):
        record = Day._make(row)
        records[record.period_id][record.day] = record
    stops: dict[int, list[Interruption]] = defaultdict(list)
    for stop in Interruption.objects.filter(period_id__in=ids).order_by("starts_on", "pk"):
        stops[stop.period_id].append(stop)
    closed: dict[int, list[ClosedDay]] = defaultdict(list)
    for closed_day in ClosedDay.objects.filter(
        profile__place_id__in={p.place_id for p in periods}, day__range=(since, today)
    ).select_related("profile"):
        closed[closed_day.profile.place_id].append(closed_day)
    calendars = {
        p.pk: PlaceCalendar.of_weekdays(p.place_weekdays, closed[p.place_id]) for p in periods
    }
    items: list[WorkItem] = []
    for period in own:
        items += _period_alerts(
            period, records[period.pk], calendars[period.pk], stops[period.pk], today
        )
    by_place: dict[int, list[PeriodRow]] = defaultdict(list)
    for period in periods:
        by_place[period.place_id].append(period)
    for place_periods in by_place.values():
        mine_here = [p for p in place_periods if p.pk in own_ids]
        if not mine_here:
            continue
        day = _place_not_recorded(place_periods, records, calendars, stops, today)
        if day is None:
            continue
        label = _("%(place)s has not recorded attendance for %(date)s") % {
            "place": unit_name_in(mine_here[0].place_name, mine_here[0].place_name_sv),
            "date": day_label(day),
        }
        # The link opens the month of that day for one of the viewer's own clients whose
        # day it is still missing, not simply the first client at the place.
        missing = next(
            (
                p
                for p in mine_here
                if _kinds(p, records.get(p.pk, {}), calendars[p.pk], stops.get(p.pk, ()), day, day)
                == [(day, CellKind.EXPECTED)]
            ),
            mine_here[0],
        )
        url = (
            f"{reverse('attendance:period_attendance', args=[missing.pk])}"
            f"?kk={day:%Y-%m}&paiva={day:%Y-%m-%d}"
        )
        items.append(WorkItem("place_not_recorded", label, None, "", url, day))
    return items


def register() -> None:
    workqueue.register(attendance_alerts)
