from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Jobs that run by themselves on the task runner (django-q2, docs/decisions/0019)."""

    name = "polku.jobs"
    label = "jobs"
    verbose_name = _("Scheduled jobs")
