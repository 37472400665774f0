from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


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
