"""The filters and the selection of client relationships every figure starts from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from polku.accounts.models import Unit
from polku.clients.models import (
    ClientRelationship,
)
from polku.metrics.models import AttendanceMonth, PeriodFact, RelationshipFact
from polku.placements.models import (
    Period,
    PeriodStatus,
)

# --- Filters -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgeBand:
    key: str
    label: Any
    low: int  # age at the end of the period, inclusive
    high: int | None  # exclusive


AGE_BANDS = (
    AgeBand("u25", _("Under 25"), 0, 25),
    AgeBand("25-29", _("25–29"), 25, 30),
    AgeBand("30-49", _("30–49"), 30, 50),
    AgeBand("50-54", _("50–54"), 50, 55),
    AgeBand("55+", _("55 and over"), 55, None),
)
AGE_BAND = {b.key: b for b in AGE_BANDS}

FEMALE, MALE, UNKNOWN = "female", "male", "unknown"
GENDERS = (
    (FEMALE, pgettext_lazy("gender", "Women")),
    (MALE, pgettext_lazy("gender", "Men")),
    (UNKNOWN, pgettext_lazy("gender", "Not known")),
)
EVEN_DIGITS = ("0", "2", "4", "6", "8")
ODD_DIGITS = ("1", "3", "5", "7", "9")


@dataclass(frozen=True)
class Filters:
    starts_on: dt.date
    ends_on: dt.date
    municipality: Unit | None = None
    unit: Unit | None = None
    place: Unit | None = None
    producer_type: str = ""
    age_band: str = ""
    gender: str = ""

    @property
    def organisational(self) -> bool:
        return bool(self.municipality or self.unit or self.place or self.producer_type)


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def age_q(band: AgeBand, on: dt.date, prefix: str = "client__") -> Q:
    """Age ``low ≤ age < high`` on ``on`` as a birth-date range (indexable, portable)."""
    q = Q(**{f"{prefix}birth_date__lte": years_before(on, band.low)})
    if band.high is not None:
        q &= Q(**{f"{prefix}birth_date__gt": years_before(on, band.high)})
    return q


def gender_digit(path: str = "client__identity_code") -> Any:
    """The identity code's gender digit (the 10th character: odd men, even women); a missing
    or temporary code has none (docs/decisions/0017-metrics.md)."""
    return Case(
        When(
            **{f"{path}__regex": r"^[0-9]{6}[-+A-FU-Y][0-9]{3}[0-9A-Y]$"}, then=Substr(path, 10, 1)
        ),
        default=Value(""),
    )


def gender_q(gender: str) -> Q:
    if gender == FEMALE:
        return Q(gender_digit__in=EVEN_DIGITS)
    if gender == MALE:
        return Q(gender_digit__in=ODD_DIGITS)
    return ~Q(gender_digit__in=EVEN_DIGITS + ODD_DIGITS)


# --- Selections --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """Client relationships of ``unit_ids`` and the filters; ``organisational`` False leaves out
    municipality, unit, place and producer type (the organiser as a whole)."""

    unit_ids: frozenset[int]
    filters: Filters
    today: dt.date
    organisational: bool = True

    @property
    def start(self) -> dt.date:
        return self.filters.starts_on

    @property
    def end(self) -> dt.date:
        return self.filters.ends_on

    @property
    def last_day(self) -> dt.date:
        """The period's last day that has already come."""
        return min(self.end, self.today)

    @property
    def basis(self) -> tuple[frozenset[int], Filters, dt.date]:
        """What the selection's figures depend on: two selections with the same basis count the
        same relationships (the organiser as a whole and a manager of all its units who chose
        no municipality, unit, place or producer type), so their figures are counted once."""
        f = self.filters
        if not self.organisational:
            f = replace(f, municipality=None, unit=None, place=None, producer_type="")
        return (self.unit_ids, f, self.today)

    def _period_filters(self) -> Q:
        f = self.filters
        q = Q()
        if self.organisational and f.place is not None:
            q &= Q(place=f.place)
        if self.organisational and f.producer_type:
            q &= Q(place__producer_type=f.producer_type)
        return q

    def _unit_q(self, municipality: str = "municipality") -> Q:
        """Municipality and unit chosen (the organiser as a whole has neither)."""
        f = self.filters
        q = Q()
        if self.organisational and f.municipality is not None:
            q &= Q(**{municipality: f.municipality})
        if self.organisational and f.unit is not None:
            q &= Q(unit=f.unit)
        return q

    def _person_q(self, prefix: str = "") -> Q:
        """Age band and gender (a ``gender_digit`` beside ``prefix``'s birth date)."""
        f = self.filters
        q = Q()
        if f.age_band in AGE_BAND:
            q &= age_q(AGE_BAND[f.age_band], f.ends_on, prefix=prefix)
        if f.gender:
            q &= gender_q(f.gender)
        return q

    def relationships(self) -> QuerySet[ClientRelationship]:
        """Every relationship of the selection, of any time (the figures add their dates)."""
        qs = ClientRelationship.objects.filter(
            self._unit_q("unit__municipality"), unit_id__in=self.unit_ids
        )
        period_q = self._period_filters()
        if period_q:
            qs = qs.filter(
                Exists(
                    Period.objects.filter(period_q, relationship=OuterRef("pk")).exclude(
                        status=PeriodStatus.CANCELLED
                    )
                )
            )
        if self.filters.gender:
            qs = qs.annotate(gender_digit=gender_digit())
        return qs.filter(self._person_q("client__"))

    def active_q(self) -> Q:
        """A relationship open at some time in the period."""
        return Q(started_on__lte=self.end) & (
            Q(ended_on__isnull=True) | Q(ended_on__gte=self.start)
        )

    def _period_fact_filters(self) -> Q:
        """Place and producer type chosen, on the facts' and the summary's own columns."""
        f = self.filters
        q = Q()
        if self.organisational and f.place is not None:
            q &= Q(place=f.place)
        if self.organisational and f.producer_type:
            q &= Q(producer_type=f.producer_type)
        return q

    def relationship_facts(self) -> QuerySet[RelationshipFact]:
        """:meth:`relationships` read from the nightly facts (polku.metrics.facts): the same
        filters on the same values, as the records were when they were counted."""
        qs = RelationshipFact.objects.filter(
            self._unit_q(), self._person_q(), unit_id__in=self.unit_ids
        )
        period_q = self._period_fact_filters()
        if period_q:
            qs = qs.filter(
                Exists(PeriodFact.objects.filter(period_q, relationship=OuterRef("relationship")))
            )
        return qs

    def period_facts(self) -> QuerySet[PeriodFact]:
        """:meth:`periods` read from the nightly facts (cancelled periods have none)."""
        return PeriodFact.objects.filter(
            self._period_fact_filters(),
            relationship__in=self.relationship_facts().values("relationship"),
        )

    def attendance_months(self) -> QuerySet[AttendanceMonth]:
        """The attendance summary's rows of :meth:`periods`, chosen by the dimensions each row
        carries (as the records were when counted; polku.metrics.summary)."""
        return AttendanceMonth.objects.filter(
            self._unit_q(),
            self._period_fact_filters(),
            self._person_q(),
            unit_id__in=self.unit_ids,
        )

    def periods(self) -> QuerySet[Period]:
        """The relationships' work-activity periods (not cancelled), at the place and producer
        type chosen."""
        return Period.objects.filter(
            self._period_filters(), relationship__in=self.relationships().values("pk")
        ).exclude(status=PeriodStatus.CANCELLED)


