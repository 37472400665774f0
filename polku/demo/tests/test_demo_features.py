"""The demo's later stages and features, read from one demo built for the module
(``conftest.demo``):

- The demo's clients at S13–S15 (polku.demo.closure): each at its stage, with what the work
  queue must show.

- The demo's clients at S12 and S13 with goals and evaluations (polku/demo/evaluation.py).

- The demo's feedback: one place with enough survey answers to show, one without; an ended
  client to whom the survey is open (in Swedish) and one who answered; a message and complaints
  routed to the organiser's manager.

- The demo's groups: a kuty ATK course under way with its past sessions recorded, and a
  low-threshold youth group starting in two days that the reminder job reminds of.

- The demo manager's dashboard (polku.demo.metrics): figures above the small-cell limit, and
  the extra pathways out of every demo caseload and place day.

- The demo's service network (polku.demo.network): partners, current and ended opportunities,
  some public, and one closed client whose destination links to an opportunity.

- Every demo client's OmaPolku is full (issue 19): their responsible worker and how and when to
  reach them, who does what, a coming meeting, a plan, goals and documents.
"""

from __future__ import annotations

import pytest
from django.test import Client as DjangoClient
from django.test import Client as HttpClient
from django.urls import reverse

from polku.accounts.models import Unit, User
from polku.accounts.roles import Role
from polku.audit.models import AuditEvent
from polku.clients.models import Client, ClientRelationship, Stage
from polku.closure.models import Certificate, CertificateStatus, FollowUpCall, RelationshipEnd
from polku.core import clock
from polku.demo.closure import CLOSURES
from polku.demo.management.commands.demo_data import CLIENTS
from polku.demo.metrics import USERNAME
from polku.demo.network import CARPENTRY_TRAINING, OPPORTUNITIES, PARTNERS
from polku.evaluation.models import EvaluationSection, EvaluationStatus
from polku.feedback import selectors
from polku.feedback.models import Complaint, FeedbackMessage, SurveyReceipt
from polku.groups.models import Group, LegalStatus, SessionAttendance
from polku.jobs.tasks import group_reminders
from polku.network.models import Opportunity, Partner
from polku.pathways.models import ActivationPlan
from polku.pathways.workqueue import work_queue
from polku.placements.models import Decision, Period

pytestmark = pytest.mark.django_db


# --- closure -----------------------------------------------------------------------------------
def test_demo_clients_at_s13_s14_and_s15_with_calls_done_and_due(demo: str) -> None:
    by_name = {
        spec.placement.last: ClientRelationship.objects.select_related("client")
        .filter(client__last_name=spec.placement.last)
        .get()
        for spec in CLOSURES
    }
    for relationship in by_name.values():
        # S11 → S13 walked through the evaluation app: goals, both evaluations finished at the
        # joint meeting with every party's section complete, the stage moved by the finish.
        assert relationship.goals.count() == 3
        statuses = dict(relationship.evaluations.values_list("kind", "status"))
        assert statuses == {"mid": EvaluationStatus.FINISHED, "final": EvaluationStatus.FINISHED}
        sections = EvaluationSection.objects.filter(evaluation__relationship=relationship)
        assert sections.count() == sections.filter(complete=True).count() == 6
        final = relationship.evaluations.get(kind="final")
        assert final.met_on is not None
        assert final.met_on < relationship.periods.get().ends_on
        stages = [
            e.changes["stage"][1]
            for e in AuditEvent.objects.filter(
                client_id=relationship.client_id, changes__has_key="stage"
            ).order_by("pk")
        ]
        assert stages[stages.index("s11") :][:3] == ["s11", "s12", "s13"]
    assert by_name["Aaltonen"].stage == Stage.S13_CERTIFICATE
    assert by_name["Aaltonen"].is_open
    assert by_name["Backman"].stage == Stage.S14_CLOSED
    assert by_name["Kinnunen"].stage == Stage.S14_CLOSED
    assert by_name["Rautio"].stage == Stage.S15_FOLLOW_UP_CALL
    assert all(not by_name[n].is_open for n in ("Backman", "Kinnunen", "Peltonen", "Rautio"))
    assert by_name["Peltonen"].stage == Stage.S14_CLOSED  # not reached: no contact made yet
    outcomes = {
        name: list(
            FollowUpCall.objects.filter(end__relationship=by_name[name])
            .order_by("called_on")
            .values_list("outcome", flat=True)
        )
        for name in ("Kinnunen", "Peltonen", "Rautio")
    }
    assert outcomes == {
        "Kinnunen": [],
        "Peltonen": ["not_reached"],
        "Rautio": ["not_reached", "reached"],
    }
    backman = by_name["Backman"].periods.get()
    assert backman.certificate.status == CertificateStatus.GIVEN
    assert backman.certificate.language == "sv"
    items = work_queue(viewer=User.objects.get(username="sanna.virtanen"))
    kinds = {(i.kind, i.client_name.split(" ")[0]) for i in items}
    assert ("follow_up_plan", "Aaltonen") in kinds
    assert ("certificate", "Aaltonen") in kinds
    assert ("follow_up_call", "Kinnunen") in kinds
    assert ("follow_up_call_again", "Peltonen") in kinds
    assert not {k for k in kinds if k[1] in ("Backman", "Rautio")}


