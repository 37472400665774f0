from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "polku.accounts"
    label = "accounts"
    verbose_name = _("Users and organisation")

    def ready(self) -> None:
        from polku.accounts.events import AccountEvent
        from polku.audit.events import register_types

        register_types(AccountEvent)
