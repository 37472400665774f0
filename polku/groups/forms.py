"""The groups app's forms: they check shape; the services decide (STYLE.md §6)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from polku.accounts.models import Unit, User
from polku.accounts.roles import Capability, roles_with
from polku.attendance.models import AbsenceReason, Notice
from polku.clients.forms import DateField
from polku.clients.models import ClientRelationship
from polku.groups.access import instructor_candidates
from polku.groups.models import GroupKind, LegalStatus, SessionStatus
from polku.groups.selectors import MarkRow
from polku.groups.services import MarkEntry
from polku.network.models import Partner
from polku.placements.forms import TIME_FORMATS, WEEKDAY_CHOICES
from polku.placements.models import CompensationBasis

ISO_WEEKDAYS = [(str(int(value) + 1), label) for value, label in WEEKDAY_CHOICES]


class TimeInput(forms.TimeInput):
    """A time as its hint writes it: 9.00, 13.30 (no leading zero)."""

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.time):
            return f"{value.hour}.{value.minute:02d}"
        return super().format_value(value)


class TimeField(forms.TimeField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", TIME_FORMATS)
        kwargs.setdefault("help_text", _("For example 9.00 or 13.30."))
        kwargs.setdefault("widget", TimeInput(attrs={"inputmode": "numeric"}))
        super().__init__(**kwargs)


def needed(field: forms.Field) -> forms.Field:
    """A field the service requires though the form lets it be empty (so that the service
    names every missing part at once): marked with * like a required one, and
    aria-required for a screen reader (core/_field.html)."""
    field.needed = True  # type: ignore[attr-defined]
    field.widget.attrs["aria-required"] = "true"
    return field


def _person(user: User) -> str:
    return user.get_full_name() or user.get_username()


class InstructorField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{_person(obj)}, {obj.title}" if obj.title else _person(obj)


def submission_field() -> forms.UUIDField:
    """The form's one-time token, new each time the form is shown: the same form sent twice
    (a double click) is saved once, and its second send lands on the same result."""
    return forms.UUIDField(widget=forms.HiddenInput, required=False, initial=uuid.uuid4)


class GroupForm(forms.Form):
    submission = submission_field()
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=GroupKind.choices)
    organiser = forms.ModelChoiceField(label=_("Organiser"), queryset=Unit.objects.none())
    partner = forms.ModelChoiceField(
        label=_("Partner"),
        queryset=Partner.objects.none(),
        required=False,
        empty_label="–",
        help_text=_("A partner in the service network the group is run with, if any."),
    )
    partner_name = forms.CharField(
        label=_("Partner not in the register"),
        max_length=200,
        required=False,
        help_text=_("Only when the organisation is not in the service network's register."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    instructors = InstructorField(
        label=_("Instructors"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    weekdays = forms.MultipleChoiceField(
        label=_("Weekdays"), choices=ISO_WEEKDAYS, widget=forms.CheckboxSelectMultiple
    )
    starts_at = TimeField(label=_("Starts at"))
    ends_at = TimeField(label=_("Ends at"))
    place = forms.ModelChoiceField(
        label=_("Work-activity place"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label="–",
    )
    location = forms.CharField(
        label=_("Where the group meets"),
        max_length=200,
        required=False,
        help_text=_("The address or room, when the group does not meet at a place."),
    )
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, max_value=500)
    starts_on = DateField(label=_("Start date"))
    ends_on = DateField(label=_("End date"))

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        desk = roles_with(Capability.USE_WORKER_DESK)
        units = Unit.objects.filter(
            role_assignments__user=user, role_assignments__role__in=desk
        ).distinct()
        self.fields["organiser"].queryset = units  # type: ignore[attr-defined]
        own = list(units[:2])
        if len(own) == 1:  # the worker's one unit is the organiser unless they choose
            self.fields["organiser"].initial = own[0].pk
        self.fields["place"].queryset = Unit.objects.places().active()  # type: ignore[attr-defined]
        self.fields["partner"].queryset = Partner.objects.active().order_by("name", "pk")  # type: ignore[attr-defined]
        self.fields["instructors"].queryset = instructor_candidates(units)  # type: ignore[attr-defined]

    def clean_weekdays(self) -> str:
        return "".join(sorted(self.cleaned_data["weekdays"]))


class GroupEditForm(GroupForm):
    """The group's editable facts: not its kind or organiser; its weekdays and start date only
    while it has no sessions (``has_sessions``: the page then says why and what to do)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # How many sessions the user was told move with a new time (empty: not told yet).
    sessions_moving = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, user: User, group: Any, has_sessions: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, user=user, **kwargs)
        partner_id = group.partner_id
        self.fields["instructors"].queryset = instructor_candidates(  # type: ignore[attr-defined]
            [group.organiser], group.place
        )
        fixed = ("weekdays", "starts_on") if has_sessions else ()
        for name in ("kind", "organiser", "submission", *fixed):
            del self.fields[name]
        if partner_id is not None:  # the partner linked stays a choice when it is no longer active
            self.fields["partner"].queryset = Partner.objects.filter(  # type: ignore[attr-defined]
                Q(active=True) | Q(pk=partner_id)
            ).order_by("name", "pk")


