from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "polku.portal"
    label = "portal"
    verbose_name = _("OmaPolku")

    def ready(self) -> None:
        from polku.audit.events import register_types
        from polku.portal.events import PortalEvent, PortalRead

        register_types(PortalRead)
        register_types(PortalEvent)