# --- evaluation --------------------------------------------------------------------------------
def test_demo_has_clients_at_s12_and_s13_with_goals_and_evaluations(demo: str, client) -> None:
    at_s12 = ClientRelationship.objects.get(client__last_name="Heikkilä")
    at_s13 = ClientRelationship.objects.get(client__last_name="Lahtinen")
    assert at_s12.stage == Stage.S12_EVALUATION
    assert at_s13.stage == Stage.S13_CERTIFICATE
    for relationship, final_status in (
        (at_s12, EvaluationStatus.OPEN),
        (at_s13, EvaluationStatus.FINISHED),
    ):
        assert relationship.goals.count() == 3
        statuses = dict(relationship.evaluations.values_list("kind", "status"))
        assert statuses == {"mid": EvaluationStatus.FINISHED, "final": final_status}
        mid = relationship.evaluations.get(kind="mid")
        assert mid.met_on is not None
        assert mid.period.starts_on <= mid.met_on <= mid.period.ends_on
    client.force_login(User.objects.get(username="sanna.virtanen"))
    page = client.get(reverse("evaluation:overview", args=[at_s13.pk])).text
    assert 'role="img"' in page
    final = at_s12.evaluations.get(kind="final")
    page = client.get(reverse("evaluation:evaluation", args=[final.pk])).text
    assert "Asiakkaan itsearviointi ei ole vielä valmis." in page
    client.force_login(User.objects.get(username="marko.heikkinen"))
    assert "Heikkilä" in client.get(reverse("evaluation:place_list")).text


# --- feedback ----------------------------------------------------------------------------------
def test_the_demo_has_a_place_with_enough_answers_and_one_without(demo: str, client) -> None:
    verstas = Unit.objects.get(name="Toimintakeskus Verstas")
    kiertokulku = Unit.objects.get(name="Kierrätyskeskus Kiertokulku ry")
    result = selectors.satisfaction(place_ids=[verstas.pk, kiertokulku.pk], year=clock.today().year)
    groups = {g.name: g for g in result.places}
    assert groups[verstas.name].shown
    assert groups[verstas.name].responses >= 7
    assert not groups[kiertokulku.name].shown
    assert 0 < groups[kiertokulku.name].responses < 7
    assert SurveyReceipt.objects.count() == 1  # Ismo Kinnunen answered
    sofia = Client.objects.get(user__username="sofia.backman")
    assert selectors.offered_periods(sofia)
    assert FeedbackMessage.objects.count() == 1
    assert {c.state for c in Complaint.objects.all()} == {"answered", "received"}
    assert Complaint.objects.filter(helped_by__username="jukka.lehtonen").exists()
    client.force_login(User.objects.get(username="riitta.manninen"))
    page = client.get(reverse("feedback:results"))
    assert "Vasta 3 vastausta." in page.text
    assert len(client.get(reverse("feedback:complaint_list")).text) > 0
    client.force_login(User.objects.get(username="sofia.backman"))
    client.cookies["polku_language"] = "sv"
    home = client.get(reverse("feedback:home"))
    assert "Svara på enkäten" in home.text


# --- groups ------------------------------------------------------------------------------------
def test_the_demo_has_two_groups_with_sessions_enrolments_and_attendance(
    demo: str,
    client: HttpClient,
) -> None:
    atk = Group.objects.get(name="ATK-kurssi")
    youth = Group.objects.get(name="Nuorten ryhmä")
    assert atk.sessions.count() == 10
    assert youth.sessions.count() == 5
    statuses = sorted(atk.enrolments.values_list("status", flat=True))
    assert statuses == [LegalStatus.KUTY, LegalStatus.KUTY, LegalStatus.OTHER_SERVICE]
    assert youth.enrolments.count() == 3
    past = atk.sessions.filter(day__lt=clock.today()).count()
    assert past >= 2
    marks = SessionAttendance.objects.filter(session__group=atk)
    assert marks.filter(status="present").count() >= past  # most marks are present
    assert marks.filter(status="absent", reason="own_illness").exists()
    assert atk.sessions.exclude(feedback_note="").exists()
    # The instructor's session page and the worker's group page answer.
    client.force_login(User.objects.get(username="marko.heikkinen"))
    session = atk.sessions.filter(day__lt=clock.today()).first()
    assert session is not None
    page = client.get(reverse("groups:session", args=[session.pk]))
    assert "Korhonen" in page.text
    client.force_login(User.objects.get(username="sanna.virtanen"))
    assert "Mäkinen" in client.get(reverse("groups:detail", args=[atk.pk])).text
    result = group_reminders()
    assert result["groups"] == 1


