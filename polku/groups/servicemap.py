"""The groups on the service map (docs/subsystems/network.md): every group that has not ended,
with its kind, days and times, where it meets and the partner it is run with."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext, pgettext

from polku.groups.models import Group
from polku.network.models import HelpKind
from polku.network.servicemap import MapEntry


def map_entries(today: dt.date) -> list[MapEntry]:
    """One query: the groups not yet ended, with their place's and organiser's municipality."""
    groups = Group.objects.filter(ends_on__gte=today).select_related(
        "place__municipality", "organiser__municipality", "partner"
    )
    label = pgettext("service map", "Group")
    entries = []
    for group in groups:
        home = group.place or group.organiser
        when = gettext("%(days)s %(start)s–%(end)s, %(first)s–%(last)s") % {
            "days": group.weekday_labels,
            "start": time_format(group.starts_at, "G.i"),
            "end": time_format(group.ends_at, "G.i"),
            "first": date_format(group.starts_on, "SHORT_DATE_FORMAT"),
            "last": date_format(group.ends_on, "SHORT_DATE_FORMAT"),
        }
        where = group.place.display_name if group.place else group.location
        kind = str(group.get_kind_display())
        summary = "; ".join(part for part in (kind, when, where, group.partner_label) if part)
        entries.append(
            MapEntry(
                source="group",
                source_label=label,
                name=group.name,
                field="",  # a group has no field of work; its kind is in the summary
                municipality=home.municipality.display_name if home.municipality else "",
                help=(HelpKind.GROUPS.value,),
                summary=summary,
                url=reverse("groups:detail", args=[group.pk]),
            )
        )
    return entries
