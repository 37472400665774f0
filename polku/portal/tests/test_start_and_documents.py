"""OmaPolku's start page and the client's documents (issue 19 items 1, 2, 4 and 7, SPEC §6):
the responsible worker with how and when to reach them, who does what, the next meetings, the
plan and goals with their dates, the participation days left as the worker counts them; the
decisions with their appeal deadline, the plan, the info package and the certificate, each
read logged with the basis "self"; nothing of another person, and an ended relationship
still readable."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.test import Client as DjangoClient
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from polku.accounts.models import User
from polku.accounts.roles import Role
from polku.attendance.selectors import participation_of
from polku.attendance.tests.builders import running_period
from polku.audit.models import AuditEvent, EventKind
from polku.clients import services as client_services
from polku.clients.models import ClientRelationship
from polku.core import clock
from polku.evaluation import services as evaluation_services
from polku.evaluation.tests.builders import goal_fields
from polku.pathways.models import ActivationPlan
from polku.placements import services as placement_services
from polku.placements.models import Decision, Period
from polku.placements.services.decisions import decision_deadline
from polku.portal.models import ReachableTime
from tests.people import People, role_user
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db

START = "portal:client_start"
DOCUMENTS = "portal:my_documents"


@pytest.fixture
def period(people: People) -> Period:
    return running_period(people)


@pytest.fixture
def me(period: Period) -> User:
    """The period's client, with an OmaPolku login."""
    person = period.relationship.client
    person.user = role_user(Role.CLIENT, period.relationship.unit, username="oma")
    person.save(update_fields=["user"])
    return person.user


def _decision(period: Period) -> Decision:
    return Decision.objects.get(period=period)


def _plan(period: Period) -> ActivationPlan:
    return ActivationPlan.objects.signed().filter(relationship=period.relationship).latest("number")


def _goal(people: People, period: Period, wording: str) -> None:
    evaluation_services.goal_create(
        actor=people.worker, relationship=period.relationship, **goal_fields(wording=wording)
    )


def _meeting(people: People, period: Period, *, days: int, **fields: str) -> None:
    starts_at = (timezone.localtime(clock.now()) + dt.timedelta(days=days)).replace(
        hour=13, minute=0, second=0, microsecond=0
    )
    client_services.meeting_book(
        actor=people.worker,
        relationship=period.relationship,
        starts_at=starts_at,
        duration_minutes=60,
        **{"channel": "in_person", **fields},
    )


