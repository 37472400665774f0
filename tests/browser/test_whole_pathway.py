"""One client's whole pathway S1 → S15 through the real pages, in Finnish and in Swedish.

Each party logs in and does their own part: the worker takes the contact, names herself,
meets the client, assesses the service need, makes the activation plan with the employment
authority (two options) and the second plan, records the introductory visit, plans the period,
notifies the chief shop steward and drafts the decision; the decision maker decides; the place
supervisor records attendance and rates work ability in the place portal; the client writes the
mid-period self-evaluation in OmaPolku (the final one is entered by the worker from paper);
the place supervisor drafts the certificate and the worker gives it (its PDF read back), makes
the follow-up plan, ends the period and the relationship, and records the call one month later.
The clock moves with the pathway (polku.core.clock). Every page is checked by axe-core at 1280
and 390 px (conftest), and in this walk also for English words left in a Finnish or Swedish
page and for raw choice values; a screenshot per stage goes to tests/browser/screenshots/.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import polib
import pytest
from django.db import models
from django.utils import timezone, translation
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.wait import WebDriverWait

from polku.accounts.models import User
from polku.accounts.roles import Role
from polku.attendance.models import AttendanceDay, Source
from polku.audit import events as event_types
from polku.audit.models import AuditEvent, EventKind
from polku.clients.models import Client, ClientRelationship, Meeting, MeetingStatus, Stage
from polku.closure.events import ClosureEvent
from polku.closure.models import Certificate, CertificateStatus, FollowUpCall, RelationshipEnd
from polku.core import clock
from polku.core.tests.test_documents import pdf_text
from polku.evaluation.models import Evaluation, Goal
from polku.pathways.models import ActivationPlan, PlanStatus
from polku.placements.models import Decision, DecisionStatus, Period, PlaceProfile, StewardNotice
from tests.browser.conftest import ROOT, Browser
from tests.browser.helpers import choose, fetch_pdf, fill, render_pages, submit
from tests.factories import PASSWORD, PlaceFactory, role_user
from tests.people import People, build_people
from tests.seeds import restore_seeded_rows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STEWARD = "Pirjo Pääluottamus"
# The pathway's days: contact on a Monday in February, the period March–May, the end on
# 1 June and the call one month later.
CONTACT = dt.date(2026, 2, 2)
FIRST_MEETING = dt.date(2026, 2, 4)
PREPARED = dt.date(2026, 2, 9)
START = dt.date(2026, 3, 2)  # a Monday
PLANNED_END = dt.date(2026, 6, 1)  # three months less a day after the start
MID = dt.date(2026, 4, 15)
FINAL = dt.date(2026, 5, 27)
END = dt.date(2026, 6, 1)
CALL = dt.date(2026, 7, 2)


def at(day: dt.date, hour: int = 10) -> None:
    """Move the project clock (the live server shares it) to ``hour`` o'clock on ``day``."""
    clock._frozen = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def d(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


@functools.cache
def _untranslated(language: str) -> tuple[str, ...]:
    """English source strings of the catalogue that have a different translation: if one of
    them shows on a page, a string was not translated (or not marked)."""
    catalogue = polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))
    found = set()
    for entry in catalogue:
        text = entry.msgid
        if entry.obsolete or not entry.msgstr or entry.msgstr == text or entry.msgid_plural:
            continue
        if re.search(r"%|\{|<|\n", text) or len(text) < 12 or " " not in text:
            continue
        found.add(text)
    return tuple(sorted(found))