# --- metrics -----------------------------------------------------------------------------------
def test_the_demo_manager_sees_a_dashboard_with_figures(demo: str, client: HttpClient) -> None:
    client.force_login(User.objects.get(username="riitta.manninen"))
    response = client.get(reverse("metrics:dashboard"))
    assert response.status_code == 200
    board = response.context["board"]
    assert board.clients.value is not None
    assert board.clients.value >= 40
    shown = [
        cell.text()
        for table in board.tables
        for row in table.rows
        for cell in row.cells
        if not cell.suppressed and cell.value not in (None, 0)
    ]
    assert len(shown) >= 40
    shares = board.table("shares")
    assert sum(1 for row in shares.rows if row.cells[2].text().endswith("%")) >= 5
    assert any(
        not c.suppressed and c.value for r in board.table("t_scores").rows for c in r.cells[:1]
    )
    # No period of the extra pathways is under way: no place day shows them.
    extra = ClientRelationship.objects.filter(responsible_worker__username=USERNAME)
    assert extra.count() == 48
    assert not Period.objects.filter(relationship__in=extra, ends_on__gte=clock.today()).exists()


# --- network -----------------------------------------------------------------------------------
def test_demo_network_partners_opportunities_and_a_traced_end(
    demo: str, client: HttpClient
) -> None:
    assert Partner.objects.count() == len(PARTNERS)
    assert Opportunity.objects.count() == len(OPPORTUNITIES)
    today = clock.today()
    assert Opportunity.objects.current(today).public().count() == 3
    end = RelationshipEnd.objects.get(opportunity__isnull=False)
    assert end.opportunity is not None
    assert end.opportunity.title == CARPENTRY_TRAINING
    assert end.relationship.client.last_name == "Rautio"
    # The worker finds the training on the service map; the client sees it in OmaPolku.
    client.force_login(User.objects.get(username="sanna.virtanen"))
    page = client.get(reverse("network:map"), {"help": "training"}).text
    assert CARPENTRY_TRAINING in page
    assert "Verstas" in client.get(reverse("network:map"), {"help": "work_activity"}).text
    client.force_login(User.objects.get(username="mikko.korhonen"))
    own = client.get(reverse("network:own_opportunities")).text
    assert CARPENTRY_TRAINING in own
    assert "Palkkatukityö korjaamossa" not in own  # not public


# --- portal ------------------------------------------------------------------------------------
def _plan(relationship: ClientRelationship) -> ActivationPlan:
    return ActivationPlan.objects.signed().filter(relationship=relationship).latest("number")


