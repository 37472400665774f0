"""The timeline shows every value as its label in the viewer's language (issue 13, item 8)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from polku.accounts.roles import Role
from polku.audit import events as event_types
from polku.audit import services as audit
from polku.audit.models import AuditEvent, EventKind
from polku.clients import selectors, services
from polku.clients.models import ContactLog
from polku.core import clock
from polku.pathways import services as pathway_services
from polku.pathways.models import ActivationPlan
from tests.builders import draft_plan, pathway_through_s7
from tests.factories import role_user
from tests.people import People

pytestmark = pytest.mark.django_db

FINNISH_LEFTOVERS = ("Asiakkaan oma vaihtoehto", "Kutsu tapaamiseen", "tiedotettu")


def pathway_with_references(people: People) -> ActivationPlan:
    """A plan with the employment authority set, the client's own option, a notice given
    out, an invitation sent and the first meeting recorded (informing ticked)."""
    plan = draft_plan(worker=people.worker, unit=people.unit)
    pathway_services.plan_update(
        actor=people.worker,
        plan=plan,
        version=plan.version,
        employment_authority=people.employment_authority,
    )
    pathway_services.option_add(actor=people.worker, plan=plan, kind="own", note="Puutyöpaja")
    pathway_services.notice_disclose(actor=people.worker, plan=plan)
    meeting = services.meeting_book(
        actor=people.worker,
        relationship=plan.relationship,
        # 16.00 local three days ahead: clear of the builders' 10.00, whatever the hour now.
        starts_at=timezone.make_aware(
            dt.datetime.combine(clock.today() + dt.timedelta(days=3), dt.time(16))
        ),
        duration_minutes=60,
        channel="phone",
    )
    services.invitation_send(actor=people.worker, meeting=meeting)
    return plan


@pytest.mark.parametrize("language", ["en", "sv"])
def test_no_raw_values_or_finnish_leftovers_on_the_timeline(
    client, people: People, language: str
) -> None:
    plan = pathway_with_references(people)
    client.force_login(people.worker)
    client.cookies["polku_language"] = language
    page = client.get(reverse("clients:detail", args=[plan.relationship.client_id])).text
    timeline = page[page.index('id="timeline-title"') :]
    assert people.employment_authority.name in timeline  # the unit's name, not its id
    assert f"→ <ins>{people.employment_authority.pk}</ins>" not in timeline
    assert "<ins>client</ins>" not in timeline
    assert "Puutyöpaja" in timeline
    for leftover in FINNISH_LEFTOVERS:
        assert leftover not in page
    if language == "en":
        assert "<ins>The client&#x27;s own option</ins>" in timeline
        assert "<ins>The client</ins>" in timeline  # recipient
        assert "(Invitation to the meeting)" in page
    else:
        assert "<ins>Informerad</ins>" in timeline
        assert "(Kallelse till mötet)" in page


def test_finnish_timeline_uses_labels(client, people: People) -> None:
    plan = pathway_with_references(people)
    client.force_login(people.worker)
    page = client.get(reverse("clients:detail", args=[plan.relationship.client_id])).text
    assert "<ins>Tiedotettu</ins>" in page
    assert "<ins>Asiakkaalle</ins>" in page  # the recipient
    assert "<ins>Asiakkaan oma vaihtoehto</ins>" in page
    assert "(Kutsu tapaamiseen)" in page
    assert not ContactLog.objects.exclude(note="").exists()  # Polku's own words are not stored


def test_not_relevant_is_shown_with_its_reason_in_words(people: People) -> None:
    meeting = people.meeting
    services.meeting_record(
        actor=people.worker,
        meeting=meeting,
        version=meeting.version,
        informing={"benefits": (False, "Tuet jo selvitetty")},
        mark_held=False,
    )
    from django.utils import translation

    with translation.override("en"):
        entries = selectors.client_timeline(client=people.client_record).entries
    values = [new for entry in entries for _label, _old, new in entry.changes]
    assert "Not relevant: Tuet jo selvitetty" in values
    assert "informed" not in values
    assert "not relevant: Tuet jo selvitetty" not in values  # the stored value


def test_referenced_names_are_looked_up_once_not_per_row(
    people: People, django_assert_num_queries
) -> None:
    """One query per referenced type: the count does not grow with the number of events."""
    person = people.client_record

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        events = list(AuditEvent.objects.for_client(person.pk))
        with CaptureQueriesContext(connection) as queries:
            selectors.timeline_entries(events, show_address=True)
        return len(queries)

    before = count()
    colleague = role_user(Role.WORKER, people.unit)
    for _ in range(4):  # four more events naming a user (the hand-over) and a relationship
        services.handover_propose(
            actor=people.worker, relationship=people.relationship, worker=colleague, note="x"
        )
        assignment = people.relationship.assignments.get(status="pending")
        services.handover_decide(actor=colleague, assignment=assignment, accept=False)
    assert count() == before


def test_every_text_column_wraps_long_words() -> None:
    css = Path(__file__).resolve().parents[2] / "core/static/polku/polku.css"
    assert re.search(r"main\s*\{[^}]*overflow-wrap:\s*anywhere", css.read_text())


# What follows walks S1–S7 with the real services and reads the timeline in each language.

LANGUAGES = ["fi", "sv", "en"]
# Keys and raw field names the services store, shown as they are, would look like this.
RAW_VALUES = (
    "informed",
    "not relevant",
    "not_relevant",
    "joint",
    "general",
    "employment_authority",
)
RAW_FIELD_PREFIXES = ("signature.", "informing.")


def timeline_of(client, person_id: int, language: str) -> str:
    client.cookies["polku_language"] = language
    page = client.get(reverse("clients:detail", args=[person_id])).text
    return page[
        page.index('id="timeline-title"') : page.index(
            "</section>", page.index('id="timeline-title"')
        )
    ]


def polku_words(language: str) -> set[str]:
    """Polku's own words on the timeline (event labels, value labels, recipients, parties,
    stages…) in ``language``."""
    from django.db import models

    from polku.clients import models as client_models
    from polku.pathways import models as pathway_models

    labels: list[Any] = [
        *(member.label for member in event_types.registered().values()),
        *selectors.RECIPIENTS.values(),
        *selectors.SIGNATURE_LABELS.values(),
        selectors.SIGNATURE_VOIDED,
        selectors.INFORMED,
        gettext_lazy("Recipient"),
        gettext_lazy("Invitation to the meeting"),
    ]
    for module in (client_models, pathway_models):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, models.Choices)
                and value.__module__ == module.__name__
            ):
                labels.extend(label for _key, label in value.choices)
    with translation.override(language):
        return {str(label) for label in labels}


def finnish_only_words() -> set[str]:
    """Polku's Finnish words that are not also Swedish or English words of the same kind."""
    return {
        word for word in polku_words("fi") - polku_words("sv") - polku_words("en") if len(word) > 3
    }