@functools.cache
def _raw_values() -> re.Pattern[str]:
    """Stored choice values with an underscore (``in_person``, ``daily_routine``): a page that
    shows one shows a raw value instead of its label."""
    values: set[str] = set()
    pending = list(models.TextChoices.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("polku."):
            values.update(str(v) for v in cls.values if "_" in str(v))
    return re.compile(r"(?<![\w/.-])(" + "|".join(map(re.escape, sorted(values))) + r")(?![\w/-])")


class WalkBrowser(Browser):
    """The conftest's browser, whose every checked page is also read for English words left in
    a Finnish or Swedish page and for raw choice values."""

    language = "fi"

    def check_accessibility(self) -> None:
        super().check_accessibility()
        text = self.text()
        lang = self.driver.execute_script("return document.documentElement.lang")
        if lang in ("fi", "sv"):
            left = [s for s in _untranslated(lang) if s in text]
            assert not left, f"{self.path} ({lang}) shows English: {left}"
        raw = _raw_values().findall(text)
        assert not raw, f"{self.path} shows raw values: {raw}"

    def as_user(self, user: User) -> None:
        """Log in as ``user`` and see the pages in the walk's language."""
        self.login(user.username, PASSWORD)
        lang = self.driver.execute_script("return document.documentElement.lang")
        if lang != self.language:
            self.click(f'button[name="language"][value="{self.language}"]')
        assert self.driver.execute_script("return document.documentElement.lang") == self.language

    def stage_shot(self, name: str) -> Path:
        return self.screenshot(f"pathway-{self.language}-{name}")

    def button(self, css: str) -> None:
        """Press a button that leads to a new page and wait for it."""
        element = self.driver.find_element(By.CSS_SELECTOR, css)
        element.click()
        self.check_accessibility()

    def check(self, field_id: str) -> None:
        element = self.driver.find_element(By.ID, field_id)
        if not element.is_selected():
            element.click()


@pytest.fixture
def walk(driver: WebDriver, live_server: Any) -> Iterator[WalkBrowser]:
    driver.delete_all_cookies()
    restore_seeded_rows()
    previous = clock._frozen
    try:
        yield WalkBrowser(driver, live_server.url)
    finally:
        clock._frozen = previous


def words(language: str, fi: str, sv: str) -> str:
    return sv if language == "sv" else fi


def stage_of(relationship: ClientRelationship) -> str:
    return str(ClientRelationship.objects.get(pk=relationship.pk).stage)


def move_to(walk: WalkBrowser, relationship: ClientRelationship, target: Stage) -> None:
    """The plans page's "Move to" button: no missing step is listed under it, and it moves."""
    walk.get(f"/polku/asiakkuus/{relationship.pk}/suunnitelmat/")
    assert not walk.driver.find_elements(By.ID, f"missing-{target.value}"), walk.text(
        f"#missing-{target.value}"
    )
    walk.button(f'form[action$="/vaihe/"] button[value="{target.value}"]')
    assert stage_of(relationship) == target.value


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_one_client_walks_the_whole_pathway(walk: WalkBrowser, language: str) -> None:
    walk.language = language
    at(CONTACT, 9)
    people = build_people()
    second_place = PlaceFactory.create(name="Kierrätyskeskus Testi", parent=people.organiser)
    PlaceProfile.objects.update_or_create(
        place=people.place,
        defaults={"field": "Puutyö", "tasks": "Puutöitä", "capacity": 3, "steward_name": STEWARD},
    )
    relationship = s1_to_s3(walk, people, language)
    s3_to_s8(walk, people, relationship, language, second_place.pk)
    period = s8_to_s9(walk, people, relationship, language)
    goals = s9_to_s11(walk, people, relationship, period, language)
    evaluations(walk, people, relationship, period, goals, language)
    closure(walk, people, relationship, period, language)
    the_end(walk, relationship, language)
    the_client_reads(walk, relationship, period, language)


def s1_to_s3(walk: WalkBrowser, people: People, language: str) -> ClientRelationship:
    """S1 contact and intake, S2 the responsible worker, S3 the first meeting."""
    from polku.clients import identity

    code = identity.build_code(dt.date(1990, 3, 14), 912, sign="-")
    walk.as_user(people.worker)
    walk.click('a[href="/asiakkaat/haku/"]')
    fill(walk, "id_identity_code", code)
    walk.click("main form button[type=submit]")
    walk.click('a[href="/asiakkaat/uusi/"]')
    fill(walk, "id_first_name", "Eeva")
    fill(walk, "id_last_name", "Kulkija")
    fill(walk, "id_identity_code", code)
    choose(walk, "id_language", language)
    fill(walk, "id_phone", "040 765 4321")
    fill(walk, "id_reason", "Pitkäaikainen työttömyys, haluaa päivärytmin.")
    choose(walk, "id_source", "self")
    walk.click("main form.card button[type=submit]")
    person = Client.objects.get(last_name="Kulkija")
    relationship = ClientRelationship.objects.get(client=person)
    assert walk.path == f"/asiakkaat/{person.pk}/"
    assert (relationship.stage, relationship.started_on) == (Stage.S1_STARTED, CONTACT)
    assert person.language == language
    walk.stage_shot("s01-contact")

    # S2: the worker names herself from the unit's intake queue.
    walk.get("/asiakkaat/saapuneet/")
    assert "Kulkija" in walk.text("main")
    walk.get(f"/asiakkaat/asiakkuus/{relationship.pk}/vastuutyontekija/")
    walk.click("main form button[type=submit]")
    relationship.refresh_from_db()
    assert relationship.responsible_worker == people.worker
    assert relationship.stage == Stage.S2_RESPONSIBLE_WORKER
    assert "Sanna Ohjaaja" in walk.text("main")
    walk.stage_shot("s02-responsible-worker")

    # S3: the first meeting booked for Wednesday, then recorded as held with the checklist.
    walk.click(f'a[href="/asiakkaat/asiakkuus/{relationship.pk}/tapaaminen/"]')
    fill(walk, "id_date", d(FIRST_MEETING))
    fill(walk, "id_time", "13.00")
    walk.driver.find_element(By.CSS_SELECTOR, 'input[value="in_person"]').click()
    walk.click("main form button[type=submit]")
    assert stage_of(relationship) == Stage.S3_FIRST_MEETING, walk.text("main")
    meeting = Meeting.objects.get(relationship=relationship)
    at(FIRST_MEETING, 15)
    walk.get(f"/asiakkaat/tapaamiset/{meeting.pk}/")
    fill(walk, "id_overall_situation", "Asuu yksin, päivärytmi hukassa.")
    fill(walk, "id_service_need", "Arjen rytmi ja työelämävalmiudet.")
    fill(walk, "id_client_wishes", "Haluan tehdä jotain käsillä.")
    for checkbox in walk.driver.find_elements(By.CSS_SELECTOR, 'input[name^="informed_"]'):
        if not checkbox.is_selected():
            checkbox.click()
    choose(walk, "id_outcome", "activation_plan")
    walk.check("id_mark_held")
    walk.click("main form button[type=submit]")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD, walk.text("main")
    walk.stage_shot("s03-first-meeting")
    return relationship


def s3_to_s8(
    walk: WalkBrowser,
    people: People,
    relationship: ClientRelationship,
    language: str,
    second_place_id: int,
) -> None:
    """S4 the service-need assessment, S5 the activation plan with the employment authority and
    two options, S6 reflection and a familiarisation visit, S7 the second plan, on to S8."""
    today = d(FIRST_MEETING)
    walk.get(f"/polku/asiakkuus/{relationship.pk}/suunnitelmat/arviointi/")
    fill(walk, "id_summary", "Pitkittynyt työttömyys, päivärytmi puuttuu.")
    fill(walk, "id_conclusion", "Kuntouttava työtoiminta tukee päivärytmiä.")
    fill(walk, "id_client_view", "Haluan päästä porukkaan.")
    walk.check("id_complete")
    walk.click("main form.card button[type=submit]")
    assert walk.driver.find_elements(By.ID, "id_summary") == []  # completed: read-only
    assert "Haluan päästä porukkaan." in walk.text("main")
    walk.stage_shot("s04-assessment")

    walk.get(f"/polku/asiakkuus/{relationship.pk}/suunnitelmat/")
    submit(walk, "/aktivointisuunnitelma/")
    plan = ActivationPlan.objects.get(relationship=relationship)
    assert stage_of(relationship) == Stage.S5_ACTIVATION_PLAN
    fill(walk, "id_notice_given_on", today)
    choose(walk, "id_notice_method", "meeting")
    choose(walk, "id_employment_authority", str(people.employment_authority.pk))
    fill(walk, "id_official_name", "Tiina Työllisyys")
    fill(walk, "id_education", "Ammattikoulu")
    fill(walk, "id_agreed_measures", "Kuntouttava työtoiminta 4 pv/vko")
    walk.check("id_last_resort_informed")
    walk.check("id_benefits_informed")
    walk.click("main form.card button[type=submit]")
    for place_id in (people.place.pk, second_place_id):
        choose(walk, "id_kind", "place")
        choose(walk, "id_place", str(place_id))
        submit(walk, "/vaihtoehto/")
    assert plan.options.count() == 2
    for party, name in (
        ("client", "Eeva Kulkija"),
        ("worker", "Sanna Ohjaaja"),
        ("official", "Tiina Työllisyys"),
    ):
        choose(walk, "id_party", party)
        fill(walk, "id_signer_name", name)
        fill(walk, "id_signed_on", today)
        submit(walk, "/allekirjoitus/")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SIGNED
    assert plan.employment_authority == people.employment_authority
    assert people.employment_authority.name in walk.text("main")
    walk.stage_shot("s05-activation-plan")

    fill(walk, "id_reflection_due", d(FIRST_MEETING + dt.timedelta(days=10)))
    submit(walk, "/pohdinta/")
    assert stage_of(relationship) == Stage.S6_REFLECTION
    fill(walk, "id_visited_on", today)
    fill(walk, "id_impression", "Mukava paikka, puutöitä.")
    submit(walk, "/tutustuminen/")
    assert "Mukava paikka, puutöitä." in walk.text("main")
    walk.stage_shot("s06-reflection")

    option = plan.options.get(place=people.place)
    choose(walk, "id_chosen_option", str(option.pk))
    submit(walk, "/toinen/")
    second = ActivationPlan.objects.get(relationship=relationship, round=2)
    assert walk.path == f"/polku/suunnitelma/{second.pk}/"
    assert stage_of(relationship) == Stage.S7_SECOND_PLAN
    for party, name in (
        ("client", "Eeva Kulkija"),
        ("worker", "Sanna Ohjaaja"),
        ("official", "Tiina Työllisyys"),
    ):
        choose(walk, "id_party", party)
        fill(walk, "id_signer_name", name)
        fill(walk, "id_signed_on", today)
        submit(walk, "/allekirjoitus/")
    second.refresh_from_db()
    assert second.status == PlanStatus.SIGNED
    assert second.chosen_option is not None
    assert second.chosen_option.place == people.place
    walk.stage_shot("s07-second-plan")
    move_to(walk, relationship, Stage.S8_INTRODUCTORY_VISIT)


def s8_to_s9(
    walk: WalkBrowser, people: People, relationship: ClientRelationship, language: str
) -> Period:
    """S8 the introductory visit, the period planned, the chief shop steward notified and the
    decision made and delivered; on to S9."""
    at(PREPARED)
    today = d(PREPARED)
    base = f"/tyotoiminta/asiakkuus/{relationship.pk}/"
    walk.get(base)
    fill(walk, "id_visited_on", today)
    fill(walk, "id_participants", "Asiakas, vastuutyöntekijä, työnohjaaja")
    fill(walk, "id_place_contact", "Olli Ohjaaja")
    fill(walk, "id_agreed_hours", "ma–to 9–14")
    fill(walk, "id_agreed_tasks", "Huonekalujen kunnostus")
    fill(walk, "id_handover_summary", "Tarvitsee selkeät ohjeet aamulla.")
    walk.check("id_worker_present")
    walk.check("id_reviewed_with_client")
    submit(walk, "/aloituskaynti/")
    assert "Tarvitsee selkeät ohjeet aamulla." in walk.text("main")
    walk.stage_shot("s08-introductory-visit")

    walk.click(f'main a[href="{base}jakso/"]')
    choose(walk, "id_place", str(people.place.pk))
    choose(walk, "id_kind", "full")
    fill(walk, "id_goal", "Päivärytmi ja työkyvyn arviointi")
    fill(walk, "id_description", "Puutyöt verstaalla ohjaajan tuella")
    fill(walk, "id_tasks", "Huonekalujen kunnostus\nPuutöiden viimeistely")
    fill(walk, "id_starts_on", d(START))
    # A date out of order is refused: the end before the start.
    fill(walk, "id_ends_on", d(START - dt.timedelta(days=1)))
    for day in range(4):  # Monday to Thursday
        walk.check(f"id_weekdays_{day}")
    fill(walk, "id_hours_per_day", "5")
    fill(walk, "id_support_and_guidance", "Työnohjaaja päivittäin")
    fill(walk, "id_other_services", "Ei muita palveluja")
    fill(walk, "id_evaluate_by", d(MID))
    walk.click("main form.card button[type=submit]")
    assert walk.driver.find_elements(By.CSS_SELECTOR, ".error-summary")
    assert not Period.objects.filter(relationship=relationship).exists()
    fill(walk, "id_ends_on", d(PLANNED_END))
    walk.click("main form.card button[type=submit]")
    period = Period.objects.get(relationship=relationship)
    assert (period.starts_on, period.ends_on, period.weekdays) == (START, PLANNED_END, "1234")

    walk.click(f'main a[href="/tyotoiminta/jakso/{period.pk}/ilmoitus/"]')
    href = walk.driver.find_element(By.CSS_SELECTOR, 'main a[href="?pdf=1"]').get_attribute("href")
    notice = pdf_text(fetch_pdf(walk, str(href)))
    assert STEWARD in notice
    assert "Kulkija" in notice
    fill(walk, "id_sent_on", today)
    choose(walk, "id_method", "electronic")
    walk.click("main form.card button[type=submit]")
    assert StewardNotice.objects.get(period=period).sent_on == PREPARED

    walk.click(f'main a[href="{base}paatos/"]')
    choose(walk, "id_kind", "kuty")
    choose(walk, "id_period", str(period.pk))
    choose(walk, "id_decision_maker", str(people.decision_maker.pk))
    fill(walk, "id_grounds", "Asiakas hyötyy säännöllisestä päivärytmistä.")
    walk.click("main form.card button[type=submit]")
    decision = Decision.objects.get(relationship=relationship)

    walk.as_user(people.decision_maker)
    walk.get(f"/tyotoiminta/paatos/{decision.pk}/")
    fill(walk, "id_decided_on", today)
    submit(walk, "/paata/")
    choose(walk, "id_method", "handed_over")
    fill(walk, "id_sent_on", today)
    submit(walk, "/tiedoksianto/")
    decision.refresh_from_db()
    assert (decision.status, decision.decided_on) == (DecisionStatus.DECIDED, PREPARED)
    walk.stage_shot("s09-decision")
    assert "Kulkija" in pdf_text(fetch_pdf(walk, f"/tyotoiminta/paatos/{decision.pk}/pdf/"))

    walk.as_user(people.worker)
    move_to(walk, relationship, Stage.S9_KUTY_STARTS)
    return period


def s9_to_s11(
    walk: WalkBrowser,
    people: People,
    relationship: ClientRelationship,
    period: Period,
    language: str,
) -> list[Goal]:
    """The period starts (S11), the goals are written with GAS scales, and the place
    supervisor records the first three days in the place portal."""
    at(START, 8)
    move_to(walk, relationship, Stage.S11_PERIOD)
    walk.stage_shot("s11-period-started")

    goals = []
    for number, (wording, area) in enumerate(
        (
            ("Tulen työtoimintaan ajoissa neljänä päivänä viikossa.", "daily_routine"),
            ("Opin kunnostamaan tuolin itsenäisesti.", "work"),
        ),
        start=1,
    ):
        if number == 1:
            walk.get(f"/arviointi/asiakkuus/{relationship.pk}/")
        walk.click(f'main a[href="/arviointi/asiakkuus/{relationship.pk}/tavoite/"]')
        fill(walk, "id_wording", wording)
        choose(walk, "id_life_area", area)
        fill(walk, "id_actions", "Herätyskello, bussiaikataulu.")
        fill(walk, "id_helper_name", "Olli Ohjaaja, työnohjaaja")
        fill(walk, "id_helper_contact", "040 111 2222")
        fill(walk, "id_level_minus_2", "En käy lainkaan.")
        fill(walk, "id_level_minus_1", "Käyn kahtena päivänä.")
        if number == 1:
            # Without the expected outcome (level 0) the goal is refused, nothing lost.
            walk.click("main form button[type=submit]")
            assert walk.driver.find_elements(By.CSS_SELECTOR, ".error-summary")
            assert walk.driver.find_element(By.ID, "id_wording").get_attribute("value") == wording
        fill(walk, "id_level_0", "Käyn neljänä päivänä ajoissa.")
        fill(walk, "id_level_plus_1", "Käyn ajoissa ja autan muita.")
        fill(walk, "id_level_plus_2", "Ohjaan uusia tulijoita.")
        choose(walk, "id_baseline", "-1")
        walk.click("main form button[type=submit]")
        goals.append(Goal.objects.get(relationship=relationship, wording=wording))
    assert [g.baseline for g in goals] == [-1, -1]
    assert walk.path == f"/arviointi/asiakkuus/{relationship.pk}/"
    assert "Olli Ohjaaja, työnohjaaja" in walk.text("main")
    walk.stage_shot("s11-goals")

    # Attendance: the place supervisor presses "present" on three days in the place portal.
    walk.as_user(people.place_supervisor)
    for offset in range(3):
        at(START + dt.timedelta(days=offset), 15)
        walk.get(f"/lasnaolo/paikka/{people.place.pk}/tanaan/")
        day = START + dt.timedelta(days=offset)
        walk.driver.find_element(
            By.CSS_SELECTOR, f"#row-{period.pk} button[data-key=present]"
        ).click()
        WebDriverWait(walk.driver, 10).until(recorded(period, day))
        walk.driver.execute_script("window.polkuChecked = false")
        walk.check_accessibility()
    days = AttendanceDay.objects.filter(period=period).order_by("day")
    assert [(x.day, x.status, x.reported_via) for x in days] == [
        (START + dt.timedelta(days=n), "present", Source.PLACE) for n in range(3)
    ]
    walk.stage_shot("s11-attendance")
    return goals


def recorded(period: Period, day: dt.date) -> Callable[[WebDriver], bool]:
    """A wait's condition: the place's answer for ``day`` is stored (the row is swapped in)."""
    return lambda _: AttendanceDay.objects.filter(period=period, day=day).exists()


def place_section(walk: WalkBrowser, evaluation: Evaluation, comment: str) -> None:
    """The place supervisor rates every item in the place portal and marks the section done."""
    walk.get("/arviointi/paikka/")
    walk.click(f'main a[href="/arviointi/paikka/{evaluation.pk}/"]')
    for item in evaluation.template.item_rows():
        walk.driver.find_element(
            By.CSS_SELECTOR, f'input[name="value_{item["key"]}"][value="3"]'
        ).click()
        fill(walk, f"id_comment_{item['key']}", comment)
    walk.check("id_complete")
    walk.submit_and_wait()
    section = evaluation.sections.get(part="place")
    assert section.complete
    assert all(row["value"] == 3 for row in section.data.values())


def in_form(walk: WalkBrowser, action: str, name: str) -> Any:
    return walk.driver.find_element(
        By.XPATH, f'//form[input[@name="action"][@value="{action}"]]//*[@name="{name}"]'
    )


def goals_section(walk: WalkBrowser, goals: list[Goal], levels: list[int]) -> None:
    for goal, level in zip(goals, levels, strict=True):
        choose(walk, f"id_level_{goal.pk}", str(level))
        fill(walk, f"id_actions_{goal.pk}", "Kävi ajoissa")
        fill(walk, f"id_helped_{goal.pk}", "Herätyskello")
        fill(walk, f"id_next_{goal.pk}", "Jatketaan")
    box = in_form(walk, "goals", "complete")
    if not box.is_selected():
        box.click()
    walk.button('form:has(input[name="action"][value="goals"]) button[type=submit]')


def finish(walk: WalkBrowser, evaluation: Evaluation, day: dt.date) -> None:
    fill(walk, "id_met_on", d(day))
    fill(walk, "id_participants", "Eeva Kulkija, Sanna Ohjaaja, Olli Ohjaaja")
    walk.button('form:has(input[name="action"][value="finish"]) button[type=submit]')
    evaluation.refresh_from_db()
    assert evaluation.is_finished, walk.text("main")


def evaluations(
    walk: WalkBrowser,
    people: People,
    relationship: ClientRelationship,
    period: Period,
    goals: list[Goal],
    language: str,
) -> None:
    """S12: the mid-period evaluation (the client writes in OmaPolku) and the final one (the
    worker enters the client's paper form); each party fills its own section."""
    client_user = role_user(Role.CLIENT, relationship.unit, first_name="Eeva", last_name="Kulkija")
    Client.objects.filter(pk=relationship.client_id).update(user=client_user)

    at(MID, 9)
    walk.as_user(people.worker)
    walk.get(f"/arviointi/asiakkuus/{relationship.pk}/")
    choose(walk, "id_kind", "mid")
    submit(walk, "/aloita/")
    mid = Evaluation.objects.get(period=period, kind="mid")
    assert stage_of(relationship) == Stage.S12_EVALUATION
    goals_section(walk, goals, [0, -1])
    # Finishing with the other parties' sections missing is refused, naming them.
    fill(walk, "id_met_on", d(MID))
    walk.button('form:has(input[name="action"][value="finish"]) button[type=submit]')
    assert walk.driver.find_elements(By.CSS_SELECTOR, ".error-summary")
    mid.refresh_from_db()
    assert not mid.is_finished

    walk.as_user(people.place_supervisor)
    place_section(walk, mid, "Hyvin sujuu")
    walk.stage_shot("s12-mid-place")

    walk.as_user(client_user)
    walk.get("/arviointi/omat/")
    walk.click(f'main a[href="/arviointi/omat/{mid.pk}/"]')
    fill(walk, "id_housing", "Asun yksin, viihdyn.")
    fill(walk, "id_daily_routine", "Herään nyt aamulla.")
    walk.check("id_complete")
    walk.submit_and_wait()
    own = mid.sections.get(part="self")
    assert (own.complete, own.source, own.data["housing"]) == (
        True,
        "client",
        "Asun yksin, viihdyn.",
    )
    # The client does not see the place's ratings before the joint meeting.
    assert "Hyvin sujuu" not in walk.text("main")
    walk.stage_shot("s12-mid-omapolku")

    walk.as_user(people.worker)
    walk.get(f"/arviointi/{mid.pk}/")
    finish(walk, mid, MID)
    walk.stage_shot("s12-mid-finished")

    at(FINAL, 9)
    walk.get(f"/arviointi/asiakkuus/{relationship.pk}/")
    choose(walk, "id_kind", "final")
    submit(walk, "/aloita/")
    final = Evaluation.objects.get(period=period, kind="final")
    goals_section(walk, goals, [1, 0])
    fill(walk, "id_housing", "Asun yksin, pärjään hyvin.")
    fill(walk, "id_future", "Haluan opiskella puusepäksi.")
    box = in_form(walk, "self", "complete")
    if not box.is_selected():
        box.click()
    walk.button('form:has(input[name="action"][value="self"]) button[type=submit]')
    paper = final.sections.get(part="self")
    assert (paper.complete, paper.source) == (True, "paper")

    walk.as_user(people.place_supervisor)
    place_section(walk, final, "Täsmällinen ja oma-aloitteinen")

    # The certificate: the place supervisor drafts it from the period and the evaluation.
    walk.get("/jatko/todistukset/")
    assert "Kulkija" in walk.text("main")
    walk.click(f'main a[href="/jatko/jakso/{period.pk}/todistus/"]')
    fill(walk, "id_skills_learned", "Huonekalujen kunnostus\nTyöturvallisuus")
    fill(walk, "id_signer_name", "Olli Ohjaaja")
    fill(walk, "id_signer_title", "työnohjaaja")
    walk.submit_and_wait()
    certificate = Certificate.objects.get(period=period)
    assert certificate.status == CertificateStatus.DRAFT
    assert certificate.language == language
    walk.stage_shot("s13-certificate-draft")

    walk.as_user(people.worker)
    walk.get(f"/arviointi/{final.pk}/")
    finish(walk, final, FINAL)
    assert stage_of(relationship) == Stage.S13_CERTIFICATE
    assert re.search(r"\d\d\.\d", walk.text("main"))  # the T-score
    walk.stage_shot("s12-final-finished")


def closure(
    walk: WalkBrowser,
    people: People,
    relationship: ClientRelationship,
    period: Period,
    language: str,
) -> None:
    """S13 the certificate given and the follow-up plan, the period ended; S14 the end with
    its destination; S15 the call one month later."""
    walk.get(f"/jatko/jakso/{period.pk}/todistus/")
    fill(walk, "id_given_on", d(FINAL))
    submit(walk, "/todistus/anna/")
    certificate = Certificate.objects.get(period=period)
    assert (certificate.status, certificate.given_on) == (CertificateStatus.GIVEN, FINAL)
    given = fetch_pdf(walk, f"/jatko/jakso/{period.pk}/todistus/pdf/")
    render_pages(given, f"pathway-{language}-s13-certificate-pdf")
    text = pdf_text(given)
    assert words(language, "Todistus", "Intyg") in text
    for expected in ("Eeva Kulkija", people.place.name, "Huonekalujen kunnostus", "Olli Ohjaaja"):
        assert expected in text, expected
    assert d(START) in text
    assert d(PLANNED_END) in text
    for term in ("kuntouttava", "Kuntouttava", "arbetsverksamhet", "sosiaalihuolto"):
        assert term not in text, term
    walk.stage_shot("s13-certificate-given")

    # The follow-up plan, its date before the plan refused first.
    walk.get(f"/jatko/jakso/{period.pk}/jatkosuunnitelma/")
    choose(walk, "id_destination", "studies")
    fill(walk, "id_next_step", "Haku puusepän koulutukseen")
    fill(walk, "id_next_on", d(FINAL - dt.timedelta(days=30)))
    fill(walk, "id_responsible", "Opinto-ohjaaja Outi")
    walk.submit_and_wait()
    assert walk.driver.find_elements(By.CSS_SELECTOR, ".error-summary")
    fill(walk, "id_next_on", d(END + dt.timedelta(days=14)))
    walk.submit_and_wait()
    assert period.follow_up_plan.next_step == "Haku puusepän koulutukseen"
    walk.stage_shot("s13-follow-up-plan")

    at(END, 12)
    walk.get(f"/jatko/jakso/{period.pk}/jatkosuunnitelma/")
    fill(walk, "id_ended_on", d(END))
    submit(walk, "/paata/")
    period.refresh_from_db()
    assert (period.status, period.ends_on) == ("ended", END)
    walk.stage_shot("s13-period-ended")

    walk.get(f"/jatko/asiakkuus/{relationship.pk}/")
    # An end dated before the period it closes is refused; what was chosen is kept.
    fill(walk, "id_ended_on", d(START))
    choose(walk, "id_destination", "studies")
    walk.check("id_no_further_need")
    submit(walk, "/paata/")
    assert walk.driver.find_elements(By.CSS_SELECTOR, ".error-summary")
    assert stage_of(relationship) == Stage.S13_CERTIFICATE
    assert walk.driver.find_element(By.ID, "id_no_further_need").is_selected()
    fill(walk, "id_ended_on", d(END))
    submit(walk, "/paata/")
    assert stage_of(relationship) == Stage.S14_CLOSED
    end = RelationshipEnd.objects.get(relationship=relationship)
    assert (end.ended_on, end.destination) == (END, "studies")
    walk.stage_shot("s14-ended")

    # A month later the call is due in the work queue; it is recorded (reached, no need).
    at(CALL, 9)
    walk.get("/polku/tanaan/")
    assert "Kulkija" in walk.text("main")
    walk.get(f"/jatko/asiakkuus/{relationship.pk}/")
    # A call dated less than a month after the end is refused, the note kept.
    fill(walk, "id_called_on", d(END + dt.timedelta(days=20)))
    walk.driver.find_element(By.CSS_SELECTOR, 'input[name="outcome"][value="reached"]').click()
    choose(walk, "id_need", "no_need")
    fill(walk, "id_note", "Opinnot alkavat syksyllä.")
    submit(walk, "/yhteydenotto/")
    assert walk.driver.find_elements(By.CSS_SELECTOR, ".error-summary")
    assert not FollowUpCall.objects.exists()
    assert walk.driver.find_element(By.ID, "id_note").get_attribute("value") == (
        "Opinnot alkavat syksyllä."
    )
    fill(walk, "id_called_on", d(CALL))
    submit(walk, "/yhteydenotto/")
    call = FollowUpCall.objects.get(end=end)
    assert (call.called_on, call.outcome, call.need) == (CALL, "reached", "no_need")
    assert stage_of(relationship) == Stage.S15_FOLLOW_UP_CALL
    walk.stage_shot("s15-follow-up-call")


def the_end(walk: WalkBrowser, relationship: ClientRelationship, language: str) -> None:
    """The client page: every stage done or skipped, the relationship closed, the timeline."""
    relationship.refresh_from_db()
    assert not relationship.is_open
    assert relationship.ended_on == END
    walk.get(f"/asiakkaat/{relationship.client_id}/")
    items = walk.driver.find_elements(By.CSS_SELECTOR, "ol.stepper > li")
    assert len(items) == len(Stage), walk.text("main")
    states = [
        re.sub(r".*stepper__item--(\w+).*", r"\1", str(li.get_attribute("class"))) for li in items
    ]
    expected = ["done"] * len(Stage)
    expected[Stage.S10_INTRODUCTORY_PERIOD.number - 1] = "skipped"
    assert states == expected
    with translation.override(language):
        ended = translation.gettext("Relationship ended")
    assert re.search(rf"{re.escape(ended)}\s+{re.escape(d(END))}", walk.text("main"))
    # The timeline names the latest steps in the viewer's language, newest first.
    timeline = walk.text(".timeline")
    events = AuditEvent.objects.for_client(relationship.client_id).filter(kind=EventKind.CHANGE)
    latest = list(events.order_by("-occurred_at", "-pk").values_list("what", flat=True)[:12])
    assert {ClosureEvent.FOLLOW_UP_CALL, ClosureEvent.CERTIFICATE_GIVEN} <= set(latest)
    with translation.override(language):
        labels = [event_types.label(what) for what in latest]
        last_stage = str(Stage.S15_FOLLOW_UP_CALL.label)
    assert all(label in timeline for label in labels), (labels, timeline)
    assert timeline.index(labels[0]) < timeline.index(labels[-1])
    assert last_stage in timeline
    walk.stage_shot("s15-client-page")


def the_client_reads(
    walk: WalkBrowser, relationship: ClientRelationship, period: Period, language: str
) -> None:
    """After the end the client still finds in OmaPolku the certificate and the finished
    evaluations, the place's ratings now shown."""
    client_user = Client.objects.get(pk=relationship.client_id).user
    assert client_user is not None
    walk.as_user(client_user)
    walk.get("/jatko/omat-todistukset/")
    certificate = Certificate.objects.get(period=period)
    link = f"/jatko/omat-todistukset/{certificate.pk}/pdf/"
    assert people_place_name(period) in walk.text("main")
    assert words(language, "Todistus", "Intyg") in pdf_text(fetch_pdf(walk, link))
    mid = Evaluation.objects.get(period=period, kind="mid")
    walk.get(f"/arviointi/omat/{mid.pk}/")
    assert "Hyvin sujuu" in walk.text("main")  # the place's comment, shown once finished
    assert "Herään nyt aamulla." in walk.text("main")
    walk.stage_shot("s15-omapolku-evaluation")


def people_place_name(period: Period) -> str:
    return str(Period.objects.select_related("place").get(pk=period.pk).place.name)
