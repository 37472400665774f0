"""An option is named once: the client's own option does not say "client's own" twice."""

from __future__ import annotations

import pytest
from django.urls import reverse

from polku.pathways import services
from polku.pathways.models import OptionKind
from polku.pathways.tests.test_plans import pdf_text
from tests.builders import draft_plan
from tests.people import People

pytestmark = pytest.mark.django_db


def test_the_clients_own_option_says_so_once(client, people: People) -> None:
    plan = draft_plan(worker=people.worker, unit=people.unit)
    services.option_add(
        actor=people.worker, plan=plan, kind=OptionKind.OWN, note="Kansalaisopiston puutyökurssi"
    )
    services.option_add(
        actor=people.worker,
        plan=plan,
        kind=OptionKind.EDUCATION,
        note="Ammattiopiston kurssi",
        proposed_by_client=True,
    )
    client.force_login(people.worker)
    page = client.get(reverse("pathways:plan", args=[plan.pk])).text
    options = page[page.index("Kansalaisopiston") - 200 : page.index("Ammattiopiston") + 200]
    pdf = pdf_text(
        client.post(reverse("pathways:plan_pdf", args=[plan.pk]), {"recipient": "client"}).content
    )
    start = options.index("Asiakkaan oma vaihtoehto")
    on_page = options[start : options.index("<form", start)]  # the row, not its remove button
    pdf = " ".join(pdf.split())
    on_pdf = pdf[pdf.index("Asiakkaan oma vaihtoehto") : pdf.index("Ammattiopiston")]
    for own in (on_page, on_pdf):
        assert "Kansalaisopiston puutyökurssi" in own
        assert own.lower().count("asiakkaan oma") == 1, own
    # another kind the client proposed keeps its mark
    assert "asiakkaan oma" in options[options.index("Ammattiopiston") :].lower()
    assert "asiakkaan oma" in pdf[pdf.index("Ammattiopiston") :].lower()
