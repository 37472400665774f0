"""Partners and opportunities through the real services (STYLE.md §10)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from polku.accounts.models import User
from polku.core import clock
from polku.network import services
from polku.network.models import Opportunity, Partner


def partner(actor: User, name: str = "Kierrätyskeskus Oy", **fields: Any) -> Partner:
    return services.partner_create(actor=actor, name=name, **fields)


def opportunity(
    actor: User,
    partner_: Partner,
    *,
    title: str = "Työkokeilu myymälässä",
    kind: str = "work_trial",
    starts_in: int = 0,
    ends_in: int | None = 60,
    public: bool = True,
    **fields: Any,
) -> Opportunity:
    today = clock.today()
    return services.opportunity_create(
        actor=actor,
        kind=kind,
        partner=partner_,
        title=title,
        starts_on=today + dt.timedelta(days=starts_in),
        ends_on=today + dt.timedelta(days=ends_in) if ends_in is not None else None,
        public=public,
        **fields,
    )