# --- Counting helpers --------------------------------------------------------------------------


def persons(path: str = "client", **filters: Any) -> Count:
    """Distinct persons (clients), optionally of rows matching ``filters`` (a Q)."""
    return Count(path, distinct=True, **filters)


def grouped(qs: QuerySet[Any], key: Any, path: str) -> QuerySet[Any]:
    """Persons (distinct ``path``) per ``key`` of ``qs``: rows ``key, n`` that :func:`counts`
    reads together with other figures' rows."""
    return qs.annotate(key=key).values("key").annotate(n=persons(path)).order_by()


def counts(**parts: QuerySet[Any]) -> dict[str, dict[Any, int]]:
    """The rows of the :func:`grouped` ``parts`` in one query (``UNION ALL``, each part's rows
    marked with its name; the parts' keys must be of one type): ``n`` per key per part, a part
    with no rows empty."""
    result: dict[str, dict[Any, int]] = {name: {} for name in parts}
    first, *rest = (qs.annotate(figure=Value(name)) for name, qs in parts.items())
    for row in first.union(*rest, all=True) if rest else first:
        result[row["figure"]][row["key"]] = row["n"]
    return result


@dataclass(frozen=True)
class Share:
    done: int
    of: int
    persons: int  # persons in the denominator

    @property
    def ratio(self) -> float | None:
        return self.done / self.of if self.of else None
