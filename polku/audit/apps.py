from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "polku.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from polku.audit.database import register_sqlite_function

        # Infrastructure, not auditing: the SQLite trigger's function on every new connection.
        connection_created.connect(register_sqlite_function, dispatch_uid="polku_audit_sqlite")
