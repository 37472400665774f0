from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttendanceConfig(AppConfig):
    """Attendance and absences at the place (SPEC §4, §6 place portal, §2 S11): the place's
    day and week, absences with their rules, the client's own report, alerts to the
    responsible worker, interruption and the month report."""

    name = "polku.attendance"
    label = "attendance"
    verbose_name = _("Attendance")

    def ready(self) -> None:
        from polku.attendance import days
        from polku.attendance.events import AttendanceEvent, AttendanceRead
        from polku.audit.events import register_types

        register_types(AttendanceEvent, AttendanceRead)
        days.register()
        from polku.attendance import workitems

        workitems.register()
