"""The pathway as the client page shows it: the stepper, the next steps, and the pages later apps
register for their meeting types and skippable stages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from polku.clients.models import ClientRelationship, Meeting, MeetingStatus, Outcome, Stage

MeetingPage = Callable[[Meeting], str | None]
_MEETING_PAGES: dict[tuple[str, str], MeetingPage] = {}


def register_meeting_page(kind: str, page: str, url: MeetingPage) -> None:
    """The app that owns a meeting type says where its ``"record"`` and ``"invitation"`` pages
    are (the joint meeting: the plan's pages), so one meeting has one invitation and one record."""
    _MEETING_PAGES[(kind, page)] = url


def meeting_page(meeting: Meeting, page: str) -> str | None:
    """The URL of the meeting type's own page, or None for the general meeting's page."""
    url = _MEETING_PAGES.get((meeting.kind, page))
    return url(meeting) if url is not None else None


@dataclass(frozen=True)
class StepperStage:
    stage: Stage
    state: str  # "done", "skipped", "current", "upcoming"


StageDone = Callable[[ClientRelationship], bool]
_STAGE_DONE: dict[Stage, StageDone] = {}


def register_stage_done(stage: Stage, done: StageDone) -> None:
    """The app that records a stage that may be skipped (S3 → S5 passes S4) says how to tell
    that a passed stage was done; a passed stage without such a check was done."""
    _STAGE_DONE[stage] = done


def stepper(relationship: ClientRelationship) -> list[StepperStage]:
    current = Stage(relationship.stage).number

    def state(stage: Stage) -> str:
        if stage.number == current:
            # The last stage reached by a closed relationship (the follow-up contact recorded,
            # no further need) is the pathway's end: done, with nothing current.
            last = stage.number == len(Stage) and not relationship.is_open
            return "done" if last else "current"
        if stage.number > current:
            return "upcoming"
        done = _STAGE_DONE.get(stage)
        return "done" if done is None or done(relationship) else "skipped"

    return [StepperStage(s, state(s)) for s in Stage]


def next_steps(relationship: ClientRelationship, meetings: list[Meeting]) -> list[str]:
    """What is missing before the next stage, in plain words."""
    stage = relationship.stage
    if not relationship.is_open:
        return []
    if relationship.responsible_worker_id is None:
        return [str(_("Name the responsible worker."))]
    first = next((m for m in meetings if m.is_first and m.status != MeetingStatus.CANCELLED), None)
    if first is None:
        return [str(_("Book the first meeting."))]
    if Stage(stage).number > Stage.S3_FIRST_MEETING.number:
        return [str(_("The next stage and what it needs are on the plans page."))]
    if first.status == MeetingStatus.BOOKED:
        steps = [str(_("Hold the first meeting and record it with the informing checklist."))]
        if first.invitation_sent_at is None:
            steps.insert(0, str(_("Send the invitation to the first meeting.")))
        return steps
    if stage == Stage.S3_FIRST_MEETING:
        if first.outcome == Outcome.ACTIVATION_PLAN:
            return [str(_("Next: the activation plan (S5) with the employment authority."))]
        if first.outcome == Outcome.CLIENT_PLAN:
            return [str(_("Next: service-need assessment and client plan (S4)."))]
        if first.outcome == Outcome.OTHER_SERVICES:
            return [str(_("Next: guide the client to the other services agreed."))]
    return []
