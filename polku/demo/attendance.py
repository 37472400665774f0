"""Demo attendance for the placed clients (SPEC §4), recorded through the real services with the
clock set to each day, so every rule holds as it would have that day.

- Mikko Korhonen (S11, Toimintakeskus Verstas, Monday to Wednesday, 5 hours) has five weeks of
  days: mostly present with the period's hours (one shorter day), an own illness of two days
  with a doctor's certificate, a child's illness, a job interview he reported in advance from
  OmaPolku, one unexcused absence, a Wednesday moved by agreement to the Thursday, and a
  training day when the place was closed. The next of his days after today is an absence he
  reported from OmaPolku today.
- Johan Lindqvist (S10, the introductory period at Kierrätyskeskus Kiertokulku) has his days
  since the period began, one of them an illness; the place has not recorded his latest day
  (yesterday when yesterday was one of his days), so the "not recorded" alert has something to
  show.

Every date is relative to today; scripted days that do not fit (a short stretch after holidays)
are left as plain present days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone

from polku.accounts.models import User
from polku.attendance.days import Cell, CellKind
from polku.attendance.models import AbsenceReason, DayStatus, Notice
from polku.attendance.services import DayEntry, day_record, place_close
from polku.clients.models import Client
from polku.core import clock
from polku.placements.models import Period, PeriodKind
from polku.portal import selectors as portal_selectors
from polku.portal import services as portal

TRAINING_DAY = "Henkilökunnan koulutuspäivä"


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _cells(period: Period, first: dt.date, last: dt.date) -> list[Cell]:
    if last < first:
        return []
    return portal_selectors.period_days([period], first, last)[0].cells


def _expected(period: Period, first: dt.date, last: dt.date) -> list[dt.date]:
    return [cell.day for cell in _cells(period, first, last) if cell.kind == CellKind.EXPECTED]


def _record(actor: User, entry: DayEntry, hour: int = 15) -> None:
    with clock.frozen(_at(entry.day, hour)):
        day_record(actor=actor, entry=entry)


@dataclass
class _Plan:
    """What each past day of a period becomes (by day); the rest are present."""

    entries: dict[dt.date, DayEntry]
    by_client: dict[dt.date, str]  # days the client reported from OmaPolku: the reason
    moved_to: dt.date | None = None


def _moved_day(period: Period, days: Sequence[dt.date], today: dt.date) -> dt.date | None:
    """A day of ``days`` whose next day is a free organised day before today (a Wednesday whose
    Thursday the place is open), latest first."""
    for day in reversed(days):
        target = day + dt.timedelta(days=1)
        if target >= today or target.isoweekday() in period.weekday_numbers:
            continue
        cell = _cells(period, target, target)[0]
        if cell.kind == CellKind.NONE:
            return day
    return None


def _mikko_plan(period: Period, days: list[dt.date], today: dt.date) -> _Plan:
    plan = _Plan(entries={}, by_client={})

    def absent(
        index: int, reason: str, notice: str, note: str, certificate_on: dt.date | None = None
    ) -> None:
        if index < len(days) - 1:  # the last day before today stays a plain present day
            day = days[index]
            plan.entries[day] = DayEntry(
                period=period,
                day=day,
                status=DayStatus.ABSENT,
                reason=reason,
                notice=notice,
                note=note,
                certificate_on=certificate_on,
            )

    absent(
        4,
        AbsenceReason.OWN_ILLNESS,
        Notice.ON_THE_DAY,
        "Soitti aamulla: kuumetta. Lääkärintodistus kahdelta päivältä.",
    )
    if 5 < len(days):
        absent(
            5,
            AbsenceReason.OWN_ILLNESS,
            Notice.ON_THE_DAY,
            "Lääkärintodistus tuotu.",
            certificate_on=days[4],
        )
    absent(7, AbsenceReason.CHILD_ILLNESS, Notice.ON_THE_DAY, "Lapsi kuumeessa, ei hoitopaikkaa.")
    if 9 < len(days) - 1:
        plan.by_client[days[9]] = AbsenceReason.EMPLOYMENT
    absent(
        11,
        AbsenceReason.OTHER,
        Notice.NOT_REPORTED,
        "Ei ilmoittanut eikä vastannut puhelimeen.",
    )
    moved = _moved_day(period, days[12:-1], today)
    if moved is not None:
        plan.moved_to = moved + dt.timedelta(days=1)
        plan.entries[moved] = DayEntry(
            period=period,
            day=moved,
            status=DayStatus.MOVED,
            moved_to=plan.moved_to,
            note="Sovittu korvaava päivä: torstai, koska keskiviikkona on lääkäriaika.",
        )
    return plan


def _walk(
    period: Period, supervisor: User, client_user: User | None, plan: _Plan, days: list[dt.date]
) -> None:
    """Record ``days`` in date order, each on its own day: the plan's entries, the client's
    own reports (from OmaPolku, three days before), and present for the rest."""
    person = period.relationship.client
    record_days = sorted({*days, *([plan.moved_to] if plan.moved_to else [])})
    for index, day in enumerate(record_days):
        if day in plan.by_client and client_user is not None:
            with clock.frozen(_at(day - dt.timedelta(days=3), 18)):
                portal.absence_report(
                    actor=client_user,
                    client=person,
                    first_day=day,
                    reason=plan.by_client[day],
                    note="Työhaastattelu varastotyöhön klo 10.",
                )
            continue
        entry = plan.entries.get(day)
        if entry is None:
            shorter = index == 2
            entry = DayEntry(
                period=period,
                day=day,
                status=DayStatus.PRESENT,
                hours=period.hours_per_day - 1 if shorter else None,
                note="Lähti aiemmin hammaslääkäriin." if shorter else "",
            )
        _record(supervisor, entry, hour=8 if entry.status == DayStatus.MOVED else 15)


def create_attendance(users: dict[str, User]) -> None:
    """The placed clients' days (see the module docstring)."""
    today = clock.today()
    mikko = Period.objects.select_related("relationship__client", "place").get(
        relationship__client__user__username="mikko.korhonen", kind=PeriodKind.FULL
    )
    supervisor = users["marko.heikkinen"]
    mikko_user = users["mikko.korhonen"]
    # A training day in the third week, marked closed when the period began.
    training = next(iter(_expected(mikko, mikko.starts_on + dt.timedelta(days=15), today)), None)
    if training is not None and training < today - dt.timedelta(days=1):
        with clock.frozen(_at(mikko.starts_on, 9)):
            place_close(
                actor=supervisor,
                place=mikko.place,
                first_day=training,
                last_day=training,
                reason=TRAINING_DAY,
            )
    days = _expected(mikko, mikko.starts_on, today - dt.timedelta(days=1))
    _walk(mikko, supervisor, mikko_user, _mikko_plan(mikko, days, today), days)
    # The next of his days: he reports it from OmaPolku today.
    coming = _expected(mikko, today + dt.timedelta(days=1), today + dt.timedelta(days=21))
    if coming:
        portal.absence_report(
            actor=mikko_user,
            client=Client.objects.get(user=mikko_user),
            first_day=coming[0],
            reason=AbsenceReason.EMPLOYMENT,
            note="Työllisyysalueen tapaaminen aamupäivällä.",
        )

    johan = Period.objects.select_related("relationship__client", "place").get(
        relationship__client__user__username="johan.lindqvist", kind=PeriodKind.INTRODUCTORY
    )
    johan_days = _expected(johan, johan.starts_on, today - dt.timedelta(days=1))[:-1]
    plan = _Plan(entries={}, by_client={})
    if len(johan_days) >= 3:
        plan.entries[johan_days[1]] = DayEntry(
            period=johan,
            day=johan_days[1],
            status=DayStatus.ABSENT,
            reason=AbsenceReason.OWN_ILLNESS,
            notice=Notice.ON_THE_DAY,
            note="Ringde på morgonen: förkyld.",
        )
    _walk(johan, users["leena.koskinen"], None, plan, johan_days)
