"""The long list's select: the same HTML as Django's own, option by option, escaped."""

from __future__ import annotations

import re

import pytest
from django import forms

from polku.core.forms import LongSelect

CHOICES = [
    ("", "Kaikki"),
    (1, "Toimintakeskus <Testi>"),
    (2, 'Paja "Puu" & kumpp.'),
    (30, "Ääkkösten työpaja"),
]


@pytest.mark.parametrize("value", [None, "", 1, "2", 30, 99])
@pytest.mark.parametrize("attrs", [None, {"id": "id_place", "aria-describedby": "id_place_error"}])
def test_the_html_is_django_s_select(value: object, attrs: dict[str, str] | None) -> None:
    ours = LongSelect(choices=CHOICES).render("place", value, attrs=attrs)
    django = forms.Select(choices=CHOICES).render("place", value, attrs=attrs)
    assert ours == re.sub(r">\s+<", "><", django)  # Django's has line breaks between options
    assert "&lt;Testi&gt;" in ours
    assert ours.count(" selected") == (0 if value == 99 else 1)


def test_a_field_with_the_widget_renders_its_form_s_value() -> None:
    class Form(forms.Form):
        place = forms.TypedChoiceField(choices=CHOICES, coerce=int, widget=LongSelect)

    html = str(Form({"place": "30"})["place"])
    assert '<option value="30" selected>Ääkkösten työpaja</option>' in html
    assert html.startswith('<select name="place" required id="id_place">')
