from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    """Work-activity places, the introductory visit, kuty periods, decisions and the notice to
    the chief shop steward (SPEC §1, §2 S8–S10, §3)."""

    name = "polku.placements"
    label = "placements"
    verbose_name = _("Placements")

    def ready(self) -> None:
        from django.core import checks as checks_framework

        from polku.audit.events import register_types
        from polku.clients.models import Stage
        from polku.clients.selectors import register_relationship_page, register_value_label
        from polku.placements import bases, checks, documents, text, workitems
        from polku.placements.events import PlacementEvent, PlacementRead

        register_types(PlacementEvent, PlacementRead)
        checks.register()
        bases.register()
        checks_framework.register(text.analyser_check)
        # A period's weekdays are stored as ISO digits; the timeline shows their names.
        register_value_label("placements.Period", "weekdays", documents.weekday_names)
        # The placement page on the client page, once the second plan has chosen a place.
        register_relationship_page(
            _("Placement"), "placements:placement", Stage.S8_INTRODUCTORY_VISIT
        )
        workitems.register()
