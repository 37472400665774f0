"""The complaint's and the feedback box's text areas: each too long text is refused on its own
field, all at once, in the client's language, and the browser is told the limit (the user test
of OmaPolku: a too long "what do you want to happen now" was refused under "what happened")."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from polku.feedback import rules, services
from polku.feedback.errors import FeedbackError
from polku.feedback.models import Complaint

pytestmark = pytest.mark.django_db


def _form(**data: str) -> dict[str, str]:
    return {
        "what_happened": "Minulle puhuttiin tylysti.",
        "when": "",
        "wish": "Anteeksipyyntö",
        "reply_by": "omapolku",
        "contact": "",
        "submission": str(uuid.uuid4()),
        **data,
    }


def test_a_too_long_wish_is_refused_on_the_wish(people) -> None:
    with pytest.raises(ValidationError) as refused:
        services.complaint_make(
            actor=people.client,
            client=people.client_record,
            what_happened="Minulle puhuttiin tylysti.",
            wish="x" * 20_000,
            reply_by="omapolku",
        )
    errors = refused.value.error_dict
    assert set(errors) == {"wish"}
    assert errors["wish"][0].code == FeedbackError.TOO_LONG


def test_both_too_long_texts_and_a_missing_contact_are_refused_at_once(people) -> None:
    with pytest.raises(ValidationError) as refused:
        services.complaint_make(
            actor=people.client,
            client=people.client_record,
            what_happened="x" * 9_000,
            wish="y" * 9_000,
            reply_by="phone",
            contact="",
        )
    assert set(refused.value.error_dict) == {"what_happened", "wish", "contact"}


def test_the_swedish_form_puts_the_error_under_the_wish_and_keeps_the_text(client, people) -> None:
    client.force_login(people.client)
    client.cookies["polku_language"] = "sv"
    page = client.get(reverse("feedback:complaint_new")).text
    assert f'maxlength="{rules.MAX_COMPLAINT_TEXT}"' in page
    assert page.count(f'maxlength="{rules.MAX_COMPLAINT_TEXT}"') == 2
    response = client.post(reverse("feedback:complaint_new"), _form(wish="z" * 20_000))
    assert response.status_code == 200
    text = response.text
    wish_error = text.index('id="id_wish_error"')
    assert "Skriv högst 8000 tecken." in text[wish_error : wish_error + 200]
    assert 'id="id_what_happened_error"' not in text
    summary = text.index('<a href="#id_wish">')
    assert "Skriv högst 8000 tecken.</a>" in text[summary : summary + 120]
    assert '<a href="#id_what_happened">' not in text
    assert "Minulle puhuttiin tylysti." in text  # what was typed is kept
    assert not Complaint.objects.exists()


def test_the_feedback_box_tells_the_browser_its_limit(client, people) -> None:
    client.force_login(people.client)
    page = client.get(reverse("feedback:message_new")).text
    assert f'maxlength="{rules.MAX_MESSAGE}"' in page


def test_the_swedish_complaint_asks_what_the_client_wants_to_happen(client, people) -> None:
    client.force_login(people.client)
    client.cookies["polku_language"] = "sv"
    assert "Vad vill du ska hända nu?" in client.get(reverse("feedback:complaint_new")).text
    info = client.get(reverse("feedback:complaint_info")).text
    assert "Vad du vill ska hända nu." in info
    assert "att händer nu" not in info
