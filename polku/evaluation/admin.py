"""Evaluation templates on the configuration site. A template in use is never changed: saving
one that an evaluation uses saves a new version, and old evaluations keep theirs. Changes are
audited like every configuration change (``ConfigurationAdmin``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Max
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from polku.accounts.admin_site import ConfigurationAdmin
from polku.evaluation.models import EvaluationTemplate
from polku.evaluation.rules import template_problems


class TemplateForm(forms.ModelForm):
    class Meta:
        model = EvaluationTemplate
        fields = ["key", "title_fi", "title_sv", "title_en", "items", "scales", "active"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        problems = template_problems(data.get("items"), data.get("scales"))
        if problems:
            raise forms.ValidationError(problems)
        return data


@admin.register(EvaluationTemplate)
class EvaluationTemplateAdmin(ConfigurationAdmin):
    form = TemplateForm
    list_display = ["title_fi", "key", "number", "active", "in_use"]
    list_filter = ["key", "active"]
    readonly_fields = ["number"]
    change_title = gettext_lazy("Edit the evaluation template")

    @admin.display(description=gettext_lazy("in use"), boolean=True)
    def in_use(self, template: EvaluationTemplate) -> bool:
        return template.evaluations.exists()

    def count_label(self, count: int) -> str:
        return ngettext("%(count)s template", "%(count)s templates", count) % {"count": count}

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["key", "number"] if obj is not None else ["number"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # Only the form's content makes a new version: "in use for new evaluations" changes no
        # evaluation, so it is switched on the version itself (an old version can be retired),
        # and a save without changes writes nothing new.
        content_changed = bool(set(form.changed_data) - {"active"})
        if change and content_changed and obj.evaluations.exists():
            # In use: the stored version stays as it is; the edit becomes the next version.
            obj.pk = None
            obj._state.adding = True
            change = False
            messages.info(
                request,
                _("The template is in use, so the changes were saved as a new version."),
            )
        if not change:
            latest = EvaluationTemplate.objects.filter(key=obj.key).aggregate(n=Max("number"))
            obj.number = (latest["n"] or 0) + 1
        super().save_model(request, obj, form, change)
