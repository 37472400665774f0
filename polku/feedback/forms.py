"""The feedback app's forms: shape only; the services decide (STYLE.md §6). The client's forms
speak plain language (context "client portal")."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from polku.clients.forms import DateField
from polku.feedback import rules
from polku.feedback.models import ComplaintState, MessageState, ReplyBy, Scale, Statement

OUT_OF_SCALE = pgettext_lazy("client portal", "Choose one of the four answers, from 1 to 4.")

SCALE_CHOICES = [
    (Scale.NOT_AT_ALL.value, pgettext_lazy("client portal", "1 Not at all")),
    (Scale.HARDLY.value, pgettext_lazy("client portal", "2 Hardly")),
    (Scale.FAIRLY_WELL.value, pgettext_lazy("client portal", "3 Fairly well")),
    (Scale.VERY_WELL.value, pgettext_lazy("client portal", "4 Very well")),
]


class SurveyForm(forms.Form):
    """One radio group (1–4, may be left empty) and one text box per statement."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for statement in Statement:
            self.fields[f"score_{statement.value}"] = forms.TypedChoiceField(
                label=statement.label,
                choices=SCALE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": OUT_OF_SCALE},
            )
            self.fields[f"comment_{statement.value}"] = forms.CharField(
                label=pgettext_lazy(
                    "client portal", "In your own words (you can leave this empty)"
                ),
                max_length=rules.MAX_COMMENT,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self) -> list[tuple[Any, Any]]:
        """(radio field, text field) per statement, for the template."""
        return [(self[f"score_{s.value}"], self[f"comment_{s.value}"]) for s in Statement]

    def answers(self) -> dict[str, tuple[int | None, str]]:
        data = self.cleaned_data
        return {
            s.value: (data.get(f"score_{s.value}"), data.get(f"comment_{s.value}", ""))
            for s in Statement
        }


class MessageForm(forms.Form):
    text = forms.CharField(
        label=pgettext_lazy("client portal", "Your message"),
        help_text=pgettext_lazy(
            "client portal", "What went well? What should be better? Write in your own words."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": rules.MAX_MESSAGE}),
    )
    place = forms.TypedChoiceField(
        label=pgettext_lazy("client portal", "Is it about a work-activity place?"),
        coerce=int,
        empty_value=None,
        required=False,
    )
    show_name = forms.BooleanField(
        label=pgettext_lazy(
            "client portal", "The reader may see my name, so that they can contact me."
        ),
        required=False,
    )
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, places: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.places = {place.pk: place for place in places}
        self.fields["place"].choices = [  # type: ignore[attr-defined]
            ("", pgettext_lazy("client portal", "No, it is about something else")),
            *((place.pk, place.display_name) for place in places),
        ]

    def chosen_place(self) -> Any:
        return self.places.get(self.cleaned_data.get("place") or 0)


class ComplaintForm(forms.Form):
    what_happened = forms.CharField(
        label=pgettext_lazy("client portal", "What happened?"),
        help_text=pgettext_lazy(
            "client portal",
            "Tell what you are not happy with: the service or how you were treated.",
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": rules.MAX_COMPLAINT_TEXT}),
    )
    when = forms.CharField(
        label=pgettext_lazy("client portal", "When did it happen? (you can leave this empty)"),
        help_text=pgettext_lazy("client portal", "For example: in May, or 12.5.2026."),
        max_length=200,
        required=False,
    )
    wish = forms.CharField(
        label=pgettext_lazy("client portal", "What do you want to happen now?"),
        help_text=pgettext_lazy("client portal", "You can leave this empty."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": rules.MAX_COMPLAINT_TEXT}),
    )
    reply_by = forms.ChoiceField(
        label=pgettext_lazy("client portal", "How do you want the answer?"),
        choices=ReplyBy.choices,
        initial=ReplyBy.OMAPOLKU,
        widget=forms.RadioSelect,
        required=False,
    )
    contact = forms.CharField(
        label=pgettext_lazy("client portal", "Phone number or address for the answer"),
        help_text=pgettext_lazy("client portal", "Only if you want the answer by phone or letter."),
        max_length=300,
        required=False,
    )
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)


class MessageMarkForm(forms.Form):
    state = forms.ChoiceField(
        choices=[
            (MessageState.READ, MessageState.READ),
            (MessageState.HANDLED, MessageState.HANDLED),
        ]
    )
    note = forms.CharField(
        label=_("What was done"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ComplaintHandleForm(forms.Form):
    state = forms.ChoiceField(
        choices=[
            (ComplaintState.IN_PROGRESS, ComplaintState.IN_PROGRESS),
            (ComplaintState.ANSWERED, ComplaintState.ANSWERED),
        ]
    )
    answer = forms.CharField(
        label=_("The answer, or its summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    answered_on = DateField(label=_("Answered on"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)