@pytest.fixture
def walked(people: People) -> ActivationPlan:
    return pathway_through_s7(
        worker=people.worker, unit=people.unit, authority=people.employment_authority
    )


def events_of(person_id: int) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.for_client(person_id).filter(
            kind__in=[EventKind.CHANGE, EventKind.DISCLOSURE]
        )
    )


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_pathway_through_s7_shows_no_raw_keys_ids_or_finnish(
    client, people: People, walked: ActivationPlan, language: str
) -> None:
    person_id = walked.relationship.client_id
    client.force_login(people.worker)
    timeline = timeline_of(client, person_id, language)
    events = events_of(person_id)
    assert len({event.what for event in events}) >= 25  # the walk wrote most kinds of event
    for raw in RAW_VALUES:
        assert f">{raw}<" not in timeline
        assert f">{raw}:" not in timeline
    for prefix in RAW_FIELD_PREFIXES:
        assert prefix not in timeline
    with translation.override(language):
        for event in events:
            assert (
                f"<strong>{event.what}</strong>" not in timeline
                or event.what == event_types.label(event.what)
            )
            if event.recipient:
                assert f"<ins>{event.recipient}</ins>" not in timeline
            for name, pair in event.changes.items():
                label, field = selectors._field_label(event.record_type, name)
                if "_" in name:
                    assert f"<li>{name}:" not in timeline
                for value in pair:
                    if isinstance(value, str) and re.fullmatch(r"[a-z]+(_[a-z]+)+", value):
                        assert f">{value}<" not in timeline  # a choice key, not its label
                    if getattr(field, "is_relation", False) and isinstance(value, int):
                        assert f"{label}: <ins>{value}</ins>" not in timeline  # an id
    for word in finnish_only_words():  # as a label or a whole value, not inside typed text
        assert not re.search(rf"(?:>|: ){re.escape(word)}(?:<|:)", timeline), word
    assert "<del>–</del>" not in timeline  # an empty old value is not shown as "– →"
    assert not re.search(r"\d{4}-\d\d-\d\d", timeline)  # a date or a meeting as d.m.yyyy
    assert people.employment_authority.name in timeline


