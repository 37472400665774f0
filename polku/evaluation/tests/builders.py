"""Evaluation test state, built through the real services (STYLE.md §10)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from polku.accounts.models import User
from polku.accounts.roles import Role
from polku.attendance.tests.builders import running_period
from polku.clients.models import Client
from polku.evaluation import services
from polku.evaluation.models import Evaluation, Goal
from polku.placements.models import Period
from tests.factories import role_user
from tests.people import People


def goal_fields(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "wording": "Tulen työtoimintaan ajoissa kolmena päivänä viikossa.",
        "life_area": "daily_routine",
        "actions": "Herätyskello, bussiaikataulu.",
        "helper_name": "Ohjaaja Maija Mallikas",
        "helper_contact": "040 123 4567",
        "level_minus_2": "En käy lainkaan.",
        "level_minus_1": "Käyn yhtenä päivänä viikossa.",
        "level_0": "Käyn kolmena päivänä viikossa ajoissa.",
        "level_plus_1": "Käyn kolmena päivänä ja autan muita.",
        "level_plus_2": "Käyn neljänä päivänä viikossa.",
        "baseline": -1,
        "weight": None,
    }
    return fields | overrides


def client_user_for(period: Period) -> User:
    """A client login for the period's client (OmaPolku)."""
    user = role_user(Role.CLIENT, period.relationship.unit, first_name="Oona", last_name="Oma")
    Client.objects.filter(pk=period.relationship.client_id).update(user=user)
    period.relationship.client.user = user
    return user


def period_with_goals(
    people: People, *, goals: int = 2, starts_on: dt.date | None = None, months: int = 6
) -> tuple[Period, list[Goal]]:
    """A period under way at S11 (at ``people.place``) with ``goals`` goals."""
    period = running_period(people, starts_on=starts_on, months=months)
    made = [
        services.goal_create(
            actor=people.worker,
            relationship=period.relationship,
            **goal_fields(wording=f"Tavoite {n}: tulen ajoissa."),
        )
        for n in range(1, goals + 1)
    ]
    return period, made


def complete_sections(
    people: People, evaluation: Evaluation, goals: list[Goal], levels: list[int]
) -> None:
    """Every section of ``evaluation`` filled in and complete, each by its own party."""
    from polku.evaluation.selectors import section_of

    section = section_of(evaluation, "goals")
    services.goals_section_save(
        actor=people.worker,
        evaluation=evaluation,
        version=section.version,
        ratings={
            g.pk: {"level": lv, "actions": "Kävi", "helped": "Tuki", "next": "Jatketaan"}
            for g, lv in zip(goals, levels, strict=True)
        },
        complete=True,
    )
    section = section_of(evaluation, "place")
    services.place_section_save(
        actor=people.place_supervisor,
        evaluation=evaluation,
        version=section.version,
        ratings={
            row["key"]: {"value": 3, "comment": "Hyvin sujuu"}
            for row in evaluation.template.item_rows()
        },
        complete=True,
    )
    section = section_of(evaluation, "self")
    services.self_section_save(
        actor=people.worker,
        evaluation=evaluation,
        version=section.version,
        answers={"housing": "Asun yksin, viihdyn."},
        complete=True,
    )
