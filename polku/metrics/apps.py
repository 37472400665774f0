from typing import Any

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def _bit_count(value: int | None) -> int | None:
    return None if value is None else int(value).bit_count()


def sqlite_functions(sender: Any, connection: Any, **kwargs: Any) -> None:
    """SQLite has no population count: the attendance summary's day bits
    (``polku.metrics.summary.BitCount``) are counted by this function on every connection."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("polku_bit_count", 1, _bit_count, deterministic=True)


class MetricsConfig(AppConfig):
    """The manager's metrics (SPEC §6 manager, §9): the dashboard of the pathway measured from
    the work itself, its charts and PDF, the yearly statistics in the shape of THL's municipal
    survey, and the audited exports. Pseudonymous: aggregates only, cells under five persons
    suppressed. Reads every app below it; nothing imports it."""

    name = "polku.metrics"
    label = "metrics"
    verbose_name = _("Metrics")

    def ready(self) -> None:
        from polku.audit.events import register_types
        from polku.metrics.events import MetricsEvent, MetricsRead

        register_types(MetricsEvent)
        register_types(MetricsRead)
        connection_created.connect(sqlite_functions, dispatch_uid="polku.metrics.sqlite")
