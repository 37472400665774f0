from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathwaysConfig(AppConfig):
    name = "polku.pathways"
    label = "pathways"
    verbose_name = _("Pathway and plans")

    def ready(self) -> None:
        from polku.audit.events import register_types
        from polku.pathways import checks, workitems
        from polku.pathways.events import PathwayEvent, PathwayRead

        register_types(PathwayEvent, PathwayRead)
        checks.register()
        workitems.register()

        from polku.clients.models import MeetingKind, Stage
        from polku.clients.selectors import (
            register_meeting_page,
            register_relationship_page,
            register_stage_done,
            register_timeline_hide,
        )
        from polku.pathways.selectors import (
            assessment_completed,
            joint_meeting_held_url,
            joint_meeting_invitation_url,
            plan_links_to_booked_joint_meetings,
        )

        # S3 → S5 passes S4: the stepper shows it done only with a completed assessment.
        register_stage_done(Stage.S4_ASSESSMENT, assessment_completed)
        # The joint meeting's invitation and its record as held are the plan's pages.
        register_meeting_page(MeetingKind.JOINT, "record", joint_meeting_held_url)
        register_meeting_page(MeetingKind.JOINT, "invitation", joint_meeting_invitation_url)
        # The plans page, from the first stage on, on the client page.
        register_relationship_page(_("Plans"), "pathways:plans", Stage.S1_STARTED)
        # Booking the joint meeting also links it to the plan: one thing done, one entry.
        register_timeline_hide(plan_links_to_booked_joint_meetings)
