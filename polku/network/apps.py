from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    """The service network (SPEC §7): partners and employers, their job and training
    opportunities, and the service map (*palvelukartta*) that gathers places and partners."""

    name = "polku.network"
    label = "network"
    verbose_name = _("Service network")

    def ready(self) -> None:
        from polku.audit.events import register_types
        from polku.network import servicemap
        from polku.network.events import NetworkEvent, NetworkRead

        register_types(NetworkEvent, NetworkRead)
        servicemap.register_source(servicemap.place_entries)
        servicemap.register_source(servicemap.partner_entries)
