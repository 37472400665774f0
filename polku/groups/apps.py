from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    """Group-form work activity and low-threshold groups (SPEC §7, §4): groups, sessions,
    enrolments and attendance per session."""

    name = "polku.groups"
    label = "groups"
    verbose_name = _("Groups")

    def ready(self) -> None:
        from polku.audit.events import register_types
        from polku.groups.events import GroupEvent, GroupRead
        from polku.groups.participation import (
            group_hours_of_day,
            group_participation_days,
            group_planned_days,
        )
        from polku.groups.servicemap import map_entries
        from polku.network.servicemap import register_source
        from polku.placements.participation import (
            register_other_days,
            register_other_hours,
            register_other_planned_days,
        )

        register_types(GroupEvent, GroupRead)
        # Group days count with place days for the 178-day rule (189/2001 §14 1 mom).
        register_other_days(group_participation_days)
        # Their planned sessions share the calendar weeks of a place period being planned.
        register_other_planned_days(group_planned_days)
        # A place's day counts the hours in a group that day (189/2001 §14 1 mom).
        register_other_hours(group_hours_of_day)
        # The service map shows the groups beside the places and partners (SPEC §7).
        register_source(map_entries)
