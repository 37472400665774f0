"""Partners and opportunities: the rules, the refusals with nothing lost, double submits, who
reads and writes, the audit of every read and write, and the public lists."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client as HttpClient
from django.urls import reverse

from polku.audit.models import AuditEvent, EventKind
from polku.clients.models import Client
from polku.core import clock
from polku.core.versioning import EditConflict
from polku.network import services
from polku.network.models import Opportunity, Partner
from polku.network.tests.builders import opportunity, partner
from tests.people import People

pytestmark = pytest.mark.django_db


def codes(error: ValidationError) -> set[str | None]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


# --- Partners -----------------------------------------------------------------------------------


def test_a_partner_is_saved_with_its_business_id_in_standard_form_and_audited(
    people: People,
) -> None:
    saved = partner(
        people.manager,
        business_id=" 15728600 ",
        contact_name="Kaisa Kumppani",
        help_kinds=["training", "work_trial"],
    )
    assert saved.business_id == "1572860-0"
    assert saved.help_kinds == ["work_trial", "training"]  # the enum's order
    event = AuditEvent.objects.get(kind=EventKind.CHANGE, what="partner created")
    assert (event.record_type, event.record_id) == ("network.Partner", str(saved.pk))
    assert event.changes["business_id"] == [None, "1572860-0"]
    assert event.client_id is None


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"business_id": "1572860-1"}, "business_id", "business_id_invalid"),
        ({"business_id": "abc"}, "business_id", "business_id_invalid"),
        ({"name": "  "}, "name", "required"),
        ({"help_kinds": ["flying"]}, "help_kinds", "help_kind_unknown"),
    ],
)
def test_bad_partners_are_refused_on_their_field(
    people: People, fields: dict[str, object], field: str, code: str
) -> None:
    data: dict[str, object] = {"name": "Osuuskunta Apaja"} | fields
    with pytest.raises(ValidationError) as caught:
        services.partner_create(actor=people.manager, **data)  # type: ignore[arg-type]
    assert caught.value.error_dict[field][0].code == code
    assert not Partner.objects.exists()


def test_a_business_id_belongs_to_one_partner(people: People) -> None:
    partner(people.manager, business_id="1572860-0")
    with pytest.raises(ValidationError) as caught:
        partner(people.manager, name="Toinen", business_id="1572860-0")
    assert codes(caught.value) == {"duplicate"}
    with pytest.raises(IntegrityError), transaction.atomic():
        Partner.objects.create(name="Suoraan", business_id="1572860-0", created_by=people.manager)
    # Partners without a business ID are many.
    partner(people.manager, name="Yhdistys A")
    partner(people.manager, name="Yhdistys B")


def test_the_same_partner_form_sent_twice_adds_one_partner(people: People) -> None:
    token = uuid.uuid4()
    first = services.partner_create(actor=people.manager, name="Apaja", submission=token)
    second = services.partner_create(actor=people.manager, name="Apaja", submission=token)
    assert first.pk == second.pk
    assert Partner.objects.count() == 1
    assert AuditEvent.objects.filter(what="partner created").count() == 1


def test_only_those_who_manage_the_network_write(people: People) -> None:
    for user in (people.worker, people.place_supervisor, people.client):
        with pytest.raises(PermissionDenied):
            services.partner_create(actor=user, name="Apaja")
    saved = partner(people.administrator, name="Apaja")
    with pytest.raises(PermissionDenied):
        opportunity(people.worker, saved)


def test_a_concurrent_partner_edit_is_refused_and_nothing_overwritten(people: People) -> None:
    saved = partner(people.manager, name="Apaja")
    stale = saved.version
    services.partner_update(actor=people.manager, partner=saved, version=stale, field="Kierrätys")
    other = Partner.objects.get(pk=saved.pk)
    with pytest.raises(EditConflict):
        services.partner_update(actor=people.manager, partner=other, version=stale, field="Muu")
    assert Partner.objects.get(pk=saved.pk).field == "Kierrätys"
    event = AuditEvent.objects.get(what="partner")
    assert event.changes == {"field": ["", "Kierrätys"]}


# --- Opportunities ------------------------------------------------------------------------------


def test_an_opportunity_that_ends_before_it_starts_is_refused_by_the_service_and_the_database(
    people: People,
) -> None:
    saved = partner(people.manager)
    with pytest.raises(ValidationError) as caught:
        opportunity(people.manager, saved, starts_in=10, ends_in=9)
    assert caught.value.error_dict["ends_on"][0].code == "ends_before_start"
    assert not Opportunity.objects.exists()
    today = clock.today()
    with pytest.raises(IntegrityError), transaction.atomic():
        Opportunity.objects.create(
            kind="job",
            partner=saved,
            title="Suoraan",
            starts_on=today,
            ends_on=today - dt.timedelta(days=1),
            created_by=people.manager,
        )
    # The same day, and no end at all, are fine.
    opportunity(people.manager, saved, starts_in=3, ends_in=3)
    opportunity(people.manager, saved, ends_in=None)


def test_an_edit_keeps_the_date_rule(people: People) -> None:
    found = opportunity(people.manager, partner(people.manager), starts_in=5, ends_in=30)
    with pytest.raises(ValidationError) as caught:
        services.opportunity_update(
            actor=people.manager,
            opportunity=found,
            version=found.version,
            ends_on=clock.today(),
        )
    assert codes(caught.value) == {"ends_before_start"}


def test_no_new_opportunity_at_a_partner_no_longer_active(people: People) -> None:
    saved = partner(people.manager)
    services.partner_update(actor=people.manager, partner=saved, version=1, active=False)
    with pytest.raises(ValidationError) as caught:
        opportunity(people.manager, saved)
    assert codes(caught.value) == {"partner_inactive"}


def test_the_opportunity_form_refuses_a_bad_end_and_keeps_what_was_typed(
    client: HttpClient, people: People
) -> None:
    saved = partner(people.manager)
    client.force_login(people.manager)
    data = {
        "kind": "training",
        "partner": saved.pk,
        "title": "Puuseppäkoulutus",
        "description": "Puolen vuoden koulutus verstaalla.",
        "starts_on": "1.3.2027",
        "ends_on": "1.2.2027",
        "public": "on",
        "submission": str(uuid.uuid4()),
    }
    response = client.post(reverse("network:opportunity_new"), data)
    assert response.status_code == 200
    assert "ei voi päättyä ennen kuin se alkaa" in response.text
    assert "Puuseppäkoulutus" in response.text
    assert "Puolen vuoden koulutus verstaalla." in response.text
    assert not Opportunity.objects.exists()
    data["ends_on"] = "31.8.2027"
    assert client.post(reverse("network:opportunity_new"), data).status_code == 302
    assert client.post(reverse("network:opportunity_new"), data).status_code == 302  # twice
    assert Opportunity.objects.count() == 1


def test_the_partner_form_refuses_a_bad_business_id_and_keeps_what_was_typed(
    client: HttpClient, people: People
) -> None:
    client.force_login(people.manager)
    response = client.post(
        reverse("network:partner_new"),
        {"name": "Osuuskunta Apaja", "business_id": "1234567-8", "contact_name": "Kaisa K"},
    )
    assert response.status_code == 200
    assert "Y-tunnus" in response.text
    assert "Osuuskunta Apaja" in response.text
    assert "Kaisa K" in response.text
    assert not Partner.objects.exists()


# --- Reads: who sees what, every read logged ----------------------------------------------------


def test_workers_see_current_opportunities_and_every_read_is_logged(
    client: HttpClient, people: People
) -> None:
    saved = partner(people.manager, name="Apaja")
    current = opportunity(people.manager, saved, title="Kesätyö varastolla", public=False)
    ended = opportunity(people.manager, saved, title="Vanha koulutus", starts_in=-60, ends_in=-1)
    client.force_login(people.worker)
    page = client.get(reverse("network:opportunities")).text
    assert current.title in page
    assert ended.title not in page
    assert ended.title in client.get(reverse("network:opportunities") + "?ended=on").text
    detail = client.get(reverse("network:opportunity", args=[current.pk]))
    assert "Apaja" in detail.text
    reads = AuditEvent.objects.filter(kind=EventKind.ACCESS, actor_id=people.worker.pk).order_by(
        "pk"
    )
    assert list(reads.values_list("what", "basis", "record_type")) == [
        ("opportunities", "worker_desk", ""),
        ("opportunities", "worker_desk", ""),
        ("opportunity page", "worker_desk", "network.Opportunity"),
    ]
    missing = client.get(reverse("network:opportunity", args=[current.pk + 999]))
    assert missing.status_code == 404


def test_clients_and_places_see_only_public_current_ones_in_their_words(
    client: HttpClient, people: People
) -> None:
    saved = partner(people.manager, name="Apaja", contact_phone="040 111 2222")
    public = opportunity(people.manager, saved, title="Työkokeilu kahvilassa", kind="work_trial")
    hidden = opportunity(people.manager, saved, title="Sisäinen haku", public=False)
    ended = opportunity(people.manager, saved, title="Mennyt kurssi", starts_in=-30, ends_in=-2)
    client.force_login(people.client)
    page = client.get(reverse("network:own_opportunities")).text
    assert public.title in page
    assert hidden.title not in page
    assert ended.title not in page
    assert "Työkokeilu" in page
    assert "040 111 2222" not in page
    person = Client.objects.get(user=people.client)
    event = AuditEvent.objects.get(what="opportunities in OmaPolku")
    assert (event.client_id, event.basis) == (person.pk, "self")
    start = client.get(reverse("portal:client_start")).text
    assert reverse("network:own_opportunities") in start
    client.force_login(people.place_supervisor)
    page = client.get(reverse("network:place_opportunities")).text
    assert public.title in page
    assert hidden.title not in page
    assert AuditEvent.objects.filter(
        what="opportunities at the place", basis="place_supervisor"
    ).exists()


def test_a_partner_page_read_is_logged_with_the_record(client: HttpClient, people: People) -> None:
    saved = partner(people.manager, name="Apaja", contact_name="Kaisa Kumppani")
    client.force_login(people.decision_maker)
    page = client.get(reverse("network:partner", args=[saved.pk])).text
    assert "Kaisa Kumppani" in page
    event = AuditEvent.objects.get(what="partner page")
    assert (event.record_type, event.record_id, event.actor_id) == (
        "network.Partner",
        str(saved.pk),
        people.decision_maker.pk,
    )
    # Editing is for those who manage the network.
    assert client.get(reverse("network:partner_edit", args=[saved.pk])).status_code == 403


def test_the_opportunity_list_makes_as_many_queries_for_many_rows(
    client: HttpClient, people: People, django_assert_max_num_queries: object
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    saved = partner(people.manager)
    opportunity(people.manager, saved)
    client.force_login(people.worker)
    client.get(reverse("network:opportunities"))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("network:opportunities")).status_code == 200
        return len(captured)

    few = queries()
    for n in range(20):
        opportunity(people.manager, partner(people.manager, name=f"Kumppani {n}"), title=f"T {n}")
    assert queries() == few


def test_a_stale_partner_form_keeps_the_input_and_takes_the_new_version(
    client: HttpClient, people: People
) -> None:
    saved = partner(people.manager, name="Apaja")
    services.partner_update(actor=people.administrator, partner=saved, version=1, field="Muu")
    client.force_login(people.manager)
    response = client.post(
        reverse("network:partner_edit", args=[saved.pk]),
        {"name": "Apaja Osuuskunta", "field": "kierrätys", "version": 1, "active": "on"},
    )
    assert response.status_code == 200
    assert "Apaja Osuuskunta" in response.text
    assert 'name="version" value="2"' in response.text
    assert Partner.objects.get(pk=saved.pk).name == "Apaja"
    again = client.post(
        reverse("network:partner_edit", args=[saved.pk]),
        {"name": "Apaja Osuuskunta", "field": "kierrätys", "version": 2, "active": "on"},
    )
    assert again.status_code == 302
    assert Partner.objects.get(pk=saved.pk).name == "Apaja Osuuskunta"


def test_empty_forms_name_everything_missing_at_once_in_their_own_words(
    client: HttpClient, people: People
) -> None:
    client.force_login(people.manager)
    page = client.post(reverse("network:partner_new"), {"contact_name": "Kaisa K"}).text
    assert "Kirjoita organisaation nimi." in page
    assert "Tämä kenttä vaaditaan" not in page
    assert "Kaisa K" in page
    page = client.post(
        reverse("network:opportunity_new"), {"description": "Verstaalla.", "ends_on": "1.2.2027"}
    ).text
    summary = page.split('class="error-summary"')[1].split("</div>")[0]
    for words in (
        "Valitse mahdollisuuden laji.",
        "Valitse kumppani.",
        "Kirjoita otsikko.",
        "Anna alkamispäivä.",
    ):
        assert words in summary, words
    assert "Tämä kenttä vaaditaan" not in page
    assert "Verstaalla." in page
    assert not Partner.objects.exists()
    assert not Opportunity.objects.exists()


def test_an_invalid_form_shows_the_services_refusals_with_its_own(
    client: HttpClient, people: People
) -> None:
    """A bad e-mail (the form's) and a bad business ID (the service's) together; no partner
    (the form's) and an end before the start (the service's) together."""
    client.force_login(people.manager)
    response = client.post(
        reverse("network:partner_new"),
        {"name": "Osuuskunta Apaja", "business_id": "1234567-8", "contact_email": "kaisa@"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    assert set(errors) == {"business_id", "contact_email"}
    assert {e.code for e in errors["business_id"]} == {"business_id_invalid"}
    saved = partner(people.manager, name="Apaja", business_id="1572860-0")
    response = client.post(
        reverse("network:partner_edit", args=[saved.pk]),
        {"name": "Apaja", "business_id": "1572860-0", "contact_email": "x@", "version": 1},
    )
    assert set(response.context["form"].errors) == {"contact_email"}  # its own ID is no duplicate
    response = client.post(
        reverse("network:opportunity_new"),
        {"kind": "training", "title": "Kurssi", "starts_on": "1.3.2027", "ends_on": "1.2.2027"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    assert set(errors) == {"partner", "ends_on"}
    assert {e.code for e in errors["ends_on"]} == {"ends_before_start"}
    summary = response.text.split('class="error-summary"')[1].split("</div>")[0]
    assert "Valitse kumppani." in summary
    assert "ei voi päättyä ennen kuin se alkaa" in summary
    assert not Opportunity.objects.exists()


def test_the_partner_page_shows_the_kinds_of_help_and_a_duplicate_id_names_its_holder(
    client: HttpClient, people: People
) -> None:
    from django.utils import translation

    from polku.network.models import HelpKind

    saved = partner(
        people.manager,
        name="Osuuskunta Apaja",
        business_id="1572860-0",
        help_kinds=["training", "work_trial"],
    )
    client.force_login(people.worker)
    page = client.get(reverse("network:partner", args=[saved.pk])).text
    with translation.override("fi"):
        labels = [str(HelpKind.WORK_TRIAL.label), str(HelpKind.TRAINING.label)]
    tags = [f'<span class="tag">{label}</span>' for label in labels]
    assert all(tag in page for tag in tags)
    assert page.index(tags[0]) < page.index(tags[1])  # in the enum's order
    with pytest.raises(ValidationError) as caught:
        partner(people.manager, name="Toinen", business_id="1572860-0")
    assert "Osuuskunta Apaja" in str(caught.value)


# --- Finnish and Swedish ------------------------------------------------------------------------


def _in_swedish(client: HttpClient) -> None:
    client.post(reverse("core:set_language"), {"language": "sv", "next": "/"})


def test_the_opportunity_form_asks_for_both_languages_and_keeps_them(
    client: HttpClient, people: People
) -> None:
    saved = partner(people.manager)
    client.force_login(people.manager)
    form = client.get(reverse("network:opportunity_new")).text
    assert 'name="title_sv"' in form
    assert 'name="description_sv"' in form
    data = {
        "kind": "training",
        "partner": saved.pk,
        "title": "Puuseppäkoulutus",
        "title_sv": "Snickarutbildning",
        "description": "Koulutus verstaalla.",
        "description_sv": "Utbildning i verkstaden.",
        "starts_on": "1.3.2027",
        "submission": str(uuid.uuid4()),
    }
    assert client.post(reverse("network:opportunity_new"), data).status_code == 302
    made = Opportunity.objects.get()
    assert (made.title_sv, made.description_sv) == ("Snickarutbildning", "Utbildning i verkstaden.")
    event = AuditEvent.objects.get(kind=EventKind.CHANGE, what="opportunity created")
    assert event.changes["title_sv"] == [None, "Snickarutbildning"]
    edit = client.get(reverse("network:opportunity_edit", args=[made.pk])).text
    assert "Snickarutbildning" in edit
    assert "Utbildning i verkstaden." in edit


def test_an_opportunity_is_shown_in_the_viewers_language_else_in_the_other(
    client: HttpClient, people: People
) -> None:
    saved = partner(people.manager, name="Apaja")
    both = opportunity(
        people.manager,
        saved,
        title="Työkokeilu kahvilassa",
        title_sv="Arbetsprövning i caféet",
        description="Kahvinkeittoa.",
        description_sv="Kaffekokning.",
    )
    finnish_only = opportunity(people.manager, saved, title="Varastotyö", description="Hyllytys.")
    swedish_text_only = opportunity(
        people.manager, saved, title="Siivous", description_sv="Städning på kontoret."
    )
    pages = {
        people.worker: [
            reverse("network:opportunities"),
            reverse("network:opportunity", args=[both.pk]),
            reverse("network:partner", args=[saved.pk]),
            reverse("network:map"),
        ],
        people.client: [reverse("network:own_opportunities")],
        people.place_supervisor: [reverse("network:place_opportunities")],
    }
    for user, urls in pages.items():
        client.force_login(user)
        for url in urls:
            page = client.get(url).text
            assert "Työkokeilu kahvilassa" in page, url
            assert "Arbetsprövning i caféet" not in page, url
        _in_swedish(client)
        for url in urls:
            page = client.get(url).text
            assert "Arbetsprövning i caféet" in page, url
            assert "Työkokeilu kahvilassa" not in page, url
            if url != reverse("network:opportunity", args=[both.pk]):
                assert "Varastotyö" in page, url  # no Swedish title: the Finnish one
        client.post(reverse("core:set_language"), {"language": "fi", "next": "/"})
    client.force_login(people.client)
    page = client.get(reverse("network:own_opportunities")).text
    assert "Kahvinkeittoa." in page
    assert "Städning på kontoret." in page  # no Finnish description: the Swedish one
    _in_swedish(client)
    page = client.get(reverse("network:own_opportunities")).text
    assert "Kaffekokning." in page
    assert "Kahvinkeittoa." not in page
    assert "Hyllytys." in page
    assert finnish_only.title_in("sv") == "Varastotyö"
    assert swedish_text_only.description_in("fi") == "Städning på kontoret."


def test_what_a_partner_offers_is_shown_in_the_viewers_language_and_found_in_either(
    client: HttpClient, people: People
) -> None:
    saved = partner(
        people.manager,
        name="Apaja",
        offers="Työkokeiluja myymälässä.",
        offers_sv="Arbetsprövningar i butiken.",
    )
    client.force_login(people.worker)
    assert (
        "Työkokeiluja myymälässä." in client.get(reverse("network:partner", args=[saved.pk])).text
    )
    _in_swedish(client)
    page = client.get(reverse("network:partner", args=[saved.pk])).text
    assert "Arbetsprövningar i butiken." in page
    assert "Työkokeiluja myymälässä." not in page
    found = client.get(reverse("network:map") + "?text=myymälässä").text
    assert "Apaja" in found  # a Finnish word finds it on the Swedish page
    assert "Arbetsprövningar i butiken." in found
    client.force_login(people.manager)
    form = client.get(reverse("network:partner_edit", args=[saved.pk])).text
    assert "Arbetsprövningar i butiken." in form
    assert "Työkokeiluja myymälässä." in form