class SessionForm(forms.Form):
    submission = submission_field()
    day = DateField(label=_("Date"))
    starts_at = TimeField(label=_("Starts at"))
    ends_at = TimeField(label=_("Ends at"))
    theme = forms.CharField(label=_("Theme"), max_length=200)


class FeedbackForm(forms.Form):
    feedback_note = forms.CharField(
        label=_("Feedback"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The group's feedback, e.g. at the mid-point and at the end."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class FeedbackRoundForm(forms.Form):
    """The group's feedback round; every part optional here so that the service names all
    that is missing at once."""

    given_on = needed(DateField(label=_("Date of the feedback round"), required=False))
    said = needed(
        forms.CharField(
            label=_("What the participants said"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 4}),
            help_text=_(
                "The group's views in general terms. Do not write names or anything that "
                "identifies a participant."
            ),
        )
    )
    works = needed(
        forms.CharField(
            label=_("What works"), required=False, widget=forms.Textarea(attrs={"rows": 3})
        )
    )
    change = needed(
        forms.CharField(
            label=_("What to change"), required=False, widget=forms.Textarea(attrs={"rows": 3})
        )
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class EnrolmentEndForm(forms.Form):
    ends_on = needed(DateField(label=_("Last day of the participation"), required=False))
    reason = needed(
        forms.CharField(
            label=_("Why the participation ends early"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class RelationshipField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        client = obj.client
        return f"{client.last_name} {client.first_name}"


def own_open_relationships(user: User) -> QuerySet[ClientRelationship, Any]:
    """The open relationships the worker is responsible for (their own clients)."""
    return (
        ClientRelationship.objects.filter(responsible_worker=user, ended_on__isnull=True)
        .select_related("client")
        .order_by("client__last_name", "client__first_name", "pk")
    )


class EnrolmentForm(forms.Form):
    submission = submission_field()
    relationship = RelationshipField(label=_("Client"), queryset=ClientRelationship.objects.none())
    status = forms.ChoiceField(
        label=_("Legal status in the group"), choices=LegalStatus.choices, widget=forms.RadioSelect
    )
    other_service = forms.CharField(
        label=_("Other service"),
        max_length=200,
        required=False,
        help_text=_("The service the person takes part through, e.g. social rehabilitation."),
    )
    compensation = forms.ChoiceField(
        label=_("Compensation"),
        choices=[("", "–"), *CompensationBasis.choices],
        required=False,
        help_text=_("Kuty participants only."),
    )
    travel_compensation = forms.BooleanField(
        label=_("Travel costs compensated"), required=False, help_text=_("Kuty participants only.")
    )
    agreed_on = DateField(label=_("Agreed on"))
    agreement = forms.CharField(
        label=_("What was agreed"), widget=forms.Textarea(attrs={"rows": 3})
    )
    starts_on = DateField(label=_("Start date"))
    ends_on = DateField(
        label=_("End date"), required=False, help_text=_("Empty: until the group ends.")
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["relationship"].queryset = own_open_relationships(user)  # type: ignore[attr-defined]


# --- The session's attendance ----------------------------------------------------------------

NOT_RECORDED = ""
PRESENT = SessionStatus.PRESENT.value


def status_choices() -> list[tuple[str, Any]]:
    """Present, or absent with Kela's reason: one choice a row, typed by its first letter."""
    return [
        (NOT_RECORDED, pgettext_lazy("group attendance", "Not recorded")),
        (PRESENT, pgettext_lazy("attendance", "Present")),
        *[(f"absent:{value}", label) for value, label in AbsenceReason.choices],
    ]


NOT_CHOSEN = ""


def notice_choices() -> list[tuple[str, Any]]:
    """Whether an absence was reported, in the place's order; a row with no absence recorded
    starts on no choice, so that a no-show marked absent is never recorded as reported."""
    return [
        (NOT_CHOSEN, pgettext_lazy("absence notice", "Not chosen")),
        (Notice.ON_THE_DAY.value, Notice.ON_THE_DAY.label),
        (Notice.NOT_REPORTED.value, Notice.NOT_REPORTED.label),
        (Notice.IN_ADVANCE.value, Notice.IN_ADVANCE.label),
    ]


def code_of(mark: Any) -> str:
    if mark is None:
        return NOT_RECORDED
    if mark.status == SessionStatus.PRESENT:
        return PRESENT
    return f"absent:{mark.reason}"


@dataclass
class MarkCell:
    """One participant's row of the session form: what it shows (the data posted, or the
    stored mark) and what it showed when the page was built."""

    row: MarkRow
    code: str
    notice: str
    hours: str
    shown: str
    version: str
    error: bool = False

    @property
    def key(self) -> int:
        return self.row.enrolment.pk


def _shown(code: str, notice: str, hours: str) -> str:
    return f"{code}|{notice}|{hours}"


def _hours_text(value: Decimal | None) -> str:
    return "" if value is None else formats.number_format(value.normalize())


def mark_cells(
    rows: Sequence[MarkRow], data: Mapping[str, Any] | None = None, *, future: bool = False
) -> list[MarkCell]:
    """The rows of the session form. Whether an absence was reported shows the mark's; with
    no absence recorded it shows no choice, or for a session still to come "in advance" (the
    only notice such a session may have)."""
    cells = []
    default_notice = Notice.IN_ADVANCE.value if future else NOT_CHOSEN
    for row in rows:
        mark = row.mark
        code = code_of(mark)
        notice = mark.notice if mark is not None and mark.notice else default_notice
        hours = _hours_text(mark.hours) if mark is not None else ""
        shown = _shown(code, notice if code.startswith("absent") else "", hours)
        version = str(mark.version) if mark is not None else ""
        pk = row.enrolment.pk
        if data is not None:
            code = str(data.get(f"s-{pk}", code))
            notice = str(data.get(f"n-{pk}", notice))
            hours = str(data.get(f"h-{pk}", hours)).strip()
            shown = str(data.get(f"w-{pk}", shown))
            version = str(data.get(f"v-{pk}", version))
        cells.append(MarkCell(row, code, notice, hours, shown, version))
    return cells


def read_marks(cells: Sequence[MarkCell]) -> tuple[list[MarkEntry], list[str]]:
    """The rows the user changed, as entries for ``session_attendance_record`` with the
    version seen; and what to check on the rows whose values cannot be read, one message a
    row, naming the hours when it is they that are not a number."""
    entries: list[MarkEntry] = []
    bad: list[str] = []
    valid = {value for value, _label in status_choices()}
    for cell in cells:
        absent = cell.code.startswith("absent:")
        current = _shown(cell.code, cell.notice if absent else "", cell.hours)
        if current == cell.shown or cell.code == NOT_RECORDED:
            continue
        client = cell.row.enrolment.client
        hours: Decimal | None = None
        if cell.hours:
            try:
                hours = Decimal(cell.hours.replace(",", "."))
            except InvalidOperation:
                hours = None
            if hours is None or not hours.is_finite():
                cell.error = True
                bad.append(
                    str(
                        _(
                            "Check the hours of %(name)s: write them as a number, "
                            "for example 3 or 2,5."
                        )
                    )
                    % {"name": f"{client.first_name} {client.last_name}"}
                )
                continue
        if absent and cell.notice == NOT_CHOSEN:
            cell.error = True
            bad.append(
                str(_("Choose whether the absence of %(name)s was reported."))
                % {"name": f"{client.first_name} {client.last_name}"}
            )
            continue
        if cell.code not in valid or (absent and cell.notice not in Notice.values):
            cell.error = True
            bad.append(
                str(_("Check the row of %(name)s: the value cannot be read."))
                % {"name": f"{client.first_name} {client.last_name}"}
            )
            continue
        version = int(cell.version) if cell.version.isdigit() else None
        if absent:
            entries.append(
                MarkEntry(
                    cell.row.enrolment,
                    SessionStatus.ABSENT,
                    reason=cell.code.split(":", 1)[1],
                    notice=cell.notice,
                    version=version,
                )
            )
        else:
            entries.append(
                MarkEntry(cell.row.enrolment, SessionStatus.PRESENT, hours=hours, version=version)
            )
    return entries, bad
