"""The kuty period: every §9 item required, and each legal limit refused with its rule and
section, nothing written (SPEC §3, "Bad input" of the placement issue)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from polku.accounts.models import ProducerType, Unit, UnitKind
from polku.audit.models import AuditEvent
from polku.clients.models import ClientRelationship
from polku.core.errors import CommonError
from polku.placements import services
from polku.placements.errors import PlacementError
from polku.placements.models import Period, PeriodKind, PlaceProfile
from polku.placements.selectors import chosen_place
from polku.placements.tests.builders import at_s8
from tests.people import People

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2027, 1, 4)


def period_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": PeriodKind.FULL,
        "starts_on": MONDAY,
        "ends_on": dt.date(2027, 7, 3),
        "weekdays": "1234",
        "hours_per_day": Decimal(5),
        "goal": "Päivärytmi ja työelämävalmiudet",
        "description": "Puutyöt verstaalla",
        "tasks": "Puusepäntyöt",
        "support_and_guidance": "Ohjaaja päivittäin, vastuutyöntekijä kuukausittain",
        "other_services": "Ei muita palveluita",
        "evaluate_by": dt.date(2027, 4, 1),
    }
    data |= changes
    return data


def plan(people: People, relationship: ClientRelationship, place: Unit, **changes: Any) -> Period:
    return services.period_plan(
        actor=people.worker, relationship=relationship, place=place, **period_data(**changes)
    )


def refused_codes(
    people: People, relationship: ClientRelationship, place: Unit, **changes: Any
) -> dict[str, list[Any]]:
    before = Period.objects.count()
    with pytest.raises(ValidationError) as refused:
        plan(people, relationship, place, **changes)
    assert Period.objects.count() == before
    error = refused.value
    if hasattr(error, "error_dict"):
        return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}
    return {"__all__": [e.code for e in error.error_list]}


@pytest.fixture
def ready(people: People) -> tuple[ClientRelationship, Unit]:
    relationship = at_s8(people)
    place = chosen_place(relationship)
    assert place is not None
    return relationship, place


def test_a_period_with_every_section_9_item_is_planned_and_audited(
    people: People, ready: tuple[ClientRelationship, Unit]
) -> None:
    relationship, place = ready
    period = plan(people, relationship, place)
    assert period.weekdays == "1234"
    event = AuditEvent.objects.get(record_type="placements.Period", record_id=str(period.pk))
    assert event.what == "work-activity period"
    assert event.changes["goal"][1] == "Päivärytmi ja työelämävalmiudet"


def test_every_section_9_item_is_required(
    people: People, ready: tuple[ClientRelationship, Unit]
) -> None:
    relationship, place = ready
    codes = refused_codes(
        people, relationship, place, goal=" ", support_and_guidance="", evaluate_by=None
    )
    assert codes == {
        "goal": [CommonError.REQUIRED],
        "support_and_guidance": [CommonError.REQUIRED],
        "evaluate_by": [CommonError.REQUIRED],
    }


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"ends_on": dt.date(2027, 3, 3)}, "ends_on", PlacementError.PERIOD_TOO_SHORT),
        ({"ends_on": dt.date(2029, 2, 3)}, "ends_on", PlacementError.PERIOD_TOO_LONG),
        ({"weekdays": "12345"}, "weekdays", PlacementError.TOO_MANY_DAYS_A_WEEK),
        ({"hours_per_day": Decimal(3)}, "hours_per_day", PlacementError.TOO_FEW_HOURS_A_DAY),
        ({"hours_per_day": Decimal(9)}, "hours_per_day", PlacementError.TOO_MANY_HOURS_A_DAY),
    ],
)
def test_each_limit_is_refused_with_its_code(
    people: People,
    ready: tuple[ClientRelationship, Unit],
    changes: dict[str, Any],
    field: str,
    code: str,
) -> None:
    relationship, place = ready
    assert code in refused_codes(people, relationship, place, **changes)[field]


def test_the_message_names_the_rule_and_its_section_in_the_users_language(
    people: People, ready: tuple[ClientRelationship, Unit]
) -> None:
    relationship, place = ready
    with translation.override("fi"), pytest.raises(ValidationError) as refused:
        plan(people, relationship, place, ends_on=dt.date(2027, 3, 3))
    assert "13 b §" in refused.value.error_dict["ends_on"][0].messages[0]
    with translation.override("sv"), pytest.raises(ValidationError) as refused:
        plan(people, relationship, place, weekdays="12345")
    assert "§" in refused.value.error_dict["weekdays"][0].messages[0]


def test_the_179th_participation_day_in_12_months_is_refused_across_periods(
    people: People, ready: tuple[ClientRelationship, Unit]
) -> None:
    relationship, place = ready
    # 4 days a week for 6 months is about 104 days; a second such period inside the same
    # 12 months passes 178.
    plan(people, relationship, place)
    codes = refused_codes(
        people,
        relationship,
        place,
        starts_on=dt.date(2027, 7, 5),
        ends_on=dt.date(2027, 12, 31),
        evaluate_by=dt.date(2027, 10, 1),
    )
    assert codes == {"starts_on": [PlacementError.PARTICIPATION_DAYS_EXCEEDED]}


def test_a_company_cannot_produce_kuty(
    people: People, ready: tuple[ClientRelationship, Unit]
) -> None:
    relationship, _ = ready
    assert people.company_place.producer_type == ProducerType.COMPANY
    codes = refused_codes(people, relationship, people.company_place)
    assert codes["place"] == [PlacementError.COMPANY_PRODUCER]


def test_a_place_120_km_away_needs_the_clients_consent(
    people: People, ready: tuple[ClientRelationship, Unit]
) -> None:
    relationship, _ = ready
    client = relationship.client
    client.postal_code = "00100"  # Helsinki
    client.save()
    far = Unit.objects.create(
        kind=UnitKind.WORK_ACTIVITY_PLACE,
        name="Kaukainen paja",
        producer_type=ProducerType.ASSOCIATION,
        parent=people.organiser,
        postal_code="33100",  # Tampere, about 160 km
    )
    PlaceProfile.objects.create(place=far, capacity=2)
    codes = refused_codes(people, relationship, far)
    assert codes["place"] == [PlacementError.TOO_FAR_WITHOUT_CONSENT]
    period = plan(people, relationship, far, far_consent=True)
    assert period.distance_km is not None
    assert period.distance_km > 120
