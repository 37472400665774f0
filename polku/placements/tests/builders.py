"""Placement test state, built through the real services (STYLE.md §10)."""

from __future__ import annotations

from polku.clients.models import ClientRelationship, Stage
from polku.core import clock
from polku.pathways import services as pathway_services
from tests.builders import pathway_through_s7
from tests.people import People


def at_s8(people: People) -> ClientRelationship:
    """A relationship walked through S1–S7 whose signed second plan chose a place, at S8."""
    second = pathway_through_s7(
        worker=people.worker, unit=people.unit, authority=people.employment_authority
    )
    for party in ("client", "worker", "official"):
        pathway_services.plan_sign(
            actor=people.worker,
            plan=second,
            party=party,
            signer_name="Allekirjoittaja",
            method="paper",
            signed_on=clock.today(),
        )
    relationship = second.relationship
    relationship.refresh_from_db()
    pathway_services.transition(
        actor=people.worker, relationship=relationship, target=Stage.S8_INTRODUCTORY_VISIT
    )
    relationship.refresh_from_db()
    return relationship