SHOWN = {
    "fi": {
        "recipient": "<li>Vastaanottaja: <ins>Työvoimaviranomaiselle</ins></li>",
        "signature": "Asiakkaan allekirjoitus: <del>",
        "voided": "<ins>mitätöity</ins>",
        "joint": "Yhteinen tapaaminen työvoimaviranomaisen kanssa varattu",
        "held": "Yhteinen tapaaminen työvoimaviranomaisen kanssa pidetty",
        "type": "Yhteinen tapaaminen työvoimaviranomaisen kanssa</span>",
    },
    "sv": {
        "recipient": "<li>Mottagare: <ins>Arbetskraftsmyndigheten</ins></li>",
        "signature": "Klientens underskrift: <del>",
        "voided": "<ins>ogiltigförklarad</ins>",
        "joint": "Gemensamt möte med arbetskraftsmyndigheten bokat",
        "held": "Gemensamt möte med arbetskraftsmyndigheten hållet",
        "type": "Gemensamt möte med arbetskraftsmyndigheten</span>",
    },
    "en": {
        "recipient": "<li>Recipient: <ins>The employment authority</ins></li>",
        "signature": "Signature of the client: <del>",
        "voided": "<ins>voided</ins>",
        "joint": "Joint meeting with the employment authority booked",
        "held": "Joint meeting with the employment authority held",
        "type": "Joint meeting with the employment authority</span>",
    },
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pathway_events_in_words(
    client, people: People, walked: ActivationPlan, language: str
) -> None:
    """The plan given out names the authority; a voided signature names the party; the joint
    meeting has its own entries and its type on the meetings list and its page."""
    person_id = walked.relationship.client_id
    client.force_login(people.worker)
    client.cookies["polku_language"] = language
    page = client.get(reverse("clients:detail", args=[person_id])).text
    timeline = timeline_of(client, person_id, language)
    shown = SHOWN[language]
    authority = people.employment_authority.name
    given_out = [entry for entry in timeline.split("<li>\n") if shown["recipient"] in entry]
    assert len(given_out) == 1
    assert f"<ins>{authority}</ins>" in given_out[0]
    assert shown["signature"] in timeline
    assert shown["voided"] in timeline
    assert timeline.count(shown["joint"]) == 1
    # one booking, one entry: the plan's link to the meeting is not a second one
    with translation.override(language):
        joint_field = str(ActivationPlan._meta.get_field("joint_meeting").verbose_name)
    assert f"{joint_field}:" not in timeline
    assert shown["held"] in timeline
    booked_label = event_types.label("meeting booked")
    with translation.override(language):
        booked_label = event_types.label("meeting booked")
    assert timeline.count(f"<strong>{booked_label}</strong>") == 1  # the cancelled meeting only
    meetings = page[page.index('id="meetings-title"') :]
    assert meetings.count(shown["type"]) == 1
    joint = walked.joint_meeting
    assert joint is not None
    record = client.get(reverse("clients:meeting_record", args=[joint.pk]), follow=True).text
    heading = record[record.index("<h1>") : record.index("</h1>")]
    assert shown["type"].removesuffix("</span>") in heading


def test_the_plan_given_out_stores_the_recipient_key_and_the_authority_by_reference(
    people: People, walked: ActivationPlan
) -> None:
    given = AuditEvent.objects.filter(
        kind=EventKind.DISCLOSURE,
        what="activation plan PDF",
        client_id=walked.relationship.client_id,
    ).order_by("pk")
    assert [(event.recipient, event.changes) for event in given] == [
        ("client", {}),
        ("employment_authority", {"employment_authority": [None, people.employment_authority.pk]}),
        ("print", {}),
    ]
    booked = AuditEvent.objects.filter(
        record_type="clients.Meeting", record_id=str(walked.joint_meeting_id)
    )
    assert [event.what for event in booked.order_by("pk")] == [
        "joint meeting booked",
        "joint meeting held",
    ]


def test_an_event_written_before_the_keys_is_shown_in_words(people: People) -> None:
    """Events cannot be rewritten (the log is append-only): an older plan given out names the
    authority, and an older joint-meeting marking is a second "meeting booked"."""
    person = people.client_record
    audit.record_disclosure(
        actor=people.worker,
        client=person,
        what="activation plan PDF",
        recipient=people.employment_authority.name,
        purpose="activation plan for the parties",
        legal_basis="189/2001 §8",
    )
    audit.record_change(
        actor=people.worker,
        record=people.meeting,
        client=person,
        what="meeting booked",
        changes={"kind": ("general", "joint")},
    )
    with translation.override("sv"):
        entries = selectors.client_timeline(client=person).entries
        joint_label = event_types.label("joint meeting booked")
    assert entries[0].label == joint_label
    assert entries[0].changes[0][1:] == (
        "Möte",
        "Gemensamt möte med arbetskraftsmyndigheten",
    )
    assert entries[1].changes == [("Mottagare", "", people.employment_authority.name)]


@pytest.mark.parametrize(
    ("language", "name", "not_shown"),
    [("fi", "suomi", ()), ("sv", "finska", ("suomi",)), ("en", "Finnish", ("suomi",))],
)
def test_the_clients_language_is_named_in_the_viewers_language(
    client, people: People, walked: ActivationPlan, language: str, name: str, not_shown: Any
) -> None:
    """ "Kontaktspråk: finska", "Preferred language: Finnish", and the same on the timeline."""
    person_id = walked.relationship.client_id
    client.force_login(people.worker)
    client.cookies["polku_language"] = language
    page = client.get(reverse("clients:detail", args=[person_id])).text
    facts = page[: page.index('id="timeline-title"')]
    assert f"<dd>{name}</dd>" in facts
    timeline = timeline_of(client, person_id, language)
    assert f"<ins>{name}</ins>" in timeline
    for word in not_shown:  # the language switch names each language in itself, rightly
        assert f"<dd>{word}</dd>" not in facts
        assert f"<ins>{word}</ins>" not in timeline


def test_the_english_timeline_says_rehabilitative_work_activity_and_cites_in_english(
    client, people: People, walked: ActivationPlan
) -> None:
    client.force_login(people.worker)
    timeline = timeline_of(client, walked.relationship.client_id, "en")
    assert "rehabilitative work activity is the last-resort option" in timeline
    assert "(189/2001 section 9(2))" in timeline
    assert "kuty" not in timeline
    assert "mom)" not in timeline
