from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClientsConfig(AppConfig):
    name = "polku.clients"
    label = "clients"
    verbose_name = _("Clients")

    def ready(self) -> None:
        from polku.audit.events import register_types
        from polku.clients.events import ClientEvent, ClientRead

        register_types(ClientEvent, ClientRead)

        from polku.accounts.identification import register_client_resolver
        from polku.clients.services.omapolku import omapolku_user_for

        register_client_resolver(omapolku_user_for)