def _text(html: str) -> str:
    """The page's words, tags dropped and spaces folded (for sentences across elements)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_start_page_shows_my_worker_who_does_what_meetings_plan_goals_and_days_left(
    client: DjangoClient, people: People, period: Period, me: User
) -> None:
    _goal(people, period, "Tulen ajoissa kolmena päivänä viikossa.")
    _meeting(people, period, days=3, location="Torikatu 5, huone 2")
    _meeting(people, period, days=4, channel="phone")
    client.force_login(me)
    page = client.get(reverse(START)).text
    words = _text(page)
    # My responsible worker: name, title, the unit and its phone (no phone hours given).
    assert "Oma työntekijäsi" in page
    assert "Sanna Ohjaaja" in page
    assert "sosiaaliohjaaja" in page
    assert people.unit.name in page
    assert "Numero on toimiston numero. Soita virka-aikana ja kysy omaa työntekijääsi." in page
    # Who does what: the worker, the decision maker of the period's decision, the supervisor.
    assert "Kuka tekee mitä" in page
    assert "Päätöksen tekijä" in page
    assert people.decision_maker.get_full_name() in page
    assert "Tekee päätökset työtoiminnastasi." in page
    assert "Ohjaaja työtoimintapaikassa" in page
    assert people.place_supervisor.get_full_name() in page
    assert people.place.name in page
    # The next meetings, with the place or the channel and the worker.
    assert "Missä: Torikatu 5, huone 2" in page
    assert "Miten: Puhelin" in page
    assert "Kenen kanssa: Sanna Ohjaaja" in page
    # The plan and the goals, read-only, with the dates that matter.
    plan = _plan(period)
    assert f"Allekirjoitettu {plan.signed_on:%-d.%-m.%Y}." in page
    assert "Tulen ajoissa kolmena päivänä viikossa." in page
    assert "Muista nämä päivät" in page
    assert f"{period.ends_on:%-d.%-m.%Y} : Työtoimintajaksosi päättyy." in words
    assert f"{period.evaluate_by:%-d.%-m.%Y} : Arvioimme, miten työtoimintasi on sujunut." in words
    # The days left: the worker's figure.
    left = participation_of(period.relationship.client_id, today=clock.today())
    assert f"Päiviä jäljellä {left.remaining} " in words
    # The links to the other pages.
    for url in (
        reverse("portal:absence_report"),
        reverse("portal:my_attendance"),
        reverse("evaluation:my_goals") + "#propose-title",
        reverse("evaluation:my_goals") + "#my-evaluations-title",
        reverse(DOCUMENTS),
    ):
        assert f'href="{url}"' in page, url
    event = AuditEvent.objects.filter(kind=EventKind.ACCESS, what="OmaPolku start page").get()
    assert (event.basis, event.client_id) == ("self", period.relationship.client_id)


def test_the_workers_phone_hours_and_direct_phone_are_shown_when_given(
    client: DjangoClient, people: People, period: Period, me: User
) -> None:
    ReachableTime.objects.create(
        user=people.worker,
        phone="040 123 4567",
        weekdays="124",
        starts_at=dt.time(9),
        ends_at=dt.time(11, 30),
    )
    client.force_login(me)
    page = client.get(reverse(START)).text
    assert 'href="tel:0401234567"' in page
    assert "Voit soittaa näinä päivinä: maanantai, tiistai, torstai, klo 09.00–11.30." in page
    client.cookies["polku_language"] = "sv"
    page = client.get(reverse(START)).text
    assert "Du kan ringa de här dagarna: måndag, tisdag, torsdag, kl. 09.00–11.30." in page


def test_an_open_self_evaluation_is_linked_from_the_start_page(
    client: DjangoClient, people: People, period: Period, me: User
) -> None:
    _goal(people, period, "Tavoite")
    evaluation = evaluation_services.evaluation_start(
        actor=people.worker, relationship=period.relationship, kind="mid"
    )
    client.force_login(me)
    page = client.get(reverse(START)).text
    assert f'href="{reverse("evaluation:my_evaluation", args=[evaluation.pk])}"' in page
    assert "Täytä itsearviointisi" in page


def test_the_client_and_the_worker_see_the_same_days_left(
    client: DjangoClient, people: People, period: Period, me: User
) -> None:
    worker = DjangoClient()
    worker.force_login(people.worker)
    worker_page = worker.get(reverse("attendance:period_attendance", args=[period.pk])).text
    client.force_login(me)
    left = participation_of(period.relationship.client_id, today=clock.today()).remaining
    assert f"<strong>{left}</strong> –" in worker_page
    assert f'<p class="lead"><strong>{left}</strong></p>' in client.get(reverse(START)).text
    days = client.get(reverse("portal:my_attendance")).text
    assert f'<p class="lead"><strong>{left}</strong></p>' in days


def test_my_documents_list_decisions_with_the_deadline_the_plan_and_the_info_package(
    client: DjangoClient, people: People, period: Period, me: User
) -> None:
    decision = _decision(period)
    # Sent today: the deadline is still to come (a passed one: test_decisions.py).
    placement_services.decision_deliver(
        actor=people.worker, decision=decision, method="letter", sent_on=clock.today()
    )
    client.force_login(me)
    page = client.get(reverse(DOCUMENTS)).text
    assert "Kuntouttava työtoiminta" in page
    # The deadline runs from the deemed notification, the 7th day after the letter was sent
    # (placements.deadlines, tested there), and is 30 days on (moved off a weekend or holiday).
    found = decision_deadline(decision)
    assert found is not None
    assert found.notified_on == clock.today() + dt.timedelta(days=7)
    deadline = found.deadline
    assert deadline >= found.notified_on + dt.timedelta(days=30)
    assert (
        "Jos päätös on mielestäsi väärä, voit pyytää siihen oikaisua viimeistään "
        f"{deadline:%-d.%-m.%Y}." in page
    )
    assert reverse("portal:own_decision", args=[decision.pk]) in page
    assert reverse("portal:own_decision_pdf", args=[decision.pk]) in page
    assert reverse("portal:own_plan_pdf", args=[_plan(period).pk]) in page
    assert reverse("portal:info_package", args=[period.pk]) in page
    assert reverse("portal:info_package_pdf", args=[period.pk]) in page
    detail = client.get(reverse("portal:own_decision", args=[decision.pk])).text
    assert f"Pyydä päätökseen oikaisua viimeistään {deadline:%-d.%-m.%Y}." in detail
    assert "Oikaisuvaatimusohje" in detail  # the full instructions, in Finnish
    client.cookies["polku_language"] = "sv"
    detail = client.get(reverse("portal:own_decision", args=[decision.pk])).text
    assert "Anvisning om begäran om omprövning" in detail
    assert f"Begär omprövning av beslutet senast den {deadline:%-d.%-m.%Y}." in detail


def test_the_info_package_in_plain_words(
    client: DjangoClient, people: People, period: Period, me: User
) -> None:
    unit = period.relationship.unit
    unit.phone = "029 123 4000"
    unit.save(update_fields=["phone"])
    client.force_login(me)
    page = client.get(reverse("portal:info_package", args=[period.pk])).text
    for words in (
        "Kuntouttava työtoiminta ei ole työsuhde. Et saa palkkaa.",
        "Tauoista sovitaan aktivointisuunnitelmassa.",
        "Jos olet sairas yli 3 päivää",
        "Saat 9 euroa jokaiselta päivältä, jona olet paikalla.",
        "Sanna Ohjaaja",
        people.place_supervisor.get_full_name(),
    ):
        assert words in page, words
    # Without a direct phone of their own, the worker is reached through the office: the
    # number is named as the office's, on the page and in the PDF.
    assert "Toimiston puhelin" in page
    assert "Soita virka-aikana ja kysy omaa työntekijääsi." in page
    pdf = client.get(reverse("portal:info_package_pdf", args=[period.pk])).content
    text = " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split()
    )
    assert "Toimiston puhelin (kysy omaa työntekijääsi) 029 123 4000" in text


def test_the_info_package_gives_the_workers_own_phone_as_theirs(
    client: DjangoClient, people: People, period: Period, me: User
) -> None:
    ReachableTime.objects.create(user=people.worker, phone="029 123 4511")
    client.force_login(me)
    page = client.get(reverse("portal:info_package", args=[period.pk])).text
    assert "029 123 4511" in page
    assert "Toimiston puhelin" not in page


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("portal:own_decision", "OmaPolku decision"),
        ("portal:own_decision_pdf", "OmaPolku decision PDF"),
        ("portal:own_plan_pdf", "OmaPolku plan PDF"),
        ("portal:info_package", "OmaPolku info package"),
        ("portal:info_package_pdf", "OmaPolku info package PDF"),
    ],
)
def test_each_document_read_is_logged_with_the_basis_self(
    client: DjangoClient, people: People, period: Period, me: User, name: str, what: str
) -> None:
    arg = {
        "portal:own_decision": lambda: _decision(period).pk,
        "portal:own_decision_pdf": lambda: _decision(period).pk,
        "portal:own_plan_pdf": lambda: _plan(period).pk,
    }.get(name, lambda: period.pk)()
    client.force_login(me)
    response = client.get(reverse(name, args=[arg]))
    assert response.status_code == 200
    if name.endswith("_pdf"):
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    event = AuditEvent.objects.filter(kind=EventKind.ACCESS, what=what).get()
    assert (event.basis, event.client_id, event.actor_id) == (
        "self",
        period.relationship.client_id,
        me.pk,
    )
    assert event.record_id == str(arg)
    assert (
        not AuditEvent.objects.filter(kind=EventKind.DISCLOSURE)
        .exclude(actor_id=people.worker.pk)
        .exists()
    )  # reading one's own document is no disclosure


def test_the_plan_pdf_is_the_clients_own_copy(
    client: DjangoClient, people: People, period: Period, me: User
) -> None:
    import io

    from pypdf import PdfReader

    client.force_login(me)
    response = client.get(reverse("portal:own_plan_pdf", args=[_plan(period).pk]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    person = period.relationship.client
    assert person.last_name in text
    assert person.identity_code
    assert person.identity_code in text  # the client's own copy carries the full code


# --- Nothing of another person ---------------------------------------------------------------


def test_a_client_never_sees_another_clients_records(
    client: DjangoClient, people: People, period: Period, me: User
) -> None:
    other = running_period(people)
    _goal(people, other, "Toisen asiakkaan tavoite")
    client.force_login(me)
    for url in (reverse(START), reverse(DOCUMENTS)):
        page = client.get(url).text
        assert other.relationship.client.last_name not in page
        assert "Toisen asiakkaan tavoite" not in page
        assert reverse("portal:own_decision", args=[_decision(other).pk]) not in page
    for name, arg in (
        ("portal:own_decision", _decision(other).pk),
        ("portal:own_decision_pdf", _decision(other).pk),
        ("portal:own_plan_pdf", _plan(other).pk),
        ("portal:info_package", other.pk),
        ("portal:info_package_pdf", other.pk),
    ):
        response = client.get(reverse(name, args=[arg]))
        assert response.status_code == 404, name
        assert other.relationship.client.last_name not in response.text
    assert not AuditEvent.objects.filter(client_id=other.relationship.client_id, actor_id=me.pk)


def test_a_draft_decision_is_not_the_clients_to_read(
    client: DjangoClient, people: People, period: Period, me: User
) -> None:
    draft = placement_services.decision_draft(
        actor=people.worker,
        relationship=period.relationship,
        kind="toimintaraha",
        period=period,
        decision_maker=people.decision_maker,
        grounds="Luonnos",
    )
    client.force_login(me)
    assert client.get(reverse("portal:own_decision", args=[draft.pk])).status_code == 404
    assert "Luonnos" not in client.get(reverse(DOCUMENTS)).text


def test_staff_are_not_clients(client: DjangoClient, people: People, period: Period) -> None:
    """The responsible worker, too, gets 403 on the client's own pages: they have their own."""
    client.force_login(people.worker)
    for name, args in (
        (START, []),
        (DOCUMENTS, []),
        ("portal:own_decision", [_decision(period).pk]),
        ("portal:info_package", [period.pk]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 403, name


def test_an_ended_relationship_stays_readable_to_the_client(
    client: DjangoClient, people: People, period: Period, me: User
) -> None:
    _goal(people, period, "Tulen ajoissa.")
    ended_on = clock.today()
    ClientRelationship.objects.filter(pk=period.relationship_id).update(ended_on=ended_on)
    client.force_login(me)
    page = client.get(reverse(START)).text
    assert f"Asiakkuutesi päättyi {ended_on:%-d.%-m.%Y}." in page
    assert "Sanna Ohjaaja" in page
    assert "Tulen ajoissa." in page
    assert f"Allekirjoitettu {_plan(period).signed_on:%-d.%-m.%Y}." in page
    # The page does not promise what an ended relationship no longer gives.
    assert "Työntekijäsi ottaa sinuun yhteyttä" not in page
    assert "Asiakkuutesi on päättynyt, joten sinulla ei ole enää tapaamisia." in page
    assert "Oma työntekijäsi auttoi sinua" in page
    client.cookies["polku_language"] = "sv"
    swedish = client.get(reverse(START)).text
    assert "Din klientrelation har upphört, så du har inga fler möten." in swedish
    assert "Din kontaktperson kontaktar dig" not in swedish
    assert "Du kan fortfarande fråga om dina handlingar." in swedish
    # No proposals to goals of an ended relationship.
    assert "#propose-title" not in page
    del client.cookies["polku_language"]
    documents = client.get(reverse(DOCUMENTS)).text
    assert reverse("portal:own_decision", args=[_decision(period).pk]) in documents
    for name, arg in (
        ("portal:own_decision", _decision(period).pk),
        ("portal:own_decision_pdf", _decision(period).pk),
        ("portal:own_plan_pdf", _plan(period).pk),
        ("portal:info_package", period.pk),
        ("portal:info_package_pdf", period.pk),
    ):
        assert client.get(reverse(name, args=[arg])).status_code == 200, name


# --- Query counts ----------------------------------------------------------------------------


def test_the_start_page_costs_the_same_queries_with_more_rows(
    client: DjangoClient, people: People, period: Period, me: User
) -> None:
    _goal(people, period, "Ensimmäinen")
    _meeting(people, period, days=3)
    client.force_login(me)

    def grow() -> None:
        for n in range(3):
            _goal(people, period, f"Lisää {n}")
        _meeting(people, period, days=5, location="Torikatu 5")
        _meeting(people, period, days=6, channel="phone")
        ReachableTime.objects.create(user=people.worker, phone="040 1", weekdays="12")
        placement_services.decision_draft(
            actor=people.worker,
            relationship=period.relationship,
            kind="matkakorvaus",
            period=period,
            decision_maker=people.decision_maker,
            grounds="Matkat",
        )
        role_user(Role.PLACE_SUPERVISOR, people.place)

    assert_flat_queries(client, reverse(START), grow=grow)


def test_my_documents_cost_the_same_queries_with_more_rows(
    client: DjangoClient, people: People, period: Period, me: User
) -> None:
    client.force_login(me)

    def grow() -> None:
        decision = _decision(period)
        placement_services.decision_deliver(
            actor=people.worker, decision=decision, method="letter", sent_on=decision.decided_on
        )
        for kind in ("toimintaraha", "matkakorvaus"):
            draft = placement_services.decision_draft(
                actor=people.worker,
                relationship=period.relationship,
                kind=kind,
                period=period,
                decision_maker=people.decision_maker,
                grounds="Perustelut",
            )
            made = placement_services.decision_make(
                actor=people.decision_maker,
                decision=draft,
                decided_on=clock.today(),
                version=draft.version,
            )
            placement_services.decision_deliver(
                actor=people.worker, decision=made, method="electronic", sent_on=clock.today()
            )

    assert_flat_queries(client, reverse(DOCUMENTS), grow=grow)


def test_the_swedish_portal_calls_the_own_worker_kontaktperson_everywhere(
    client: DjangoClient, people: People, period: Period, me: User
) -> None:
    """The start page said *kontaktperson*; the goals and feedback pages said *arbetstagare*
    (an employee) and *arbetare* for the same person."""
    client.force_login(me)
    client.cookies["polku_language"] = "sv"
    pages = {
        name: client.get(reverse(name)).text
        for name in (
            START,
            "evaluation:my_goals",
            "feedback:home",
            "feedback:message_new",
            "feedback:complaint_info",
            "feedback:complaint_new",
            "network:own_opportunities",
        )
    }
    for name, page in pages.items():
        assert "arbetstagare" not in page, name
        assert "arbetare" not in page, name
    assert "Skicka till min kontaktperson" in pages["evaluation:my_goals"]
    assert "Du och din kontaktperson skrev de här målen" in pages["evaluation:my_goals"]
    assert "Ditt meddelande går inte till din kontaktperson." in pages["feedback:home"]
    assert "Din kontaktperson eller handledaren på platsen" in pages["feedback:complaint_info"]


def test_staff_titles_are_shown_in_the_viewers_language(
    client: DjangoClient, people: People, period: Period, me: User
) -> None:
    """A title kept in Swedish is shown on the Swedish pages; one kept only in Finnish falls
    back to Finnish."""
    User.objects.filter(pk=people.worker.pk).update(
        title="sosiaaliohjaaja", title_sv="socialhandledare", title_en="social counsellor"
    )
    User.objects.filter(pk=people.decision_maker.pk).update(title="sosiaalityöntekijä")
    client.force_login(me)
    page = client.get(reverse(START)).text
    assert "sosiaaliohjaaja" in page
    assert "socialhandledare" not in page
    client.cookies["polku_language"] = "sv"
    page = client.get(reverse(START)).text
    assert "socialhandledare" in page
    assert "sosiaaliohjaaja" not in page
    assert "sosiaalityöntekijä" in page  # no Swedish title given: the Finnish one
    info = client.get(reverse("portal:info_package", args=[period.pk])).text
    assert "socialhandledare" in info


def test_the_swedish_pdfs_give_the_staff_titles_in_swedish(
    client: DjangoClient, people: People, period: Period, me: User
) -> None:
    """The Swedish pages said *socialhandledare* while the Swedish PDFs said *sosiaaliohjaaja*:
    the documents took the Finnish title whatever their language."""
    import io

    from pypdf import PdfReader

    decision = _decision(period)
    titles = {"title": "sosiaaliohjaaja", "title_sv": "socialhandledare"}
    User.objects.filter(pk__in=[people.worker.pk, decision.drafted_by_id]).update(**titles)
    User.objects.filter(pk=decision.decision_maker_id).update(
        title="sosiaalityöntekijä", title_sv="socialarbetare"
    )
    Decision.objects.filter(pk=decision.pk).update(document=None)  # rendered, not the stored one
    period.relationship.client.__class__.objects.filter(pk=period.relationship.client_id).update(
        language="sv"
    )
    client.force_login(me)
    client.cookies["polku_language"] = "sv"
    texts = {}
    for name, pk in (
        ("portal:own_decision_pdf", decision.pk),
        ("portal:info_package_pdf", period.pk),
    ):
        response = client.get(reverse(name, args=[pk]))
        reader = PdfReader(io.BytesIO(response.content))
        texts[name] = " ".join(page.extract_text() for page in reader.pages)
    for name, text in texts.items():
        assert "socialhandledare" in text, name
        assert "sosiaaliohjaaja" not in text, name
    assert "socialarbetare" in texts["portal:own_decision_pdf"]
    assert "sosiaalityöntekijä" not in texts["portal:own_decision_pdf"]


FILE_NAMES = {
    "fi": ("paatos.pdf", "aktivointisuunnitelma.pdf", "tietopaketti.pdf"),
    "sv": ("beslut.pdf", "aktiveringsplan.pdf", "informationspaket.pdf"),
    "en": ("decision.pdf", "activation-plan.pdf", "information-package.pdf"),
}


@pytest.mark.parametrize(
    ("written", "page"), [("fi", "sv"), ("fi", "en"), ("sv", "fi"), ("en", "fi"), ("sv", "sv")]
)
def test_the_pdf_file_names_are_in_the_documents_language_not_the_pages(
    client: DjangoClient, period: Period, me: User, written: str, page: str
) -> None:
    """The user test: a Swedish page downloaded "beslut.pdf" with Finnish content. The
    documents are in the client's language, and so are their file names."""
    decision = _decision(period)
    Decision.objects.filter(pk=decision.pk).update(document=None)  # rendered in `written`
    period.relationship.client.__class__.objects.filter(pk=period.relationship.client_id).update(
        language=written
    )
    client.force_login(me)
    client.cookies["polku_language"] = page
    for url, name in zip(
        (
            reverse("portal:own_decision_pdf", args=[decision.pk]),
            reverse("portal:own_plan_pdf", args=[_plan(period).pk]),
            reverse("portal:info_package_pdf", args=[period.pk]),
        ),
        FILE_NAMES[written],
        strict=True,
    ):
        response = client.get(url)
        assert response["Content-Disposition"] == f'inline; filename="{name}"'


@pytest.mark.parametrize(
    ("written", "page", "note"),
    [("fi", "sv", "(på finska)"), ("sv", "fi", "(ruotsiksi)"), ("fi", "en", "(in Finnish)")],
)
def test_the_pages_say_the_documents_language_when_it_is_not_the_pages(
    client: DjangoClient, period: Period, me: User, written: str, page: str, note: str
) -> None:
    period.relationship.client.__class__.objects.filter(pk=period.relationship.client_id).update(
        language=written
    )
    client.force_login(me)
    client.cookies["polku_language"] = page
    documents = client.get(reverse(DOCUMENTS)).text
    # The decision, the plan and the info package, each with its language.
    assert documents.count(note) == 3
    assert f'hreflang="{written}"' in documents
    for url in (
        reverse("portal:own_decision", args=[_decision(period).pk]),
        reverse("portal:info_package", args=[period.pk]),
    ):
        assert note in client.get(url).text


def test_the_pages_say_nothing_of_a_document_in_the_pages_language(
    client: DjangoClient, period: Period, me: User
) -> None:
    client.force_login(me)
    for language, notes in (("fi", ("(suomeksi)",)), ("sv", ("(på finska)", "(på svenska)"))):
        client.cookies["polku_language"] = language
        period.relationship.client.__class__.objects.filter(
            pk=period.relationship.client_id
        ).update(language=language)
        for url in (
            reverse(DOCUMENTS),
            reverse("portal:own_decision", args=[_decision(period).pk]),
            reverse("portal:info_package", args=[period.pk]),
        ):
            page = client.get(url).text
            assert f'hreflang="{language}"' in page  # the download is there
            assert not any(note in page for note in notes), url
