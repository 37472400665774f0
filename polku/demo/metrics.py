"""Demo pathways for the manager's dashboard (polku.metrics): 48 clients of both social-services
units over the last eleven months, at every step, so the demo manager (riitta.manninen) sees
figures above the small-cell limit. Written straight through the models with fixed random
choices (as the benchmark's generator), dated back from today; the names are plainly made up.
They have no attendance days: the demo's days are recorded through the services on the places'
open days, each with its change event (polku.demo.attendance), and these are not."""

from __future__ import annotations

import datetime as dt
import random

from polku.accounts.models import ProducerType, RoleAssignment, Unit, User
from polku.accounts.roles import Role
from polku.closure.models import CallNeed, CallOutcome
from polku.core import clock
from polku.metrics.tests import builders as b

COUNT = 48
USERNAME = "eeva.esimerkki"
DESTINATIONS = (
    "open_market_work",
    "pay_subsidised_work",
    "studies",
    "studies",
    "new_kuty_period",
    "social_rehabilitation",
    "health_or_rehabilitation",
    "other_employment_service",
)


def create_metrics_pathways(units: dict[str, Unit]) -> None:
    """The pathways, owned by a worker of their own (no login), so that no demo caseload, place
    day or work queue shows them: every period has ended."""
    rng = random.Random(20)
    today = clock.today()
    places = list(
        Unit.objects.places()
        .filter(parent=units["organiser"])
        .exclude(producer_type=ProducerType.COMPANY)
        .order_by("pk")
    )
    worker = User.objects.create_user(
        username=USERNAME,
        password=None,
        first_name="Eeva",
        last_name="Esimerkki",
        title="sosiaaliohjaaja",
    )
    for key in ("sos_j", "sos_k"):
        RoleAssignment.objects.create(user=worker, role=Role.WORKER, unit=units[key])
    pairs = [(units["sos_j"], worker), (units["sos_k"], worker)]
    for i in range(COUNT):
        unit, worker = pairs[i % 2]
        contact = today - dt.timedelta(days=330 - (i * 4) % 200)
        assigned = contact + dt.timedelta(days=rng.randint(0, 6))
        met = assigned + dt.timedelta(days=rng.randint(5, 20))
        signed = met + dt.timedelta(days=rng.randint(10, 40))
        start = signed + dt.timedelta(days=rng.randint(14, 45))
        end = start + dt.timedelta(days=rng.choice((60, 90, 120)))
        # One whose period would still be under way stops at the plan: no place day shows it.
        has_period = end <= today - dt.timedelta(days=5)
        born = dt.date(rng.randint(1966, 2004), rng.randint(1, 12), rng.randint(1, 28))
        made = b.pathway(
            unit=unit,
            worker=worker,
            contact=contact,
            born=born,
            female=rng.random() < 0.45,
            assigned=assigned,
            met=met,
            informed=rng.random() < 0.85,
            signed=signed,
            options=rng.choice((1, 2, 2, 3)),
            review_due=signed + dt.timedelta(days=120),
            place=places[i % len(places)] if has_period else None,
            start=start if has_period else None,
            end=end,
            visit=rng.random() < 0.8,
            notice=rng.random() < 0.7,
            stage="s11" if start else "s7",
        )
        period = made.get("period")
        if period is None:
            continue
        if rng.random() < 0.2:
            b.interruption(
                period,
                worker,
                on=start + dt.timedelta(days=20),
                reason=rng.choice(("health", "life_situation", "employment", "absences")),
            )
        if end < today:
            b.finish_period(
                period,
                worker,
                evaluated=rng.random() < 0.8,
                certificate=rng.random() < 0.75,
                follow_up=rng.random() < 0.7,
                levels=tuple(rng.choice((-1, 0, 0, 1, 1, 2)) for _g in range(rng.randint(2, 3))),
            )
            closed_on = end + dt.timedelta(days=rng.randint(1, 10))
            if closed_on < today:
                due = closed_on + dt.timedelta(days=36) <= today
                called = due and rng.random() < 0.75
                reached = rng.random() < 0.7
                b.close(
                    made["relationship"],
                    worker,
                    on=closed_on,
                    destination=rng.choice(DESTINATIONS),
                    call=(CallOutcome.REACHED if reached else CallOutcome.NOT_REACHED)
                    if called
                    else None,
                    need=CallNeed.NO_NEED if reached else "",
                )