def test_every_demo_clients_omapolku_shows_their_worker_meetings_plan_goals_and_documents(
    demo: str,
    client: DjangoClient,
) -> None:
    usernames = [row[0] for row in CLIENTS]
    # The clients with an open relationship; the feedback demo adds logins for two clients whose
    # relationship has ended (polku/demo/feedback.py), whose start page shows the ended one.
    assert set(usernames) <= set(
        User.objects.filter(role_assignments__role=Role.CLIENT).values_list("username", flat=True)
    )
    for username in usernames:
        person = Client.objects.get(user__username=username)
        relationship = person.relationships.open().get()
        worker = relationship.responsible_worker
        assert worker is not None, username
        assert person.user is not None
        client.force_login(person.user)
        page = client.get(reverse("portal:client_start")).text
        assert worker.get_full_name() in page, username
        assert "Voit soittaa näinä päivinä:" in page, username  # the phone hours
        assert "Kuka tekee mitä" in page, username
        decided = Decision.objects.filter(relationship=relationship, status="decided")
        if decided.exists():  # Emma Salo, at S8, has no decision yet
            assert "Päätöksen tekijä" in page, username
        assert "Sinulle ei ole varattu tapaamisia" not in page, username
        assert "Kenen kanssa:" in page, username
        assert "Allekirjoitettu" in page, username  # the plan
        assert "Sinulla ei ole vielä tavoitteita" not in page, username
        assert "Muista nämä päivät" in page, username
        documents = client.get(reverse("portal:my_documents")).text
        assert reverse("portal:own_plan_pdf", args=[_plan(relationship).pk]) in documents
        if decided.exists():
            assert "Lue päätös" in documents, username
    assert Decision.objects.filter(relationship__client__user__username__in=usernames).exists()

    # The Swedish-speaking clients read their own record in Swedish: the plan, the goals, the
    # staff titles; Sofia Backman (ended) also her certificate, with no promise of a meeting.
    client.cookies["polku_language"] = "sv"
    for username in ("johan.lindqvist", "sofia.backman"):
        person = Client.objects.get(user__username=username)
        assert person.language == "sv", username
        assert person.user is not None
        client.force_login(person.user)
        page = client.get(reverse("portal:client_start")).text
        assert "socialhandledare" in page, username
        assert "sosiaaliohjaaja" not in page, username
        assert "Arbetsverksamhet i rehabiliteringssyfte 3 dagar i veckan" in page, username
        assert "päivää viikossa" not in page, username
        assert "Jag kommer i tid till arbetsverksamheten" in page, username  # a goal
        assert "Tulen " not in page, username
    sofia = Client.objects.get(user__username="sofia.backman")
    assert sofia.user is not None
    client.force_login(sofia.user)
    page = client.get(reverse("portal:client_start")).text
    assert "Din klientrelation har upphört, så du har inga fler möten." in page
    assert "socialarbetare" in page  # the decision maker
    certificate = Certificate.objects.get(period__relationship__client=sofia)
    assert certificate.tasks_done.startswith("Renovering och ytbehandling av möbler")
    assert certificate.signer_title == "handledare inom arbetsverksamhet"


# --- the OmaPolku logins ---------------------------------------------------------------------
def test_the_demo_lists_every_omapolku_login_and_one_self_evaluation_is_open(
    demo: str, client: DjangoClient
) -> None:
    """The output names each client login with what their OmaPolku shows; Petri Heikkilä
    (S12) finds the final evaluation's self-evaluation waiting on his start page."""
    from polku.evaluation.models import Evaluation, EvaluationKind

    for username in (
        "mikko.korhonen",
        "johan.lindqvist",
        "aino.makinen",
        "emma.salo",
        "petri.heikkila",
        "sofia.backman",
        "ismo.kinnunen",
    ):
        assert username in demo.split("OmaPolku, the clients' own pages")[1], username
    petri = User.objects.get(username="petri.heikkila")
    final = Evaluation.objects.get(relationship__client__user=petri, kind=EvaluationKind.FINAL)
    client.force_login(petri)
    page = client.get(reverse("portal:client_start")).text
    assert reverse("evaluation:my_evaluation", args=[final.pk]) in page


# --- units' Swedish names ----------------------------------------------------------------------
def test_the_demos_public_units_have_swedish_names_shown_to_swedish_clients(
    demo: str, client: HttpClient
) -> None:
    """The municipalities, the organiser, the employment authority, the social-services units
    and the public bodies' places have Swedish names; an association's place has none and is
    named in Finnish on a Swedish page (``Unit.name_in``)."""
    from polku.core.tests.test_documents import pdf_text

    swedish = dict(Unit.objects.exclude(name_sv="").values_list("name", "name_sv"))
    assert swedish["Järvenkylän kaupunki"] == "Järvenkylä stad"
    assert swedish["Koskimäen kunta"] == "Koskimäki kommun"
    assert swedish["Aikuissosiaalityö, Järvenkylä"] == "Vuxensocialarbete, Järvenkylä"
    assert swedish["Toimintakeskus Verstas"] == "Verksamhetscentret Verstas"
    assert Unit.objects.get(name="Kierrätyskeskus Kiertokulku ry").name_sv == ""
    client.force_login(User.objects.get(username="sofia.backman"))
    client.cookies["polku_language"] = "sv"
    home = client.get(reverse("feedback:home")).text
    assert "Verksamhetscentret Verstas" in home
    assert "Toimintakeskus Verstas" not in home
    certificate = Certificate.objects.get(
        period__relationship__client__user__username="sofia.backman"
    )
    assert "Verksamhetscentret Verstas" in pdf_text(bytes(certificate.document or b""))
    client.force_login(User.objects.get(username="johan.lindqvist"))
    start = client.get(reverse("portal:client_start")).text
    assert "Vuxensocialarbete, Koskimäki" in start
    assert "Aikuissosiaalityö, Koskimäki" not in start
    assert "Kierrätyskeskus Kiertokulku ry" in start  # no Swedish name: the Finnish one
