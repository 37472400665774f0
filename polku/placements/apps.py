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
        from polku.placements import bases, checks, text, workitems
        from polku.placements.events import PlacementEvent, PlacementRead

        register_types(PlacementEvent, PlacementRead)
        checks.register()
        bases.register()
        checks_framework.register(text.analyser_check)
        workitems.register()
